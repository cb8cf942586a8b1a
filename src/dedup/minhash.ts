import { createHash } from 'node:crypto';

/** A MinHash signature: one 16-bit value per hash function (b-bit MinHash, b = 16). */
export type Signature = Uint16Array;

// Bound once: a global looked up in the hot loop is slow where code runs in a vm context (jest).
const imul = Math.imul;

/** Seeds xor'ed into the shingle hash before mixing: each seed gives one hash function. */
function seedsFor(count: number, seed: number): Uint32Array {
  const seeds = new Uint32Array(count);
  let state = seed >>> 0 || 0x9e3779b9;
  for (let i = 0; i < count; i++) {
    // xorshift32: a fixed, platform-independent sequence, so signatures stay comparable.
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    seeds[i] = state;
  }
  return seeds;
}

/** FNV-1a over UTF-16 code units: cheap, deterministic and good enough before the mixer below. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3's finaliser: a bijection on 32 bits, so x ↦ mix(x ^ seed) is a permutation per seed. */
function mix(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * MinHash over shingle sets. Each value is the minimum of a 32-bit permutation cut to its low 16
 * bits: two sets agree on a position with probability J + (1 − J)/65536, so the fraction of equal
 * positions estimates their Jaccard index J, and the signature takes 2 bytes per hash function.
 */
export class MinHasher {
  private readonly seeds: Uint32Array;

  constructor(
    readonly hashes: number,
    seed: number,
  ) {
    this.seeds = seedsFor(hashes, seed);
  }

  /** The signature of a set. Empty sets all get the same signature: callers must not compare them. */
  signature(set: Iterable<string>): Signature {
    const mins = new Uint32Array(this.hashes).fill(0xffffffff);
    const seeds = this.seeds;
    for (const item of set) {
      const h = hashString(item);
      for (let i = 0; i < mins.length; i++) {
        const v = mix(h ^ seeds[i]!);
        if (v < mins[i]!) mins[i] = v;
      }
    }
    const sig = new Uint16Array(this.hashes);
    for (let i = 0; i < sig.length; i++) sig[i] = mins[i]! & 0xffff;
    return sig;
  }
}

/** Estimated Jaccard index: the fraction of positions where the signatures agree. */
export function similarity(a: Signature, b: Signature): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let equal = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) equal++;
  return equal / n;
}

/**
 * LSH band keys: the signature cut into `bands` runs of `rows` values, each run hashed. Two sets
 * share at least one band key with probability 1 − (1 − J^rows)^bands, which is what makes
 * buckets a cheap filter for similar texts.
 */
export function bandKeys(sig: Signature, bands: number, rows: number): string[] {
  const keys: string[] = [];
  const bytes = encodeSignature(sig);
  for (let b = 0; b < bands; b++) {
    const run = bytes.subarray(b * rows * 2, (b + 1) * rows * 2);
    keys.push(createHash('sha1').update(run).digest('base64url').slice(0, 10));
  }
  return keys;
}

/** Little-endian bytes of a signature, as stored in Redis. */
export function encodeSignature(sig: Signature): Buffer {
  const out = Buffer.alloc(sig.length * 2);
  for (let i = 0; i < sig.length; i++) out.writeUInt16LE(sig[i]!, i * 2);
  return out;
}

export function decodeSignature(bytes: Buffer): Signature {
  const sig = new Uint16Array(bytes.length >> 1);
  for (let i = 0; i < sig.length; i++) sig[i] = bytes.readUInt16LE(i * 2);
  return sig;
}
