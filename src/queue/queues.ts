import { createHash } from 'node:crypto';
import { Queue, type JobsOptions } from 'bullmq';
import type Redis from 'ioredis';

export const INBOUND_QUEUE = 'inbound';

export function outboundQueueName(channel: string): string {
  return `outbound-${channel}`;
}

export interface InboundJobData {
  key: string;
}

export interface OutboundJobData {
  replyId: string;
  /** ISO time the message being answered was received: the receipt-to-reply latency is measured from it. */
  receivedAt?: string;
}

/** The job id is the message key, so enqueuing a message twice while its job exists is a no-op. */
export function inboundJobId(key: string): string {
  return `in_${key}`;
}

/** Reply ids contain ':' which BullMQ job ids must not; hash them. */
export function outboundJobId(replyId: string): string {
  return `out_${createHash('sha256').update(replyId).digest('hex').slice(0, 32)}`;
}

export interface QueueSettings {
  prefix: string;
  attempts: number;
  backoffMs: number;
}

export function jobOptions(settings: QueueSettings): JobsOptions {
  return {
    attempts: settings.attempts,
    backoff: { type: 'exponential', delay: settings.backoffMs },
    // Completed jobs are only kept briefly: the store, not Redis, is the record of what happened.
    removeOnComplete: { age: 3600, count: 10_000 },
    // Failed jobs stay a week so operators can see why; the message itself is parked in the store.
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}

/** Producer side of every queue, sharing one fail-fast connection. */
export class Queues {
  private readonly outbound = new Map<string, Queue<OutboundJobData>>();
  private readonly options: JobsOptions;
  readonly inbound: Queue<InboundJobData>;

  constructor(
    readonly connection: Redis,
    readonly settings: QueueSettings,
  ) {
    this.options = jobOptions(settings);
    this.inbound = this.make<InboundJobData>(INBOUND_QUEUE);
  }

  outboundFor(channel: string): Queue<OutboundJobData> {
    let queue = this.outbound.get(channel);
    if (!queue) {
      queue = this.make<OutboundJobData>(outboundQueueName(channel));
      this.outbound.set(channel, queue);
    }
    return queue;
  }

  /** True when the producer connection can take commands right now. */
  get ready(): boolean {
    return this.connection.status === 'ready';
  }

  async enqueueInbound(key: string): Promise<void> {
    await this.inbound.add('message', { key }, { ...this.options, jobId: inboundJobId(key) });
  }

  /**
   * Enqueues a message whose previous job has finished (failed, or completed by a process that died
   * before recording the result): that job still holds the id, so adding alone would be a no-op.
   */
  async requeueInbound(key: string): Promise<void> {
    await (await this.inbound.getJob(inboundJobId(key)))?.remove();
    await this.enqueueInbound(key);
  }

  async enqueueOutbound(channel: string, replyId: string, receivedAt?: Date): Promise<void> {
    const data: OutboundJobData = receivedAt ? { replyId, receivedAt: receivedAt.toISOString() } : { replyId };
    await this.outboundFor(channel).add('reply', data, { ...this.options, jobId: outboundJobId(replyId) });
  }

  async close(): Promise<void> {
    await Promise.all([this.inbound.close(), ...[...this.outbound.values()].map((q) => q.close())]);
  }

  private make<T>(name: string): Queue<T> {
    const queue = new Queue<T>(name, { connection: this.connection, prefix: this.settings.prefix });
    // Connection errors surface on the calls that fail; without a listener they would crash the process.
    queue.on('error', () => undefined);
    return queue;
  }
}
