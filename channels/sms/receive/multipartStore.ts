import { createHash, randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

/** One stored part of a concatenated message. */
export interface StoredPart {
  seq: number;
  dataCoding: number;
  body: Buffer;
  fingerprint: string;
}

export interface SetMeta {
  /** Hash of source, destination, reference and total: the identity phones give a concatenated message. */
  key: string;
  source: string;
  destination: string;
  ref: number;
  refBits: 8 | 16;
  total: number;
  createdAt: number;
  externalId: string;
}

export interface PartsSet {
  id: string;
  meta: SetMeta;
  parts: StoredPart[];
  complete: boolean;
}

/** `evicted`: sets taken out of assembly to make room under the originator's cap, leased to the caller to take in. */
export type AddOutcome = ({ kind: 'stored' | 'duplicate' } | { kind: 'complete'; setId: string }) & { evicted: string[] };

export interface MultipartLimits {
  /** A set still incomplete this long after its first part is taken in as it is. */
  timeoutMs: number;
  /** How long whoever took a set on (completer or sweeper) has before someone else may try. */
  leaseMs: number;
  /** How long fingerprints of taken-in parts are kept, so a late redelivery of one is not a new message. */
  doneTtlMs: number;
  /** Open sets one originator may have; opening one more takes its oldest out of assembly. */
  maxOpenPerSender: number;
  /** Absolute lifetime of a set's keys: the backstop when no sweeper runs for that long. */
  keyTtlMs: number;
}

// Keys built inside the scripts (the set hash) share the channel's hash-tagged prefix with the
// declared keys, so they live in the same Redis Cluster slot. Every key a set creates gets the
// same absolute TTL when it opens; the due index and the sender index are refreshed to it, so they
// outlive every set they list and expire once nothing is left to list.
const ADD_PART = `
local done = redis.call('HGET', KEYS[2], ARGV[2])
if done == ARGV[3] then return {'duplicate', ''} end
local setId = redis.call('GET', KEYS[1])
if setId and redis.call('EXISTS', ARGV[7] .. setId) == 0 then setId = false end
local result = {}
if not setId then
  setId = ARGV[1]
  local over = redis.call('ZCARD', KEYS[4]) - tonumber(ARGV[12]) + 1
  if over > 0 then
    local oldest = redis.call('ZRANGE', KEYS[4], 0, over - 1)
    for _, id in ipairs(oldest) do
      redis.call('ZREM', KEYS[4], id)
      redis.call('ZADD', KEYS[3], ARGV[8], id)
      table.insert(result, id)
    end
  end
  redis.call('SET', KEYS[1], setId, 'PX', ARGV[11])
  redis.call('HSET', ARGV[7] .. setId, 'meta', ARGV[5])
  redis.call('PEXPIRE', ARGV[7] .. setId, ARGV[11])
  redis.call('ZADD', KEYS[3], ARGV[6], setId)
  redis.call('PEXPIRE', KEYS[3], ARGV[11])
  -- Strictly after the newest open set, even within one millisecond: ties would be ordered by
  -- the random set id, and the cap would no longer take in the oldest first.
  local opened = tonumber(ARGV[9])
  local newest = redis.call('ZRANGE', KEYS[4], -1, -1, 'WITHSCORES')
  if newest[2] and tonumber(newest[2]) >= opened then opened = tonumber(newest[2]) + 1 end
  redis.call('ZADD', KEYS[4], opened, setId)
  redis.call('PEXPIRE', KEYS[4], ARGV[11])
end
local setKey = ARGV[7] .. setId
local total = tonumber(ARGV[10])
local added = redis.call('HSETNX', setKey, 'p:' .. ARGV[2], ARGV[4])
local kind = 'duplicate'
if redis.call('HLEN', setKey) - 1 >= total then
  redis.call('ZADD', KEYS[3], ARGV[8], setId)
  kind = 'complete'
elseif added == 1 then
  kind = 'stored'
end
table.insert(result, 1, setId)
table.insert(result, 1, kind)
return result
`;

// Takes a set out of assembly: later parts with the same identity start a new set, and parts that
// were in this one are remembered as done (so their redelivery is dropped, not a new message).
const CLOSE = `
local setKey = KEYS[1]
if redis.call('EXISTS', setKey) == 0 then return {} end
if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
redis.call('ZREM', KEYS[4], ARGV[1])
local all = redis.call('HGETALL', setKey)
for i = 1, #all, 2 do
  local field = all[i]
  if string.sub(field, 1, 2) == 'p:' then
    redis.call('HSET', KEYS[3], string.sub(field, 3), cjson.decode(all[i + 1]).fp)
  end
end
redis.call('PEXPIRE', KEYS[3], ARGV[2])
return all
`;

const FINISH = `
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('DEL', KEYS[1])
return 1
`;

const CLAIM_DUE = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])
for _, id in ipairs(ids) do redis.call('ZADD', KEYS[1], ARGV[2], id) end
return ids
`;

function sha(...parts: (string | number)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(String(p)).update('\u0000');
  return h.digest('hex');
}

export function partFingerprint(dataCoding: number, body: Buffer): string {
  return createHash('sha256').update(Buffer.from([dataCoding & 0xff])).update(body).digest('hex').slice(0, 24);
}

/**
 * Parts of concatenated SMS kept in Redis until their set is whole, so a restart or a second
 * process loses nothing. Every step that decides something (which set a part joins, whether a
 * set is complete, who takes a timed-out set) is one Lua script, so several processes can share it.
 */
export class MultipartStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly limits: MultipartLimits,
  ) {}

  private identity(source: string, destination: string, ref: number, total: number): string {
    return sha(source, destination, ref, total).slice(0, 32);
  }

  private setKey(id: string): string {
    return `${this.prefix}mp:set:${id}`;
  }

  private openKey(identity: string): string {
    return `${this.prefix}mp:open:${identity}`;
  }

  /** The originator's open sets, oldest first; the number is hashed so no phone number names a key. */
  private senderKey(source: string): string {
    return `${this.prefix}mp:sender:${sha(source).slice(0, 32)}`;
  }

  private doneKey(identity: string): string {
    return `${this.prefix}mp:done:${identity}`;
  }

  private get dueKey(): string {
    return `${this.prefix}mp:due`;
  }

  async addPart(
    header: { source: string; destination: string; ref: number; refBits: 8 | 16; total: number },
    part: StoredPart,
    now: number,
  ): Promise<AddOutcome> {
    const identity = this.identity(header.source, header.destination, header.ref, header.total);
    // The message's id comes from the part that opened the set: stable for every redelivery of this
    // set, and different for a later message that reuses the reference after it wrapped around.
    const meta: SetMeta = {
      key: identity,
      ...header,
      createdAt: now,
      externalId: `mp-${header.ref}-${header.total}-${sha(identity, part.seq, part.fingerprint).slice(0, 24)}`,
    };
    const value = JSON.stringify({ fp: part.fingerprint, dc: part.dataCoding, b: part.body.toString('base64') });
    const [kind, setId, ...evicted] = (await this.redis.eval(
      ADD_PART,
      4,
      this.openKey(identity),
      this.doneKey(identity),
      this.dueKey,
      this.senderKey(header.source),
      randomUUID(),
      part.seq,
      part.fingerprint,
      value,
      JSON.stringify(meta),
      now + this.limits.timeoutMs,
      `${this.prefix}mp:set:`,
      now + this.limits.leaseMs,
      now,
      header.total,
      this.limits.keyTtlMs,
      this.limits.maxOpenPerSender,
    )) as string[];
    if (kind === 'complete' && setId) return { kind, setId, evicted };
    return { kind: kind === 'stored' ? 'stored' : 'duplicate', evicted };
  }

  /** Sets whose time is up (timed out, or a taker that never finished); each is leased to the caller. */
  async claimDue(now: number, limit: number): Promise<string[]> {
    return (await this.redis.eval(CLAIM_DUE, 1, this.dueKey, now, now + this.limits.leaseMs, limit)) as string[];
  }

  /** What a set holds, leaving it open (the completer reads, takes the message in, then closes). */
  async read(setId: string): Promise<PartsSet | null> {
    return toPartsSet(setId, await this.redis.hgetall(this.setKey(setId)));
  }

  /**
   * Closes a set to new parts and returns what it holds; null when someone already finished it.
   * Later parts with the same identity start a new set; redeliveries of parts it held are dropped.
   */
  async close(setId: string): Promise<PartsSet | null> {
    const metaJson = await this.redis.hget(this.setKey(setId), 'meta');
    if (!metaJson) {
      await this.redis.zrem(this.dueKey, setId);
      return null;
    }
    const meta = JSON.parse(metaJson) as SetMeta;
    const flat = (await this.redis.eval(CLOSE, 4, this.setKey(setId), this.openKey(meta.key), this.doneKey(meta.key), this.senderKey(meta.source), setId, this.limits.doneTtlMs)) as string[];
    const fields: Record<string, string> = {};
    for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i] ?? ''] = flat[i + 1] ?? '';
    return toPartsSet(setId, fields);
  }

  /** The set was taken in by intake: forget it. */
  async finish(setId: string): Promise<void> {
    await this.redis.eval(FINISH, 2, this.setKey(setId), this.dueKey, setId);
  }
}

function toPartsSet(id: string, fields: Record<string, string>): PartsSet | null {
  const metaJson = fields.meta;
  if (!metaJson) return null;
  const meta = JSON.parse(metaJson) as SetMeta;
  const parts: StoredPart[] = [];
  for (const [field, value] of Object.entries(fields)) {
    if (!field.startsWith('p:')) continue;
    const v = JSON.parse(value) as { fp: string; dc: number; b: string };
    parts.push({ seq: Number(field.slice(2)), dataCoding: v.dc, body: Buffer.from(v.b, 'base64'), fingerprint: v.fp });
  }
  parts.sort((a, b) => a.seq - b.seq);
  return { id, meta, parts, complete: parts.length >= meta.total };
}
