import type Redis from 'ioredis';
import { LuaScript } from './luaScript';
import { decodeSignature, encodeSignature, type Signature } from './minhash';

/** One indexed ticket: what a later message is compared against. */
export interface IndexEntry {
  trackingId: string;
  caseId: string | null;
  category: string;
  regionCode: string | null;
  receivedAt: Date;
  senderIds: string[];
  signature: Signature;
  /** Number of shingles behind the signature; 0 = no comparable text (a photo only). */
  shingleCount: number;
  textKey: string;
}

export interface IndexWrite {
  entry: IndexEntry;
  bandKeys: string[];
  /** "<category>|<regency>" when both are known: the block other citizens' reports are looked up in. */
  block: string | null;
  /** How long each kind of membership matters, in ms. */
  senderWindowMs: number;
  clusterWindowMs: number;
}

export interface Range {
  /** Scores (ms since epoch) at or after this count. */
  since: number;
  limit: number;
}

const META_FIELDS = ['sig', 'at', 'cat', 'reg', 'case', 'snd', 'n', 'tk'] as const;
// Keys outlive the longest window by a day so that a slow clock or a late retry still finds them;
// the windows themselves are enforced by the scores, not by expiry.
const EXPIRY_SLACK_MS = 24 * 60 * 60 * 1000;

/**
 * KEYS: the entry hash, then the sorted sets (the first ARGV[4] are sender sets).
 * ARGV: time, tracking id, entry ttl, sender set count, sender cutoff, sender ttl, cluster cutoff,
 * cluster ttl, then the entry's field/value pairs.
 */
const ADD = new LuaScript(`
local fields = {}
for i = 9, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', KEYS[1], unpack(fields))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
local senders = tonumber(ARGV[4])
for i = 2, #KEYS do
  local cutoff, ttl = ARGV[7], ARGV[8]
  if i - 1 <= senders then cutoff, ttl = ARGV[5], ARGV[6] end
  redis.call('ZADD', KEYS[i], ARGV[1], ARGV[2])
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', '(' .. cutoff)
  redis.call('PEXPIRE', KEYS[i], ttl)
end
return 1
`);

/**
 * KEYS: the sorted sets to read, in priority order. ARGV: entry key prefix, overall cap, then a
 * (since, limit) pair per key. Returns id, fields, id, fields, … The entry keys are not declared
 * in KEYS: they are named by the set members. That is fine on one Redis and on Redis Cluster as
 * long as the key prefix carries a hash tag ("{lapor}:dedup:"), which puts every key in one slot.
 */
const LOOKUP = new LuaScript(`
local seen, ids = {}, {}
local cap = tonumber(ARGV[2])
for i = 1, #KEYS do
  local found = redis.call('ZREVRANGEBYSCORE', KEYS[i], '+inf', ARGV[1 + 2 * i], 'LIMIT', 0, ARGV[2 + 2 * i])
  for _, id in ipairs(found) do
    if not seen[id] and #ids < cap then
      seen[id] = true
      ids[#ids + 1] = id
    end
  end
end
local out = {}
for _, id in ipairs(ids) do
  out[#out + 1] = id
  out[#out + 1] = redis.call('HMGET', ARGV[1] .. id, ${META_FIELDS.map((f) => `'${f}'`).join(', ')})
end
return out
`);

const SET_CASE_IF_INDEXED = new LuaScript(
  `if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('HSET', KEYS[1], 'case', ARGV[1]) end return -1`,
);

/**
 * The Redis side of duplicate detection, shared by every worker:
 * - `<p>t:<trackingId>` hash: signature (2 bytes per hash), time, category, region, case, sender ids;
 * - `<p>s:<senderId>` sorted set of the sender's tickets scored by time;
 * - `<p>b:<band>:<bandKey>` sorted set per LSH bucket, scored by time;
 * - `<p>c:<category>|<regency>` sorted set of tickets of one category in one regency, scored by time.
 * Every sorted set is trimmed to its window when written, and every key expires a day after its
 * window, so memory follows the number of tickets inside the windows, not all history. Writes and
 * lookups are one Lua script call each.
 */
