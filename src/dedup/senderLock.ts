import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';

export class SenderLockTimeoutError extends Error {
  constructor(waitedMs: number) {
    super(`another worker held this sender's dedup lock for ${waitedMs} ms`);
    this.name = 'SenderLockTimeoutError';
  }
}

// Deletes the lock only if it still holds our token: a lock that expired and was taken by another
// worker must not be released by us.
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const RETRY_MIN_MS = 5;
const RETRY_MAX_MS = 40;

/**
 * A short mutual exclusion per sender identity (SET NX PX), held from check() to remember() so
 * that two workers handling two copies of one message (a resend arriving while the first is being
 * processed) cannot both decide "new": the second waits, then finds the first one's ticket.
 * Identities are locked in sorted order, all or none, so two workers never wait on each other.
 * The lock expires after `ttlMs` if its holder dies; work inside it must take much less than that
 * (it takes milliseconds), otherwise a second worker may enter and the worst outcome is two tickets
 * that an operator can join (duplicateOf).
 */
export class SenderLock {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlMs: number,
  ) {}

  /** Runs fn holding the locks of all identities; waits up to 2 × ttl for them. */
  async run<T>(senderIds: string[], fn: () => Promise<T>): Promise<T> {
    const keys = [...new Set(senderIds)].sort().map((id) => `${this.prefix}lock:${id}`);
    const token = randomBytes(12).toString('base64url');
    await this.acquire(keys, token);
    try {
      return await fn();
    } finally {
      await Promise.all(keys.map((k) => this.redis.eval(RELEASE, 1, k, token)));
    }
  }

  private async acquire(keys: string[], token: string): Promise<void> {
    const started = Date.now();
    for (;;) {
      const held: string[] = [];
      for (const key of keys) {
        if ((await this.redis.set(key, token, 'PX', this.ttlMs, 'NX')) !== 'OK') break;
        held.push(key);
      }
      if (held.length === keys.length) return;
      await Promise.all(held.map((k) => this.redis.eval(RELEASE, 1, k, token)));
      const waited = Date.now() - started;
      if (waited > 2 * this.ttlMs) throw new SenderLockTimeoutError(waited);
      await new Promise((r) => setTimeout(r, RETRY_MIN_MS + Math.random() * (RETRY_MAX_MS - RETRY_MIN_MS)));
    }
  }
}
