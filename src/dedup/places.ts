/** How two Kemendagri region codes ("32", "32.73", "32.73.01", "32.73.01.1001") relate. */
export type PlaceRelation = 'same' | 'different' | 'unknown';

export const REGENCY_DEPTH = 2;

/**
 * Compared at the finer level both codes have. 'same' needs at least regency level on both: one
 * province is too big a place for "the same pothole". 'different' when they disagree at any level
 * both know (Kota Bandung vs Kab. Bogor; two districts of one city). 'unknown' when either is
 * missing, or both only name the same province. `maxDepth` stops the comparison at a level (2 =
 * regency) where finer codes are too noisy to count as a disagreement.
 */
export function comparePlaces(a: string | null, b: string | null, maxDepth = Infinity): PlaceRelation {
  if (!a || !b) return 'unknown';
  const pa = a.split('.');
  const pb = b.split('.');
  const depth = Math.min(pa.length, pb.length, maxDepth);
  for (let i = 0; i < depth; i++) if (pa[i] !== pb[i]) return 'different';
  return depth >= REGENCY_DEPTH ? 'same' : 'unknown';
}

/** The regency/city part of a code ("32.73.01.1001" → "32.73"), or null above that level. */
export function regencyOf(code: string | null): string | null {
  if (!code) return null;
  const parts = code.split('.');
  return parts.length >= REGENCY_DEPTH ? parts.slice(0, REGENCY_DEPTH).join('.') : null;
}
