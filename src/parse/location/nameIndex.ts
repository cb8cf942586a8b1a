import { placeKey } from './placeText';
import type { Region, RegionTable } from './regionTable';

/**
 * A landmark of config/regions/aliases.json: 'alone' names its place by itself ("blok m"),
 * 'withRegion' only beside a name of its region ("puncak bogor").
 */
export type LandmarkUse = 'alone' | 'withRegion';

export interface NameEntry {
  region: Region;
  /** Matched through config/regions/aliases.json rather than the official name. */
  alias: boolean;
  /** Set when the name is a landmark in the region rather than a name of the region. */
  landmark?: LandmarkUse;
}

/** What config/regions/aliases.json lists besides the aliases. */
export interface Landmarks {
  alone: Readonly<Record<string, string>>;
  withRegion: Readonly<Record<string, string>>;
}

const NO_LANDMARKS: Landmarks = { alone: {}, withRegion: {} };

export interface NameHit {
  /** Tokens consumed, starting at the position asked about. */
  length: number;
  key: string;
  entries: NameEntry[];
}

const ACCEPT_ALL = (): boolean => true;

/** A name written as one word is tried against up to this many words of the message. */
const MAX_COMPACT_TOKENS = 3;

/**
 * Exact lookup of place names by their folded words, built once at load. A name written as one
 * word or several ("Gunungkidul" / "Gunung Kidul", "Buahbatu" / "Buah Batu") is found either way.
 */
export class NameIndex {
  private readonly byKey = new Map<string, NameEntry[]>();
  /** Every proper word-prefix of a key, so a scan stops as soon as no name can continue. */
  private readonly prefixes = new Set<string>();
  private maxTokens = 1;

  constructor(table: RegionTable, aliases: Readonly<Record<string, readonly string[]>>, landmarks: Landmarks = NO_LANDMARKS) {
    for (const region of table.all()) {
      for (const key of nameKeys(region)) this.add(key, { region, alias: false });
    }
    const regionOf = (name: string, code: string): Region => {
      const region = table.get(code);
      if (!region) throw new Error(`config/regions/aliases.json: "${name}" names unknown region ${code}`);
      return region;
    };
    for (const [alias, codes] of Object.entries(aliases)) {
      const key = placeKey(alias);
      for (const code of codes) {
        const region = regionOf(alias, code);
        // An alias may repeat an official name ("yogyakarta"); the region is listed once.
        if (!this.byKey.get(key)?.some((e) => e.region === region)) this.add(key, { region, alias: true });
      }
    }
    for (const use of ['alone', 'withRegion'] as const) {
      for (const [name, code] of Object.entries(landmarks[use])) {
        this.add(placeKey(name), { region: regionOf(name, code), alias: true, landmark: use });
      }
    }
  }

  /** Every key with its entries, for the typo index. */
  entries(): IterableIterator<[string, NameEntry[]]> {
    return this.byKey.entries();
  }

  /**
   * The longest name starting at `words[start]` whose entries pass `accept`, trying the words as
   * written and, for two or three words, joined into one.
   */
  longestAt(words: readonly string[], start: number, accept: (entry: NameEntry) => boolean = ACCEPT_ALL): NameHit | null {
    let best: NameHit | null = null;
    let key = '';
    let compact = '';
    const last = Math.min(words.length, start + this.maxTokens);
    for (let end = start; end < last; end++) {
      const word = words[end] ?? '';
      key = key ? `${key} ${word}` : word;
      compact += word;
      const length = end - start + 1;
      for (const candidate of length > 1 && length <= MAX_COMPACT_TOKENS ? [key, compact] : [key]) {
        const found = this.byKey.get(candidate);
        if (found && (accept === ACCEPT_ALL || found.some(accept))) best = { length, key: candidate, entries: found };
      }
      // Joined forms have no word-prefixes to prune by, so the first few words are always tried.
      if (length >= MAX_COMPACT_TOKENS && !this.prefixes.has(key)) break;
    }
    // Filtered once, for the name kept; the stored list itself when every entry passes (the
    // common case), so a name repeated through a message costs no copy per mention.
    if (best && accept !== ACCEPT_ALL && !best.entries.every(accept)) best.entries = best.entries.filter(accept);
    return best;
  }

  private add(key: string, entry: NameEntry): void {
    if (!key) return;
    const list = this.byKey.get(key);
    if (list) list.push(entry);
    else this.byKey.set(key, [entry]);
    let words = 1;
    for (let space = key.indexOf(' '); space > 0; space = key.indexOf(' ', space + 1)) {
      this.prefixes.add(key.slice(0, space));
      words++;
    }
    if (words > this.maxTokens) this.maxTokens = words;
  }
}

/** The keys a region is found by: its base name, each "/"-separated alternative, without notes in brackets. */
function nameKeys(region: Region): Iterable<string> {
  if (region.level !== 'province' && !/[(/]/.test(region.baseName)) {
    const key = placeKey(region.baseName);
    return key.includes(' ') ? [key, key.replace(/ /g, '')] : [key];
  }
  const keys = new Set<string>();
  const names = [region.baseName];
  if (region.level === 'province') names.push(region.name);
  for (const name of names) {
    const withoutNotes = name.replace(/\([^)]*\)/g, ' ');
    keys.add(placeKey(withoutNotes));
    if (withoutNotes.includes('/')) for (const part of withoutNotes.split('/')) keys.add(placeKey(part));
  }
  for (const key of [...keys]) if (key.includes(' ')) keys.add(key.replace(/ /g, ''));
  keys.delete('');
  return keys;
}
