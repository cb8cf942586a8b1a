import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';

export interface Session {
  id: string;
  userId: string;
  /** Sent back in every form; a POST without it is refused. */
  csrf: string;
  createdAt: string;
}

const ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;

function token(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Server-side sessions in Redis, shared by every API process. The cookie holds only a random id;
 * each request that finds the session pushes its expiry out again, so it ends after `idleMs`
 * without use.
 */
export class SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly idleMs: number,
  ) {}

  private key(id: string): string {
    return `${this.prefix}:console:session:${id}`;
  }

  async create(userId: string, now: Date): Promise<Session> {
    const session: Session = { id: token(), userId, csrf: token(), createdAt: now.toISOString() };
    await this.redis.set(this.key(session.id), JSON.stringify(session), 'PX', this.idleMs);
    return session;
  }

  /** The live session with this id, its idle clock restarted; null when unknown or expired. */
  async touch(id: string): Promise<Session | null> {
    if (!ID_PATTERN.test(id)) return null;
    const key = this.key(id);
    const [[, value] = [], [, alive] = []] = (await this.redis.multi().get(key).pexpire(key, this.idleMs).exec()) ?? [];
    if (typeof value !== 'string' || alive !== 1) return null;
    return JSON.parse(value) as Session;
  }

  async destroy(id: string): Promise<void> {
    if (ID_PATTERN.test(id)) await this.redis.del(this.key(id));
  }
}
