import type { Sender } from '../message/inboundMessage';
import type { Metrics } from '../metrics/metrics';
import type { Queues } from '../queue/queues';
import type { Reply, Store } from '../store/types';
import type { ChannelRegistry } from '../channels/registry';
import { renderReply, type ReplyEvent, type ReplyLanguage } from './templates';

export interface ReplyRequest {
  /** Idempotency key: one per event, e.g. "ack:<messageKey>" or "status:<trackingId>:<n>". */
  id: string;
  event: ReplyEvent;
  channel: string;
  recipient: Sender;
  language: ReplyLanguage;
  trackingId: string | null;
  messageKey: string | null;
  /** When the message being answered arrived; absent for replies no message asked for (status changes). */
  receivedAt?: Date;
}

/**
 * Records a reply, then enqueues its sending; both steps are idempotent on the reply id. Replies on
 * channels that deliver by recording (web, app) skip the queue: nothing is left to send.
 */
export class ReplyService {
  constructor(
    private readonly store: Store,
    private readonly queues: Queues,
    private readonly channels: ChannelRegistry,
    private readonly metrics: Metrics,
  ) {}

  async queue(request: ReplyRequest, now: Date): Promise<Reply> {
    const channel = this.channels.get(request.channel);
    const deliveredOnRecord = channel.deliveredOnRecord === true;
    const { reply, created } = await this.store.replies.create({
      id: request.id,
      trackingId: request.trackingId,
      messageKey: request.messageKey,
      channel: request.channel,
      recipient: request.recipient,
      text: renderReply(request.event, request.language, channel.replyStyle),
      language: request.language,
      event: request.event.kind,
      createdAt: now,
      deliveredOnRecord,
    });
    if (reply.status === 'queued') await this.queues.enqueueOutbound(reply.channel, reply.id, request.receivedAt);
    if (deliveredOnRecord && created) {
      this.metrics.replies.inc({ channel: channel.name, outcome: 'delivered' });
      if (request.receivedAt) this.metrics.receiptToReplySeconds.observe({ channel: channel.name }, Math.max(0, (now.getTime() - request.receivedAt.getTime()) / 1000));
    }
    return reply;
  }
}
