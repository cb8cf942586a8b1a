import type { Sender } from '../message/inboundMessage';
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
}

/** Records a reply, then enqueues its sending; both steps are idempotent on the reply id. */
export class ReplyService {
  constructor(
    private readonly store: Store,
    private readonly queues: Queues,
    private readonly channels: ChannelRegistry,
  ) {}

  async queue(request: ReplyRequest, now: Date): Promise<Reply> {
    const style = this.channels.get(request.channel).replyStyle;
    const { reply } = await this.store.replies.create({
      id: request.id,
      trackingId: request.trackingId,
      messageKey: request.messageKey,
      channel: request.channel,
      recipient: request.recipient,
      text: renderReply(request.event, request.language, style),
      language: request.language,
      event: request.event.kind,
      createdAt: now,
    });
    if (reply.status === 'queued') await this.queues.enqueueOutbound(reply.channel, reply.id);
    return reply;
  }
}
