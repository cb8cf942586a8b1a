/**
 * One folding for place names and message text, so "Ra'as", "RA'AS" and "raas" meet, and
 * "Tj. Pinang" meets "Tanjung Pinang".
 */

export interface PlaceToken {
  /** Folded form: lower case, no marks, runs of 3+ equal letters squeezed ("bandunggg" → "bandung"). */
  word: string;
  /** Offsets of the token in the original text. */
  start: number;
  end: number;
}

/** Abbreviations that appear inside place names themselves, written either way in messages. */
const NAME_ABBREVIATIONS: Readonly<Record<string, string>> = {
  tj: 'tanjung',
  tg: 'tanjung',
  tjg: 'tanjung',
  kp: 'kampung',
  kep: 'kepulauan',
  gn: 'gunung',
  sumatra: 'sumatera',
};

const TOKEN = /[\p{L}\p{N}]+(?:['’"`][\p{L}\p{N}]+)*/gu;

const PLAIN = /^[a-z0-9]+$/;
const TRIPLE = /(\p{L})\1{2,}/u;

function foldWord(word: string): string {
  let folded = word.toLowerCase();
  // Most words are plain ASCII: skip the Unicode work that 90k names at load would otherwise pay.
  if (!PLAIN.test(folded)) {
    folded = folded
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/['’"`]/g, '');
  }
  if (TRIPLE.test(folded)) folded = folded.replace(/(\p{L})\1{2,}/gu, '$1');
  return NAME_ABBREVIATIONS[folded] ?? folded;
}

export function placeTokens(text: string): PlaceToken[] {
  const tokens: PlaceToken[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index;
    tokens.push({ word: foldWord(match[0]), start, end: start + match[0].length });
  }
  return tokens;
}

const SIMPLE_NAME = /^[A-Za-z0-9]+( [A-Za-z0-9]+)*$/;
const ABBREVIATED = new RegExp(`\\b(${Object.keys(NAME_ABBREVIATIONS).join('|')})\\b`, 'i');

/** The lookup key of a name: its folded words joined by one space. */
export function placeKey(name: string): string {
  // Most of the 90k official names are plain words; folding them token by token would dominate start-up.
  if (SIMPLE_NAME.test(name) && !ABBREVIATED.test(name) && !TRIPLE.test(name)) return name.toLowerCase();
  return placeTokens(name)
    .map((t) => t.word)
    .join(' ');
}
