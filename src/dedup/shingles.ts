import { createHash } from 'node:crypto';
import { boundedNfkc } from '../message/boundedNfkc';

/**
 * Function words and politeness formulas that every complaint shares ("mohon", "tolong", "saya",
 * "di"): left in, they make two unrelated complaints look alike. Slang spellings are listed too
 * because the text may come from a parser that did not expand them.
 */
const STOPWORDS = new Set(
  (
    'yang yg di ke dari dr dan dn atau ini itu tsb tersebut ada adalah dengan dgn untuk utk buat pada ' +
    'karena krn karna juga jg sudah sdh udah udh telah akan mau saya sy aku gue kami kita anda mereka ' +
    'mohon mhn tolong tlg pak bu bapak ibu min mimin admin kak lapor lapor1708 sangat sekali banget bgt ' +
    'agar supaya biar bisa dapat oleh dalam sebagai para pun lah kah ya yah nya dong deh sih kok aja saja ' +
    'sj tapi tetapi namun jadi sehingga maka kalau kalo jika apa apakah bagaimana gimana kapan mana terima ' +
    'kasih makasih trims tks thx salam assalamualaikum selamat pagi siang sore malam hari ini kemarin the'
  ).split(' '),
);

const URL = /\b(?:https?:\/\/|www\.)\S+/gi;
const MENTION = /@\w+/g;
// A doubled letter carries no meaning in Indonesian spelling that people keep consistently
// ("parahhh", "tolooong", "maaf"/"maf"): collapsing every run keeps resends and retypes equal.
const REPEATS = /(\p{L})\1+/gu;
const NYA_MIN_LENGTH = 6;

/** Lower-case word and number tokens of a text, URLs and @mentions removed, letter runs collapsed. */
export function tokenize(text: string): string[] {
  const cleaned = boundedNfkc(text).toLowerCase().replace(URL, ' ').replace(MENTION, ' ').replace(REPEATS, '$1');
  return cleaned.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Tokens that say what the complaint is about: stopwords dropped, the possessive "-nya" cut off. */
export function contentTokens(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    const word = t.length >= NYA_MIN_LENGTH && t.endsWith('nya') ? t.slice(0, -3) : t;
    if (!STOPWORDS.has(word)) out.push(word);
  }
  return out;
}

/**
 * Word n-grams for n = 1..size. Unigrams are included because complaints are short (an SMS has a
 * dozen words): two citizens describing one pothole share words, rarely word pairs; bigrams keep
 * word order so that a resend scores higher than a reshuffled different complaint.
 */
export function shingles(tokens: readonly string[], size: number): Set<string> {
  const out = new Set<string>();
  for (let n = 1; n <= size; n++) {
    for (let i = 0; i + n <= tokens.length; i++) out.add(tokens.slice(i, i + n).join(' '));
  }
  return out;
}

/** Identity of the normalised text: equal for resends that differ only in case, spacing, punctuation or repeated letters. */
export function textKey(tokens: readonly string[]): string {
  return createHash('sha256').update(tokens.join(' ')).digest('hex').slice(0, 16);
}
