import { stripNul } from './stripNul';

describe('stripNul', () => {
  it('removes NUL from strings, keys and nested values, keeping everything else', () => {
    const when = new Date('2026-11-23T00:00:00Z');
    expect(stripNul({ text: 'jalan\u0000 rusak', raw: { 'a\u0000b': ['x\u0000', 1, null, true] }, when })).toEqual({
      text: 'jalan rusak',
      raw: { ab: ['x', 1, null, true] },
      when,
    });
  });

  it('keeps a "__proto__" key from outside as data, without touching prototypes', () => {
    const out = stripNul(JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(out)).toEqual(['__proto__']);
  });
});
