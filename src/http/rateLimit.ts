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
 * Fixed one-minute windows counted in Redis, so every API process shares the count. When Redis
 * cannot be reached the request is let through: intake will answer 503 on its own.
 */
export class RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async hit(bucket: string, client: string, perMinute: number, now = Date.now()): Promise<RateDecision> {
    const window = Math.floor(now / 60_000);
    const key = `${this.prefix}:rl:${bucket}:${client}:${window}`;
    const retryAfter = 60 - Math.floor((now % 60_000) / 1000);
    try {
      const result = await this.redis.multi().incr(key).pexpire(key, 61_000).exec();
      const count = Number(result?.[0]?.[1] ?? 0);
      return { allowed: count <= perMinute, retryAfter };
    } catch {
      return { allowed: true, retryAfter };
    }
  }
}
