import fc from 'fast-check';
import { boundedNfkc } from './boundedNfkc';

describe('boundedNfkc', () => {
  it('is String.prototype.normalize("NFKC") for text that stays within the limit', () => {
    const unit = fc.constantFrom(...[...'aé\u0301ﬃ㍻ｱﾞ가\u1161Ⅻ½😀\uFDFA.']);
    const words = fc.array(fc.string({ unit, maxLength: 40 }), { maxLength: 200 }).map((ws) => ws.join(' '));
    fc.assert(fc.property(words, (text) => expect(boundedNfkc(text, 1_000_000)).toBe(text.normalize('NFKC'))));
    expect(boundedNfkc('Ｌａｐｏｒ ﬃ ㍻ café')).toBe('Lapor ffi 平成 café');
  });

  it('stops at the limit however much the text expands: 20,000 "ﷺ" give 20,000 characters, not 360,000', () => {
    const out = boundedNfkc('\uFDFA'.repeat(20_000));
    expect(out).toHaveLength(20_000);
    expect(out.startsWith('\uFDFA'.normalize('NFKC'))).toBe(true);
  });

  it('never cuts a surrogate pair in two', () => {
    const out = boundedNfkc(`a${'😀'.repeat(100)}`, 8);
    expect(out).toBe('a😀😀😀');
  });
});
