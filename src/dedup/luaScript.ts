import { createHash } from 'node:crypto';
import type Redis from 'ioredis';

/**
 * A Lua script run by its SHA (EVALSHA), loaded on first use and again after a Redis restart
 * (NOSCRIPT). One script call replaces dozens of commands, which is what keeps a dedup check to one
 * round trip and little client work. Needs a connection without `enableAutoPipelining`: ioredis 6
 * fails on callBuffer in an auto-pipeline.
 */
export class LuaScript {
  private readonly sha: string;

  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(redis: Redis, keys: string[], args: (string | Buffer | number)[]): Promise<unknown> {
    try {
      return await redis.callBuffer('EVALSHA', [this.sha, keys.length, ...keys, ...args]);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return redis.callBuffer('EVAL', [this.source, keys.length, ...keys, ...args]);
    }
  }
}
