import { Queue, Worker } from 'bullmq';
import type Redis from 'ioredis';
import type { ChannelContext } from '../../src/channels/channel';
import { workerConnection } from '../../src/redis/connection';
import type { ChannelHealth } from './channelHealth';
import type { TwitterConfig } from './config';
import { pollMentions } from './mentionPoller';

export const MENTIONS_QUEUE = 'twitter-mentions';
const SCHEDULER_ID = 'poll-mentions';

/**
 * Drives pollMentions from a BullMQ job scheduler every TWITTER_POLL_SECONDS. The scheduler lives
 * in Redis, so however many API processes run, one poll is due per interval, and the worker's
 * concurrency of one keeps a process from overlapping its own polls.
 */
export class MentionPollJob {
  private queue: Queue | null = null;
  private worker: Worker | null = null;
  private readonly connections: Redis[] = [];

  constructor(
    private readonly cfg: TwitterConfig,
    private readonly health: ChannelHealth,
  ) {}

  async start(ctx: ChannelContext): Promise<void> {
    const connection = () => {
      const c = workerConnection(ctx.redisUrl);
      c.on('error', (error) => ctx.log.warn({ err: error }, 'twitter poller redis connection error'));
      this.connections.push(c);
      return c;
    };
    const prefix = ctx.config.QUEUE_PREFIX;
    this.queue = new Queue(MENTIONS_QUEUE, { connection: connection(), prefix });
    this.queue.on('error', () => undefined);
    if (this.cfg.pollSeconds === 0 || this.cfg.bearerToken === null) {
      // Polling switched off: a scheduler left by an earlier configuration must not keep adding jobs.
      await this.queue.removeJobScheduler(SCHEDULER_ID);
      return;
    }
    await this.queue.upsertJobScheduler(
      SCHEDULER_ID,
      { every: this.cfg.pollSeconds * 1000 },
      { name: 'poll', opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
    this.worker = new Worker(
      MENTIONS_QUEUE,
      async () => {
        const outcome = await pollMentions(this.cfg, ctx, this.health);
        if (outcome.kind === 'polled') {
          this.health.polled(ctx.now(), outcome.stored, null);
          if (outcome.stored > 0) ctx.log.info({ channel: 'twitter', stored: outcome.stored, pages: outcome.pages }, 'mentions stored');
        } else {
          const reason = outcome.kind === 'rate_limited' ? `rate limited until ${outcome.until.toISOString()}` : outcome.reason;
          this.health.polled(ctx.now(), 0, reason);
          ctx.log.warn({ channel: 'twitter', reason }, 'mentions poll skipped');
        }
        return outcome.kind;
      },
      { connection: connection(), prefix, concurrency: 1 },
    );
    this.worker.on('error', (error) => ctx.log.error({ err: error }, 'twitter poller error'));
    this.worker.on('failed', (_job, error) => ctx.log.warn({ err: error }, 'mentions poll failed; the next one retries'));
  }

  async stop(): Promise<void> {
    await this.worker?.close();
    await this.queue?.close();
    await Promise.all(this.connections.map((c) => c.quit().catch(() => undefined)));
    this.worker = null;
    this.queue = null;
    this.connections.length = 0;
  }
}
