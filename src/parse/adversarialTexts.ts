/**
 * Text shaped to make a matcher do more than linear work: place phrases repeated (each naming
 * up to 120 villages), runs of prefixes, dotted labels and link openers, digits, emoji, greeting
 * and follow-up openers, one huge word, characters that NFKC expands (ﷺ → 18 characters). The
 * hostile property test drives every pattern with them
 * and `npm run bench` reports the slowest parse among them.
 */
export const ADVERSARIAL_PHRASES: readonly string[] = [
  'desa sukamaju ',
  'Desa Sukamaju ',
  'kec kec ',
  'kota kota bandung ',
  'sukajadi bandung ',
  'desa sukamaju desa mekarsari desa karanganyar desa mekarjaya desa sidomulyo kec coblong ',
  'surabya bandnug jakrta ',
  'jl. merdeka depan pasar rt 01 rw 02 ',
  'a-a.',
  'a.',
  'http://',
  'www.',
  'x.co/',
  '1',
  '1 ',
  '1-',
  '#1',
  '@a',
  '@lapor1708 ',
  '#rahasia',
  'ab',
  'aaa ',
  '😀',
  '😀 ',
  'selamat pagi, ',
  'tambahan ',
  'lokasinya ',
  'laporan saya tadi ',
  '\n',
  ', ',
  'Desa Sukamaju kec Coblong jl. Merdeka http://a-a.b 12345 😀 ',
  // NFKC multiplies these: one character becomes up to 18 ("ﷺ"), so the text every later step reads grows.
  '\uFDFA',
  '\uFDFA ',
  '\u337B',
  '\uFB03',
  '\uFB03 ',
  '\u2474',
  'ｄｅｓａ ｓｕｋａｍａｊｕ ',
];

/** `unit` repeated and cut to exactly `length` characters. */
export function repeatTo(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** Each phrase of ADVERSARIAL_PHRASES repeated to `length` characters. */
export function adversarialTexts(length: number): { phrase: string; text: string }[] {
  return ADVERSARIAL_PHRASES.map((phrase) => ({ phrase, text: repeatTo(phrase, length) }));
}
