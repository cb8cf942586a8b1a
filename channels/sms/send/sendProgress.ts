import type Redis from 'ioredis';

/** Long enough for every retry of a reply's job (JOB_ATTEMPTS with doubling backoff). */
const PROGRESS_TTL_SECONDS = 3 * 24 * 3600;
const REF_TTL_SECONDS = 24 * 3600;

// The first attempt draws the concatenation reference; every retry reuses it, so parts sent in
// different attempts still join on the phone.
const REFERENCE = `
local ref = redis.call('HGET', KEYS[1], 'ref')
if ref then return tonumber(ref) end
local n = redis.call('INCR', KEYS[2])
redis.call('EXPIRE', KEYS[2], ARGV[2])
ref = n % 256
redis.call('HSET', KEYS[1], 'ref', ref)
redis.call('EXPIRE', KEYS[1], ARGV[1])
return ref
`;

/**
 * Which parts of a reply the SMSC already accepted (with their message ids), kept in Redis so a
 * job retried after a partial success sends only the parts still missing.
 */
export class SendProgress {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(replyId: string): string {
    return `${this.prefix}send:${replyId}`;
  }

  /** The reply's concatenation reference: drawn per recipient (phones join parts by sender + reference). */
  async reference(replyId: string, destination: string): Promise<number> {
    return (await this.redis.eval(REFERENCE, 2, this.key(replyId), `${this.prefix}mtref:${destination}`, PROGRESS_TTL_SECONDS, REF_TTL_SECONDS)) as number;
  }

  /** Message ids of the parts already accepted, by part index. */
  async submitted(replyId: string): Promise<Map<number, string>> {
    const all = await this.redis.hgetall(this.key(replyId));
    const ids = new Map<number, string>();
    for (const [field, value] of Object.entries(all)) if (field.startsWith('p:')) ids.set(Number(field.slice(2)), value);
    return ids;
  }

  async record(replyId: string, part: number, messageId: string): Promise<void> {
    await this.redis.multi().hset(this.key(replyId), `p:${part}`, messageId).expire(this.key(replyId), PROGRESS_TTL_SECONDS).exec();
  }
}
