/**
 * A dictionary-free Indonesian stemmer after Tala's Porter-style algorithm (F. Z. Tala, "A Study of
 * Stemming Effects on Information Retrieval in Bahasa Indonesia", 2003): particles, possessive
 * pronouns, first- and second-order derivational prefixes and derivational suffixes are removed by
 * rule, with the paper's guards (a word keeps at least two vowels; some prefix/suffix pairs never
 * occur together). It over- and under-stems sometimes, which is fine for classification: what
 * matters is that "diperbaiki", "perbaikan" and "memperbaiki" land on one feature.
 */

const VOWELS = /[aeiou]/g;

/** What kind of prefix was removed decides which suffixes may follow. */
enum Prefix {
  None,
  DiMengTer,
  Per,
  KePeng,
  Ber,
}

function measure(word: string): number {
  return word.match(VOWELS)?.length ?? 0;
}

function isVowel(ch: string | undefined): boolean {
  return ch !== undefined && 'aeiou'.includes(ch);
}

function removeEnding(word: string, endings: readonly string[]): string {
  for (const ending of endings) {
    if (word.endsWith(ending) && measure(word.slice(0, -ending.length)) >= 2) return word.slice(0, -ending.length);
  }
  return word;
}

interface Stripped {
  word: string;
  prefix: Prefix;
}

function removeFirstOrderPrefix(word: string): Stripped | null {
  const rest = (n: number) => word.slice(n);
  const after = (n: number) => word[n];
  let result: Stripped | null = null;
  if (word.startsWith('meng')) result = { word: rest(4), prefix: Prefix.DiMengTer };
  else if (word.startsWith('meny') && isVowel(after(4))) result = { word: `s${rest(4)}`, prefix: Prefix.DiMengTer };
  // "men"/"pen" before a vowel stand for a dropped t ("menulis" ← tulis, "penerangan" ← terang).
  else if (word.startsWith('men')) result = { word: isVowel(after(3)) ? `t${rest(3)}` : rest(3), prefix: Prefix.DiMengTer };
  else if (word.startsWith('mem')) result = { word: isVowel(after(3)) ? `p${rest(3)}` : rest(3), prefix: Prefix.DiMengTer };
  else if (word.startsWith('me')) result = { word: rest(2), prefix: Prefix.DiMengTer };
  else if (word.startsWith('peng')) result = { word: rest(4), prefix: Prefix.KePeng };
  else if (word.startsWith('peny') && isVowel(after(4))) result = { word: `s${rest(4)}`, prefix: Prefix.KePeng };
  else if (word.startsWith('pen')) result = { word: isVowel(after(3)) ? `t${rest(3)}` : rest(3), prefix: Prefix.KePeng };
  else if (word.startsWith('pem')) result = { word: isVowel(after(3)) ? `p${rest(3)}` : rest(3), prefix: Prefix.KePeng };
  else if (word.startsWith('di')) result = { word: rest(2), prefix: Prefix.DiMengTer };
  else if (word.startsWith('ter')) result = { word: rest(3), prefix: Prefix.DiMengTer };
  else if (word.startsWith('ke')) result = { word: rest(2), prefix: Prefix.KePeng };
  return result !== null && measure(result.word) >= 2 ? result : null;
}

function removeSecondOrderPrefix(word: string): Stripped | null {
  let result: Stripped | null = null;
  if (word.startsWith('per')) result = { word: word.slice(3), prefix: Prefix.Per };
  else if (word.startsWith('pelajar')) result = { word: word.slice(3), prefix: Prefix.Per };
  else if (word.startsWith('pe')) result = { word: word.slice(2), prefix: Prefix.Per };
  else if (word.startsWith('ber')) result = { word: word.slice(3), prefix: Prefix.Ber };
  else if (word.startsWith('belajar')) result = { word: word.slice(3), prefix: Prefix.Ber };
  else if (/^be[^aeiour]er/.test(word)) result = { word: word.slice(2), prefix: Prefix.Ber };
  return result !== null && measure(result.word) >= 2 ? result : null;
}

function removeSuffix(word: string, prefix: Prefix): string {
  const allowed = (suffix: string): boolean => {
    if (suffix === 'kan') return prefix !== Prefix.KePeng && prefix !== Prefix.Per;
    if (suffix === 'an') return prefix !== Prefix.DiMengTer;
    return prefix !== Prefix.Ber && prefix !== Prefix.KePeng && !word.endsWith('si');
  };
  for (const suffix of ['kan', 'an', 'i']) {
    if (word.endsWith(suffix) && allowed(suffix) && measure(word.slice(0, -suffix.length)) >= 2) {
      return word.slice(0, -suffix.length);
    }
  }
  return word;
}

export function stem(input: string): string {
  let word = input.toLowerCase();
  if (!/^[a-z]+$/.test(word) || measure(word) <= 2) return word;
  word = removeEnding(word, ['kah', 'lah', 'pun']);
  word = removeEnding(word, ['nya', 'ku', 'mu']);
  if (measure(word) <= 2) return word;

  const first = removeFirstOrderPrefix(word);
  if (first !== null) {
    word = measure(first.word) > 2 ? removeSuffix(first.word, first.prefix) : first.word;
    // "ke-pen-duduk-an": a nominal peng- may sit inside ke-…-an, and must go the way it goes alone.
    const inner = word.startsWith('pe') ? removeFirstOrderPrefix(word) : null;
    if (measure(word) > 2) word = (inner ?? removeSecondOrderPrefix(word))?.word ?? word;
    return word;
  }
  const second = removeSecondOrderPrefix(word);
  if (second !== null) {
    return measure(second.word) > 2 ? removeSuffix(second.word, second.prefix) : second.word;
  }
  return removeSuffix(word, Prefix.None);
}
