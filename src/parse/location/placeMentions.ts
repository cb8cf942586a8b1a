import { ParseDeadline } from '../parseBudget';
import type { NameEntry, NameHit, NameIndex } from './nameIndex';
import type { PlaceToken } from './placeText';
import type { Region, RegionLevel } from './regionTable';
import { MIN_TYPO_LENGTH, type TypoFinder } from './typoIndex';

/** What an administrative word before a name says the name is. */
interface PrefixRule {
  level: RegionLevel;
  kind?: 'kabupaten' | 'kota';
}

const PREFIXES: Readonly<Record<string, PrefixRule>> = {
  prov: { level: 'province' },
  provinsi: { level: 'province' },
  propinsi: { level: 'province' },
  pemprov: { level: 'province' },
  kab: { level: 'regency', kind: 'kabupaten' },
  kabupaten: { level: 'regency', kind: 'kabupaten' },
  pemkab: { level: 'regency', kind: 'kabupaten' },
  kota: { level: 'regency', kind: 'kota' },
  kotamadya: { level: 'regency', kind: 'kota' },
  kodya: { level: 'regency', kind: 'kota' },
  pemkot: { level: 'regency', kind: 'kota' },
  kec: { level: 'district' },
  kecamatan: { level: 'district' },
  distrik: { level: 'district' },
  kel: { level: 'village' },
  kelurahan: { level: 'village' },
  desa: { level: 'village' },
  ds: { level: 'village' },
};
/** "sungai Kapuas" is a river, not Kabupaten Kapuas. */
const NATURAL_FEATURES = new Set(['sungai', 'danau', 'selat']);
/** Misspelt names are corrected only from this length without a prefix ("gorong" is no Sorong). */
const MIN_UNPREFIXED_TYPO_LENGTH = 7;
/** Districts named without "Kec." stand alone only from this length ("Mau", "Teras" are words). */
const MIN_UNPREFIXED_DISTRICT_LENGTH = 6;
/** Words allowed between a prefix and the name: "Kota Administrasi Jakarta Selatan". */
const PREFIX_FILLERS = new Set(['administrasi', 'adm']);

/** How much a candidate counts towards a reading of the message, and what it needs to count. */
export interface Candidate {
  region: Region;
  weight: number;
  /** May stand alone as the answer; otherwise it only refines an answer other words support. */
  anchor: boolean;
  /** Counts only when its own parent region is named too (everyday-word names like "Sari"). */
  needsParent: boolean;
  /** Found through a landmark of config/regions/aliases.json, not a name of the region. */
  landmark?: boolean;
}

export interface Mention {
  /** As written in the message. */
  text: string;
  tokenStart: number;
  tokenEnd: number;
  prefix: string | null;
  typo: boolean;
  generic: boolean;
  /** Set off by a comma at the very end of the message, where senders sign their place. */
  signOff?: boolean;
  candidates: Candidate[];
}

export interface MentionContext {
  names: NameIndex;
  /** Province and regency names, corrected anywhere in a message. */
  typos: TypoFinder;
  /** District names, corrected only after "Kec." and the like. */
  districtTypos: TypoFinder;
  commonWords: ReadonlySet<string>;
}

/**
 * How much a name counts, by level. Higher levels weigh more: people name their city right more
 * often than their village, and a lower-level name is more often shared by several places.
 */
const UNPREFIXED_WEIGHT: Readonly<Record<RegionLevel, number>> = { province: 0.9, regency: 0.9, district: 0.6, village: 0.4 };
const PREFIXED_WEIGHT: Readonly<Record<RegionLevel, number>> = { province: 1, regency: 1, district: 0.95, village: 0.85 };
const TYPO_FACTOR = 0.8;
/**
 * A landmark (config/regions/aliases.json) is our knowledge of where a place lies, not the
 * sender's word for the region: it places a message alone, but a region named outright outweighs it.
 */
const LANDMARK_WEIGHT = 0.75;

/**
 * Finds the place names in a message, left to right, longest first. A name right after an
 * administrative word is taken only at that level ("Kota Bandung" is not Kabupaten Bandung).
 */