export class DedupIndex {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private metaKey(trackingId: string): string {
    return `${this.prefix}t:${trackingId}`;
  }

  private senderKey(senderId: string): string {
    return `${this.prefix}s:${senderId}`;
  }

  private bandKey(band: number, key: string): string {
    return `${this.prefix}b:${band}:${key}`;
  }

  private blockKey(block: string): string {
    return `${this.prefix}c:${block}`;
  }

  /** Idempotent: writing the same entry again changes nothing but expiry. */
  async add(write: IndexWrite): Promise<void> {
    const { entry } = write;
    const at = entry.receivedAt.getTime();
    const senderTtl = write.senderWindowMs + EXPIRY_SLACK_MS;
    const clusterTtl = write.clusterWindowMs + EXPIRY_SLACK_MS;
    const sets = [
      ...entry.senderIds.map((id) => this.senderKey(id)),
      ...write.bandKeys.map((k, band) => this.bandKey(band, k)),
      ...(write.block ? [this.blockKey(write.block)] : []),
    ];
    const fields: Record<(typeof META_FIELDS)[number], string | Buffer> = {
      sig: encodeSignature(entry.signature),
      at: String(at),
      cat: entry.category,
      reg: entry.regionCode ?? '',
      case: entry.caseId ?? '',
      snd: entry.senderIds.join('\n'),
      n: String(entry.shingleCount),
      tk: entry.textKey,
    };
    await ADD.run(
      this.redis,
      [this.metaKey(entry.trackingId), ...sets],
      [
        String(at),
        entry.trackingId,
        String(Math.max(senderTtl, clusterTtl)),
        String(entry.senderIds.length),
        String(at - write.senderWindowMs),
        String(senderTtl),
        String(at - write.clusterWindowMs),
        String(clusterTtl),
        ...META_FIELDS.flatMap((f) => [f, fields[f]]),
      ],
    );
  }

  /**
   * Candidates from the sender lists, LSH buckets and the category/place block, each newest first
   * and bounded by its limit, with their stored entries, in one round trip. The sender's own
   * tickets come first so the overall cap never drops them. The cost of a lookup depends on the
   * limits, never on how many tickets are stored.
   */
  async candidates(query: {
    senderIds: string[];
    sender: Range;
    bandKeys: string[];
    bucket: Range;
    block: string | null;
    blockRange: Range;
    cap: number;
  }): Promise<IndexEntry[]> {
    const keys: string[] = [];
    const args: string[] = [this.metaKey(''), String(query.cap)];
    const read = (key: string, r: Range) => {
      keys.push(key);
      args.push(String(r.since), String(r.limit));
    };
    for (const id of query.senderIds) read(this.senderKey(id), query.sender);
    query.bandKeys.forEach((k, band) => read(this.bandKey(band, k), query.bucket));
    if (query.block) read(this.blockKey(query.block), query.blockRange);
    const flat = (await LOOKUP.run(this.redis, keys, args)) as (Buffer | (Buffer | null)[])[];
    const entries: IndexEntry[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const entry = decodeEntry((flat[i] as Buffer).toString('utf8'), flat[i + 1] as (Buffer | null)[]);
      if (entry) entries.push(entry);
    }
    return entries;
  }

  /** Records a ticket's case on its entry; does nothing when the entry is not (or no longer) indexed. */
  async setCase(trackingId: string, caseId: string): Promise<void> {
    await SET_CASE_IF_INDEXED.run(this.redis, [this.metaKey(trackingId)], [caseId]);
  }
}

function decodeEntry(trackingId: string, fields: (Buffer | null)[]): IndexEntry | null {
  const [sig, at, cat, reg, caseId, snd, n, tk] = fields;
  if (!sig || !at) return null;
  const text = (b: Buffer | null | undefined) => (b ? b.toString('utf8') : '');
  return {
    trackingId,
    signature: decodeSignature(sig),
    receivedAt: new Date(Number(text(at))),
    category: text(cat),
    regionCode: text(reg) || null,
    caseId: text(caseId) || null,
    senderIds: text(snd).split('\n').filter(Boolean),
    shingleCount: Number(text(n)) || 0,
    textKey: text(tk),
  };
}
