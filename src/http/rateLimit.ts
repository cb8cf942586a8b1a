import type { Request } from 'express';
import type Redis from 'ioredis';

export interface RateDecision {
  allowed: boolean;
  /** Seconds until the window resets, for Retry-After. */
  retryAfter: number;
}

/** The address limits are counted by: the client's, or the proxy's view of it under TRUST_PROXY. */
export function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

/**
 * A sliding one-minute window counted in Redis, so every API process shares the count: this
 * minute's hits plus last minute's, weighted by how much of last minute the window still covers.
 * A fixed window would let a client spend its limit twice across a minute boundary, and would make
 * "the 21st attempt is refused" depend on the second the burst began. When Redis cannot be reached
 * the request is let through: intake will answer 503 on its own.
 */
export class RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async hit(bucket: string, client: string, perMinute: number, now = Date.now()): Promise<RateDecision> {
    const window = Math.floor(now / 60_000);
    const into = (now % 60_000) / 60_000;
    // The end of this minute: a client that waits that long may still find last minute weighing on
    // it, and is then told again; promising more exactness than that is not worth the arithmetic.
    const retryAfter = Math.max(1, 60 - Math.floor((now % 60_000) / 1000));
    const key = (w: number) => `${this.prefix}:rl:${bucket}:${client}:${w}`;
    try {
      // Both windows' keys live two minutes, so the previous one is still there to be weighed.
      const result = await this.redis.multi().incr(key(window)).pexpire(key(window), 121_000).get(key(window - 1)).exec();
      const current = Number(result?.[0]?.[1] ?? 0);
      const previous = Number(result?.[2]?.[1] ?? 0);
      const estimate = current + previous * (1 - into);
      return { allowed: estimate <= perMinute, retryAfter };
    } catch {
      return { allowed: true, retryAfter };
    }
  }
}
