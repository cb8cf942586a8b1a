import type Redis from 'ioredis';

// Tweet ids are 64-bit decimals: longer is larger, equal length compares as text. Never moves back.
const ADVANCE = `
local current = redis.call('GET', KEYS[1])
if (not current) or (#ARGV[1] > #current) or (#ARGV[1] == #current and ARGV[1] > current) then
  redis.call('SET', KEYS[1], ARGV[1])
  return 1
end
return 0`;

/**
 * The newest mention already stored, persisted in Redis (AOF on in our deployments) so a restart
 * asks X only for what came after it. It moves forward only, so two pollers racing cannot rewind it.
 */
export class SinceIdCheckpoint {
  constructor(
    private readonly redis: Redis,
    prefix: string,
    userId: string,
    private readonly key = `${prefix}:twitter:mentions-since-id:${userId}`,
  ) {}

  async get(): Promise<string | null> {
    return this.redis.get(this.key);
  }

  async advance(tweetId: string): Promise<void> {
    await this.redis.eval(ADVANCE, 1, this.key, tweetId);
  }
}

export function compareIds(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}
