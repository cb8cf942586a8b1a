import type Redis from 'ioredis';

/** Commands Redis has processed since it started (INFO stats), to count round trips per message. */
export async function redisCommandsProcessed(redis: Redis): Promise<number> {
  const info = await redis.info('stats');
  const match = /total_commands_processed:(\d+)/.exec(info);
  return match ? Number(match[1]) : 0;
}
