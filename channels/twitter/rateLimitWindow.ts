import type Redis from 'ioredis';

/**
 * When X said 429 for an endpoint, the time its window resets (x-rate-limit-reset), kept in Redis
 * so every worker process waits it out instead of each spending a request to learn it again.
 */
export class RateLimitWindow {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(endpoint: string): string {
    return `${this.prefix}:twitter:rate-limited:${endpoint}`;
  }

  async closedUntil(endpoint: string, now: Date): Promise<Date | null> {
    const value = await this.redis.get(this.key(endpoint));
    const until = value === null ? NaN : Number(value);
    return Number.isFinite(until) && until > now.getTime() ? new Date(until) : null;
  }

  async close(endpoint: string, until: Date, now: Date): Promise<void> {
    const ttl = until.getTime() - now.getTime();
    if (ttl > 0) await this.redis.set(this.key(endpoint), String(until.getTime()), 'PX', ttl);
  }
}

/** X sends x-rate-limit-reset in epoch seconds; without it we assume its usual 15-minute window. */
export function resetTime(resetSeconds: number | undefined, now: Date): Date {
  if (resetSeconds === undefined || !Number.isFinite(resetSeconds) || resetSeconds <= 0) {
    return new Date(now.getTime() + 15 * 60_000);
  }
  // One second more: reset is rounded down to the second, and the clocks are not ours.
  return new Date(Math.max(resetSeconds * 1000 + 1000, now.getTime() + 1000));
}
