import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import type { User } from '../store/types';

export interface Session {
  id: string;
  userId: string;
  /** Sent back in every form; a POST without it is refused. */
  csrf: string;
  createdAt: string;
  /**
   * The account's updatedAt when the session was opened. Setting a password, disabling or
   * enabling the account (console or command line) moves it, which ends every older session.
   */
  accountStamp: string;
}

export interface SessionTimes {
  /** A session ends after this long without a request… */
  idleMs: number;
  /** …and this long after login, however busy it is kept. */
  maxMs: number;
}

const ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;

function token(): string {
  return randomBytes(32).toString('base64url');
}

/** The stamp a session must carry for `user` as the account is now. */
export function accountStamp(user: Pick<User, 'updatedAt'>): string {
  return user.updatedAt.toISOString();
}

/**
 * Server-side sessions in Redis, shared by every API process. The cookie holds only a random id;
 * each request that finds the session pushes its expiry out again, never past its absolute end.
 */
export class SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly times: SessionTimes,
  ) {}

  private key(id: string): string {
    return `${this.prefix}:console:session:${id}`;
  }

  async create(user: Pick<User, 'id' | 'updatedAt'>, now: Date): Promise<Session> {
    const session: Session = { id: token(), userId: user.id, csrf: token(), createdAt: now.toISOString(), accountStamp: accountStamp(user) };
    await this.redis.set(this.key(session.id), JSON.stringify(session), 'PX', Math.min(this.times.idleMs, this.times.maxMs));
    return session;
  }

  /** The live session with this id, its idle clock restarted; null when unknown, idle too long or past its lifetime. */
  async touch(id: string, now: Date): Promise<Session | null> {
    if (!ID_PATTERN.test(id)) return null;
    const key = this.key(id);
    const value = await this.redis.get(key);
    if (value === null) return null;
    const session = JSON.parse(value) as Session;
    const left = Date.parse(session.createdAt) + this.times.maxMs - now.getTime();
    if (!(left > 0)) {
      await this.redis.del(key);
      return null;
    }
    // Expired between the two calls: the session is gone, not revived.
    if ((await this.redis.pexpire(key, Math.min(this.times.idleMs, left))) !== 1) return null;
    return session;
  }

  async destroy(id: string): Promise<void> {
    if (ID_PATTERN.test(id)) await this.redis.del(this.key(id));
  }
}