export function findMentions(
  text: string,
  tokens: readonly PlaceToken[],
  skip: ReadonlySet<number>,
  ctx: MentionContext,
  deadline: ParseDeadline = ParseDeadline.none(),
): Mention[] {
  const words = tokens.map((t) => t.word);
  const mentions: Mention[] = [];
  const readings = new Readings(ctx);
  const original = (from: number, to: number): string => text.slice(tokens[from]?.start ?? 0, tokens[to - 1]?.end ?? 0);

  let i = 0;
  while (i < words.length) {
    deadline.tick('place names');
    if (skip.has(i)) {
      i++;
      continue;
    }
    const prefixed = prefixedAt(words, i, ctx);
    const longest = ctx.names.longestAt(words, i);
    const plain = preferRegion(longest, ctx.names.longestAt(words, i, (e) => e.region.level !== 'village'));
    // A prefix wins unless the prefix word itself starts a longer name ("Kota Baru" is Kotabaru).
    if (plain && !prefixed && NATURAL_FEATURES.has(words[i - 1] ?? '')) {
      i += plain.length;
      continue;
    }
    if (prefixed && (!plain || prefixed.end - i >= plain.length)) {
      mentions.push(readings.mention(original(i, prefixed.end), i, prefixed.end, prefixed.word, false, prefixed.key, prefixed.entries));
      i = prefixed.end;
      continue;
    }
    // A prefix word alone is no name; it may start one ("Kota Baru"), never be one.
    if (plain && (plain.length > 1 || !PREFIXES[words[i] ?? ''])) {
      mentions.push(readings.mention(original(i, i + plain.length), i, i + plain.length, null, false, `${plain === longest ? 'any' : 'region'}:${plain.key}`, plain.entries));
      i += plain.length;
      continue;
    }
    i++;
  }
  addTypoMentions(text, tokens, words, skip, mentions, readings, ctx, deadline);
  mentions.sort((a, b) => a.tokenStart - b.tokenStart);
  markSignOff(text, tokens, mentions);
  return mentions;
}

/**
 * "…, palembang": a name set off by a comma at the very end is where senders sign their place
 * (SMS and social media), so it counts as much as a name with its prefix, over places the message
 * only talks about ("study tour ke bali").
 */
function markSignOff(text: string, tokens: readonly PlaceToken[], mentions: Mention[]): void {
  const last = mentions[mentions.length - 1];
  if (!last || last.prefix !== null || last.tokenEnd !== tokens.length || last.tokenStart === 0) return;
  const before = text.slice(tokens[last.tokenStart - 1]?.end ?? 0, tokens[last.tokenStart]?.start ?? 0);
  const after = text.slice(tokens[tokens.length - 1]?.end ?? text.length);
  if (!before.includes(',') || !/^[\s.!]*$/.test(after)) return;
  last.signOff = true;
  // Its own copy: the list is shared with every other mention of the same name.
  last.candidates = last.candidates.map((c) => (c.anchor ? { ...c, weight: Math.max(c.weight, PREFIXED_WEIGHT[c.region.level]) } : c));
}

/**
 * A longer name that is only a village loses to a shorter one that is a region people name
 * alone: "surabaya utara" is the city and a direction, not a village called Surabaya Utara.
 */
function preferRegion(longest: NameHit | null, region: NameHit | null): NameHit | null {
  if (longest && region && longest.entries.every((e) => e.region.level === 'village')) return region;
  return longest;
}

function prefixedAt(
  words: readonly string[],
  i: number,
  ctx: MentionContext,
): { word: string; end: number; key: string; entries: NameEntry[]; nameStart: number } | null {
  const word = words[i] ?? '';
  const rule = PREFIXES[word];
  if (!rule) return null;
  let nameStart = i + 1;
  if (PREFIX_FILLERS.has(words[nameStart] ?? '')) nameStart++;
  const hit = ctx.names.longestAt(words, nameStart, (e) => fitsPrefix(e.region, rule));
  return hit ? { word, end: nameStart + hit.length, key: hit.key, entries: hit.entries, nameStart } : null;
}

function fitsPrefix(region: Region, rule: PrefixRule): boolean {
  return region.level === rule.level && (rule.kind === undefined || region.kind === rule.kind);
}

/**
 * Misspelt names of provinces, regencies and (after "Kec.") districts, in words no exact name
 * covered. Village names are never corrected: 84k of them, many a letter apart.
 */
