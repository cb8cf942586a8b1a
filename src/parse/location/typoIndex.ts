/**
 * Finds a place name within a small edit distance of a misspelt word ("Surabya" → Surabaya).
 * Distance counts a swap of neighbouring letters as one edit. A name is only corrected when
 * exactly one name is closest.
 */

/** Names shorter than this are never corrected: too many real words sit one edit from them. */
export const MIN_TYPO_LENGTH = 6;
/** From this length on, two edits are allowed. */
export const TWO_EDITS_LENGTH = 10;

export function allowedEdits(length: number): number {
  if (length >= TWO_EDITS_LENGTH) return 2;
  return length >= MIN_TYPO_LENGTH ? 1 : 0;
}

const RECENT_LIMIT = 20_000;
/** Words longer than this are looked up but not remembered, so the memory stays about RECENT_LIMIT short words. */
const MAX_REMEMBERED_LENGTH = 64;

export interface TypoMatch {
  key: string;
  distance: number;
}

export interface TypoFinder {
  closest(query: string): TypoMatch | null;
}

/** The one closest key offered, or none when two keys tie for closest (a guess would be a coin toss). */
class UniqueClosest {
  private best: TypoMatch | null = null;
  private tied = false;

  offer(key: string, distance: number): void {
    if (!this.best || distance < this.best.distance) {
      this.best = { key, distance };
      this.tied = false;
    } else if (distance === this.best.distance) {
      this.tied = true;
    }
  }

  match(): TypoMatch | null {
    return this.tied ? null : this.best;
  }
}

/**
 * For names looked for in every word of every message (provinces, regencies): a symmetric-delete
 * index (the SymSpell idea) maps each name with up to its allowed number of letters deleted to
 * the name; a query's own deletions meet it there, so no name list is scanned.
 */
export class TypoIndex implements TypoFinder {
  private readonly byDeletion = new Map<string, string[]>();
  private readonly editsByKey = new Map<string, number>();
  private longestKey = 0;

  /** `keys` with the number of edits each may absorb (0 leaves a key out). */
  constructor(keys: Iterable<[string, number]>) {
    for (const [key, edits] of keys) {
      if (edits <= 0) continue;
      this.editsByKey.set(key, edits);
      this.longestKey = Math.max(this.longestKey, key.length);
      for (const deletion of deletions(key, edits)) {
        const list = this.byDeletion.get(deletion);
        if (!list) this.byDeletion.set(deletion, [key]);
        else if (list[list.length - 1] !== key) list.push(key);
      }
    }
  }

  /**
   * The one key closest to `query` within the edits both sides allow, or null when there is none
   * or when two different keys are equally close (a guess would be a coin toss).
   */
  closest(query: string): TypoMatch | null {
    const queryEdits = allowedEdits(query.replace(/ /g, '').length);
    // A word of L letters has about L² deletions of two letters: one far longer than any name
    // cannot be a misspelling of one, and must not cost a square of its length to say so.
    if (queryEdits === 0 || query.length > this.longestKey + queryEdits) return null;
    const closest = new UniqueClosest();
    const seen = new Set<string>();
    for (const deletion of deletions(query, queryEdits)) {
      for (const key of this.byDeletion.get(deletion) ?? []) {
        if (seen.has(key) || key === query) continue;
        seen.add(key);
        const limit = Math.min(queryEdits, this.editsByKey.get(key) ?? 0);
        const distance = editDistance(query, key, limit);
        if (distance <= limit) closest.offer(key, distance);
      }
    }
    return closest.match();
  }
}

/**
 * For names looked for only after their prefix ("Kec. Coblog"): a scan of the names of about the
 * same length. Rarely used, so it costs nothing at start-up.
 */
export class TypoScan implements TypoFinder {
  private readonly byLength = new Map<number, string[]>();

  constructor(keys: Iterable<string>) {
    for (const key of keys) {
      if (allowedEdits(key.replace(/ /g, '').length) === 0) continue;
      const list = this.byLength.get(key.length);
      if (list) list.push(key);
      else this.byLength.set(key.length, [key]);
    }
  }

  closest(query: string): TypoMatch | null {
    const edits = allowedEdits(query.replace(/ /g, '').length);
    const closest = new UniqueClosest();
    for (let length = query.length - edits; length <= query.length + edits; length++) {
      for (const key of this.byLength.get(length) ?? []) {
        const limit = Math.min(edits, allowedEdits(key.replace(/ /g, '').length));
        const distance = key === query ? 0 : editDistance(query, key, limit);
        if (distance <= limit) closest.offer(key, distance);
      }
    }
    return closest.match();
  }
}

/** Remembers recent answers: messages repeat the same ordinary words, and most of them match nothing. */
export class RecentTypos implements TypoFinder {
  private readonly recent = new Map<string, TypoMatch | null>();

  constructor(private readonly finder: TypoFinder) {}

  closest(query: string): TypoMatch | null {
    // Longer than any place name: no match, and not worth a place among the remembered words.
    if (query.length > MAX_REMEMBERED_LENGTH) return this.finder.closest(query);
    const cached = this.recent.get(query);
    if (cached !== undefined) return cached;
    const match = this.finder.closest(query);
    if (this.recent.size >= RECENT_LIMIT) this.recent.clear();
    this.recent.set(query, match);
    return match;
  }
}

/** The word itself and every string made by deleting up to `edits` characters. */
function deletions(word: string, edits: number): Set<string> {
  const out = new Set<string>([word]);
  let frontier = [word];
  for (let round = 0; round < edits; round++) {
    const next: string[] = [];
    for (const w of frontier) {
      for (let i = 0; i < w.length; i++) {
        const d = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(d)) {
          out.add(d);
          next.push(d);
        }
      }
    }
    frontier = next;
  }
  return out;
}

/** Optimal string alignment distance (Levenshtein plus adjacent swaps), stopping early past `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    const prev = rows[i - 1] as number[];
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row[j] = value;
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
  }
  return (rows[a.length] as number[])[b.length] as number;
}
