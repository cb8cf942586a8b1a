import { readFileSync } from 'node:fs';
import { boundedNfkc } from '../message/boundedNfkc';
import { takeLinks } from './linkSpans';
import { projectFile } from './projectFile';

export interface NormalizedText {
  /** Standard Indonesian words and numbers, space-separated: what the classifiers read. */
  text: string;
  tokens: string[];
  mentions: string[];
  urls: string[];
  hashtags: string[];
}

interface SlangFile {
  words: Record<string, string>;
  keepDoubles: string[];
  english: { words: Record<string, string> };
}

const MENTION = /@[\p{L}\p{N}_.]+/gu;
// A '#' before digits is a tracking number ("CEK #1234567890"), not a hashtag.
const HASHTAG = /#(?!\d+\b)[\p{L}\p{N}_]+/gu;
// Numbers keep their inner separators so tracking numbers, prices and dates survive whole.
const TOKEN = /\p{N}+(?:[-./:,]\p{N}+)*|\p{L}+(?:2(?!\p{N}))?/gu;
/** The longest English phrase in the glossary, in words ("power outage", "would be great"). */
const LONGEST_PHRASE = 3;
const RUN_OF_THREE = /(\p{L})\1{2,}/gu;
const HAS_RUN_OF_THREE = /(\p{L})\1{2,}/u;

/**
 * Turns a citizen's message into standard lower-case Indonesian words: Unicode NFKC, repeated
 * letters squeezed ("baaanjiiir" → "banjir" but "maaf" stays), "anak2" → "anak anak", and SMS and
 * social-media shorthand expanded from config/slang.json. Mentions, links and hashtags are kept
 * aside: they say where a message was sent, not what it is about.
 */
export class Normalizer {
  private constructor(
    private readonly words: ReadonlyMap<string, string>,
    private readonly keepDoubles: ReadonlySet<string>,
    private readonly english: ReadonlyMap<string, string>,
  ) {}

  static load(): Normalizer {
    const file = JSON.parse(readFileSync(projectFile('config', 'slang.json'), 'utf8')) as SlangFile;
    return new Normalizer(new Map(Object.entries(file.words)), new Set(file.keepDoubles), new Map(Object.entries(file.english.words)));
  }

  /** How many shorthand words the dictionary knows. */
  get size(): number {
    return this.words.size;
  }

  normalize(raw: string): NormalizedText {
    const { links: urls, rest: withoutLinks } = takeLinks(boundedNfkc(raw).toLowerCase());
    let rest = withoutLinks;
    const mentions = takeAll(rest, MENTION);
    rest = rest.replace(MENTION, ' ');
    const hashtags = takeAll(rest, HASHTAG);
    rest = rest.replace(HASHTAG, ' ');

    const tokens: string[] = [];
    for (const match of rest.matchAll(TOKEN)) {
      const token = match[0];
      if (/^\p{N}/u.test(token)) {
        tokens.push(token);
        continue;
      }
      const doubled = token.endsWith('2');
      const word = this.squeeze(doubled ? token.slice(0, -1) : token);
      const expanded = this.expand(word);
      tokens.push(...expanded);
      if (doubled) tokens.push(...expanded);
    }
    return { text: tokens.join(' '), tokens, mentions, urls, hashtags };
  }

  /** Hashtag bodies as words ("#jalanrusak" → "jalanrusak"), for callers that want their signal. */
  hashtagWords(normalized: NormalizedText): string[] {
    return normalized.hashtags.flatMap((tag) => this.expand(this.squeeze(tag.slice(1).replace(/_/g, ''))));
  }

  /**
   * An English message word by word in the Indonesian of config/slang.json `english` (longest
   * phrase first, unknown words kept), so models trained on Indonesian can read the few English
   * reports. Only for text already judged English: "air" is water in Indonesian.
   */
  glossEnglish(raw: string): string[] {
    const words = takeLinks(boundedNfkc(raw).toLowerCase()).rest.replace(MENTION, ' ').replace(HASHTAG, ' ').match(/\p{L}+/gu) ?? [];
    const out: string[] = [];
    for (let i = 0; i < words.length; ) {
      const phrase = this.englishPhraseAt(words, i);
      out.push(...(phrase?.gloss.split(' ') ?? [words[i] ?? '']));
      i += phrase?.length ?? 1;
    }
    return out;
  }

  private englishPhraseAt(words: readonly string[], at: number): { gloss: string; length: number } | null {
    for (let length = Math.min(LONGEST_PHRASE, words.length - at); length > 0; length--) {
      const gloss = this.english.get(words.slice(at, at + length).join(' '));
      if (gloss !== undefined) return { gloss, length };
    }
    return null;
  }

  private expand(word: string): string[] {
    return (this.words.get(word) ?? word).split(' ');
  }

  private squeeze(word: string): string {
    if (!HAS_RUN_OF_THREE.test(word)) return word;
    const double = word.replace(RUN_OF_THREE, '$1$1');
    if (this.keepDoubles.has(double) || this.words.has(double)) return double;
    return word.replace(RUN_OF_THREE, '$1');
  }
}

function takeAll(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].map((m) => m[0]);
}
