import fc from 'fast-check';
import { linkSpans, takeLinks } from './linkSpans';

/** The pattern linkSpans replaces: right on short texts, quadratic on long runs of dotted labels. */
const BACKTRACKING_PATTERN = /\b(?:https?:\/\/|www\.)\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|id|net|org|xyz|ly|me|io|co|info|site|online|top|vip)(?:\/\S*)?/gu;

const byPattern = (text: string) => [...text.matchAll(BACKTRACKING_PATTERN)].map((m) => m[0]);
const found = (text: string) => linkSpans(text).map((s) => text.slice(s.start, s.end));

describe('linkSpans', () => {
  it.each([
    ['lihat https://x.co/abc ya', ['https://x.co/abc']],
    ['cek www.lapor.go.id sekarang', ['www.lapor.go.id']],
    ['promo di bit.ly/abc dan toko.com!', ['bit.ly/abc', 'toko.com']],
    ['foo.comet.br', ['foo.com']],
    ['a..com x', []],
    ['_abc-def.com', ['-def.com']],
    ['http:// kosong', []],
  ])('%s', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it('finds what the backtracking pattern finds, on any short text of link-like characters', () => {
    const alphabet = fc.constantFrom(...'aco-./:_hiwtdmp1 \u00e9'.split(''), 'com', 'http://', 'www.', '.id', '😀');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(found(text)).toEqual(byPattern(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('replaces each link with one space', () => {
    expect(takeLinks('a bit.ly/x b http://y c')).toEqual({ links: ['bit.ly/x', 'http://y'], rest: 'a   b   c' });
  });
});
