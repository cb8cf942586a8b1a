/**
 * Tweet length as X counts it (twitter-text configuration v3): code points in the ranges below
 * weigh 1, everything else (CJK, most symbols) 2, an emoji sequence 2 in all, a URL always 23.
 * Text is counted after NFC normalisation. The limit is 280.
 */
export const MAX_TWEET_WEIGHT = 280;
const URL_WEIGHT = 23;
const LIGHT_RANGES: readonly [number, number][] = [
  [0, 4351],
  [8192, 8205],
  [8208, 8223],
  [8242, 8247],
];

// Roughly twitter-text's URL extraction: explicit schemes and bare domains with a common TLD.
const URL_PATTERN = /\bhttps?:\/\/[^\s]+|\b(?:[a-z0-9-]+\.)+(?:com|net|org|id|go\.id|co|io|ly|me|info)(?:\/[^\s]*)?/giu;
const EMOJI = /\p{Extended_Pictographic}/u;

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

function graphemeWeight(grapheme: string): number {
  if (EMOJI.test(grapheme)) return 2;
  let weight = 0;
  for (const ch of grapheme) {
    const cp = ch.codePointAt(0) ?? 0;
    weight += LIGHT_RANGES.some(([lo, hi]) => cp >= lo && cp <= hi) ? 1 : 2;
  }
  return weight;
}

function plainWeight(text: string): number {
  let weight = 0;
  for (const { segment } of segmenter.segment(text)) weight += graphemeWeight(segment);
  return weight;
}

export function weightedLength(text: string): number {
  const normalised = text.normalize('NFC');
  let weight = 0;
  let last = 0;
  for (const match of normalised.matchAll(URL_PATTERN)) {
    weight += plainWeight(normalised.slice(last, match.index)) + URL_WEIGHT;
    last = match.index + match[0].length;
  }
  return weight + plainWeight(normalised.slice(last));
}

/**
 * Cuts `text` to at most `max` weighted characters at a grapheme boundary, ending in "…" when cut.
 * Our replies put the tracking number first, so a cut only ever loses trailing advice.
 */
export function fitWeighted(text: string, max: number): string {
  if (weightedLength(text) <= max) return text;
  const ellipsis = '…';
  const room = max - weightedLength(ellipsis);
  let out = '';
  for (const { segment } of segmenter.segment(text.normalize('NFC'))) {
    if (weightedLength(out + segment) > room) break;
    out += segment;
  }
  return out.trimEnd() + ellipsis;
}
