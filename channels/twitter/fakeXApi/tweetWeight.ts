/**
 * X's own length rule as the fake enforces it (twitter-text v3: code points in the Latin and
 * general-punctuation ranges weigh 1, others 2, URLs 23), written separately from the channel's
 * counter so a mistake there is caught here. Emoji sequences count per code point: stricter than X.
 */
const LIGHT: readonly [number, number][] = [
  [0, 4351],
  [8192, 8205],
  [8208, 8223],
  [8242, 8247],
];

export function tweetWeight(text: string): number {
  let weight = 0;
  const withoutUrls = text.normalize('NFC').replace(/https?:\/\/\S+/g, () => {
    weight += 23;
    return '';
  });
  for (const ch of withoutUrls) {
    const cp = ch.codePointAt(0) ?? 0;
    weight += LIGHT.some(([lo, hi]) => cp >= lo && cp <= hi) ? 1 : 2;
  }
  return weight;
}
