import type Redis from 'ioredis';
import type { RedisServerHandle } from '../../src/redis/redisServer';

/** What every section shares: one machine, one Redis, one scratch directory, one set of options. */
export interface BenchContext {
  quick: boolean;
  full: boolean;
  /** --messages: messages per end-to-end run instead of the default. */
  messages: number | null;
  redis: RedisServerHandle;
  /** A plain connection for INFO and for clearing keys between runs. */
  redisClient: Redis;
  tmpDir: string;
  /** Null when the PostgreSQL server answers, else why not. */
  postgresUnreachable: string | null;
  progress(message: string): void;
}

/** Sizes: the real run, or --quick for smoke runs (tests, a first look). */
export function pick<T>(ctx: BenchContext, real: T, quick: T): T {
  return ctx.quick ? quick : real;
}
