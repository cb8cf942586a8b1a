import { z } from 'zod';
import dedupFile from '../../config/dedup.json';

const Similarity = z.number().min(0).max(1);

/**
 * Tuning of duplicate detection, shipped in config/dedup.json. Similarities are estimated Jaccard
 * indices over the shingle sets of two normalised texts (see shingles.ts).
 */
export const DedupConfigSchema = z
  .object({
    /** Prefix of every Redis key the index uses; braces make it one Redis Cluster hash slot. */
    keyPrefix: z.string().min(1).max(64),
    windows: z.object({
      /** A resend or typo fix of the same sender's ticket within this many days is a duplicate. */
      duplicateDays: z.number().positive().max(365),
      /** Extra information from the same sender within this many days goes to their open ticket. */
      followupDays: z.number().positive().max(365),
      /** Other citizens' tickets this recent can join a case. */
      clusterDays: z.number().positive().max(365),
    }),
    thresholds: z.object({
      /** Same sender, similarity at or above: duplicate. */
      duplicate: Similarity,
      /** Same sender, similarity in [review, duplicate): a person decides. */
      review: Similarity,
      /** Another citizen, same category and place, similarity at or above: same case. */
      cluster: Similarity,
      /** Another citizen, nearly the same text but the place is unknown or unclear: a person decides. */
      crossSenderReview: Similarity,
    }),
    /** Word n-grams of length 1..shingleSize make up a text's shingle set. */
    shingleSize: z.number().int().min(1).max(3),
    minhash: z.object({
      /** Hash functions in a signature; each value is kept as 16 bits. */
      hashes: z.number().int().min(16).max(256),
      /** Fixed so that signatures stored in Redis stay comparable across processes and releases. */
      seed: z.number().int().nonnegative(),
      /** LSH: bands × rows hash values (the first bands·rows of the signature) form the bucket keys. */
      bands: z.number().int().min(1).max(64),
      rows: z.number().int().min(1).max(16),
    }),
    limits: z.object({
      /** Newest tickets of one sender identity looked at. */
      senderRecent: z.number().int().positive(),
      /** Newest entries read from one LSH bucket. */
      bucketCandidates: z.number().int().positive(),
      /** Newest tickets of one category in one regency looked at for a case. */
      blockCandidates: z.number().int().positive(),
      /** Hard cap on signatures compared per check, whatever the buckets hold. */
      maxCandidates: z.number().int().positive(),
    }),
    /** How long a sender lock lives if its holder dies without releasing it. */
    lockMs: z.number().int().min(100).max(120_000),
  })
  .refine((c) => c.minhash.bands * c.minhash.rows <= c.minhash.hashes, {
    message: 'minhash.bands × minhash.rows must not exceed minhash.hashes',
  })
  .refine((c) => c.thresholds.review <= c.thresholds.duplicate, {
    message: 'thresholds.review must not exceed thresholds.duplicate',
  });

export type DedupConfig = z.infer<typeof DedupConfigSchema>;

/** The shipped configuration, validated; overrides (tests, benchmarks) are merged shallowly per section. */
export function loadDedupConfig(overrides: Partial<DedupConfig> = {}): DedupConfig {
  return DedupConfigSchema.parse({ ...dedupFile, ...overrides });
}

export const DAY_MS = 24 * 60 * 60 * 1000;