function addTypoMentions(
  text: string,
  tokens: readonly PlaceToken[],
  words: readonly string[],
  skip: ReadonlySet<number>,
  mentions: Mention[],
  readings: Readings,
  ctx: MentionContext,
  deadline: ParseDeadline,
): void {
  const covered = new Set<number>(skip);
  for (const m of mentions) for (let t = m.tokenStart; t < m.tokenEnd; t++) covered.add(t);
  for (let i = 0; i < words.length; i++) {
    deadline.tick('misspelt place names');
    const rule = PREFIXES[words[i - 1] ?? ''];
    if (rule?.level === 'village') continue;
    for (let length = 2; length >= 1; length--) {
      // Most words are too short to be corrected: said before any string is built for them.
      const letters = (words[i]?.length ?? 0) + (length === 2 ? (words[i + 1]?.length ?? 0) : 0);
      if (letters < (rule ? MIN_TYPO_LENGTH : MIN_UNPREFIXED_TYPO_LENGTH)) continue;
      const span = words.slice(i, i + length);
      if (span.length < length || span.some((_, k) => covered.has(i + k) || PREFIXES[span[k] ?? ''])) continue;
      if (span.every((w) => ctx.commonWords.has(w) || /^\d+$/.test(w))) continue;
      const key = span.join(' ');
      const match = (rule?.level === 'district' ? ctx.districtTypos : ctx.typos).closest(key);
      // People rarely mistype the first letter; a different one is usually a different word ("lubang", Subang).
      if (!match || match.key[0] !== key[0]) continue;
      const prefix = rule ? (words[i - 1] ?? null) : null;
      const entries = () =>
        (ctx.names.longestAt(match.key.split(' '), 0)?.entries ?? []).filter(
          (e) => !e.alias && (rule ? fitsPrefix(e.region, rule) : e.region.level === 'province' || e.region.level === 'regency'),
        );
      const start = rule ? i - 1 : i;
      const mentionText = text.slice(tokens[start]?.start ?? 0, tokens[i + length - 1]?.end ?? 0);
      const mention = readings.mention(mentionText, start, i + length, prefix, true, match.key, entries);
      if (mention.candidates.length === 0) continue;
      mentions.push(mention);
      for (let k = start; k < i + length; k++) covered.add(k);
      break;
    }
  }
}

/**
 * The candidates of each name read in one message, made once: a message that repeats a name a
 * thousand times gets a thousand mentions sharing one list, which is also how the resolver knows
 * them for one name and weighs them in one step. `key` says which entries a name stands for:
 * the same words read through another filter (a prefix, regions only) are another reading.
 */
class Readings {
  private readonly byName = new Map<string, Pick<Mention, 'generic' | 'candidates'>>();

  constructor(private readonly ctx: MentionContext) {}

  mention(
    text: string,
    tokenStart: number,
    tokenEnd: number,
    prefix: string | null,
    typo: boolean,
    key: string,
    entries: readonly NameEntry[] | (() => readonly NameEntry[]),
  ): Mention {
    const name = `${typo ? 'typo' : 'exact'}|${prefix ?? ''}|${key}`;
    let reading = this.byName.get(name);
    if (!reading) {
      reading = readingOf(prefix, typo, typeof entries === 'function' ? entries() : entries, this.ctx);
      this.byName.set(name, reading);
    }
    return { text, tokenStart, tokenEnd, prefix, typo, ...reading };
  }
}

function readingOf(prefix: string | null, typo: boolean, entries: readonly NameEntry[], ctx: MentionContext): Pick<Mention, 'generic' | 'candidates'> {
  const names = entries.filter((e) => !e.landmark);
  const generic = names.length > 0 && names.every((e) => isGenericName(e.region.baseName, ctx.commonWords));
  const candidates = entries.map((entry): Candidate => {
    if (entry.landmark) return { region: entry.region, weight: LANDMARK_WEIGHT, anchor: entry.landmark === 'alone', needsParent: false, landmark: true };
    const level = entry.region.level;
    let weight = (prefix ? PREFIXED_WEIGHT : UNPREFIXED_WEIGHT)[level];
    if (typo) weight *= TYPO_FACTOR;
    const longDistrict = level === 'district' && !typo && entry.region.baseName.replace(/[^\p{L}]/gu, '').length >= MIN_UNPREFIXED_DISTRICT_LENGTH;
    const anchor = prefix !== null || (!generic && (level === 'province' || level === 'regency' || longDistrict));
    // A village named without "Desa"/"Kel." counts only beside its own district: a regency has
    // hundreds of villages, and some are always called like an everyday word ("Butuh", "Tolong").
    const needsParent = prefix === null && level !== 'province' && (generic || level === 'village');
    return { region: entry.region, weight, anchor, needsParent };
  });
  return { generic, candidates };
}

function isGenericName(name: string, commonWords: ReadonlySet<string>): boolean {
  const words = name
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return words.length > 0 && words.every((w) => commonWords.has(w));
}
