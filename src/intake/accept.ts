import { InboundMessage, messageKey, type InboundMessageInput } from '../message/inboundMessage';
import type { Queues } from '../queue/queues';
import { DuplicateTrackingIdError, StoreUnavailableError, type InboxRecord, type Store } from '../store/types';
import { generateTrackingNumber } from '../tickets/trackingNumber';
import type { Logger } from '../log/logger';
import { messageFingerprint } from './fingerprint';
import { stripNul } from './stripNul';

export interface Accepted {
  key: string;
  trackingId: string;
  /** True when this channel+externalId was already stored (a redelivery or a client retry). */
  redelivered: boolean;
  record: InboxRecord;
}

/** Intake cannot store or enqueue right now: the channel must not be told the message arrived. */
export class IntakeUnavailableError extends Error {
  constructor(
    readonly part: 'store' | 'queue',
    cause?: unknown,
  ) {
    super(`${part} unavailable`, { cause });
    this.name = 'IntakeUnavailableError';
  }
}

/** The channel reused an external id (e.g. an Idempotency-Key) for different content. */
export class ExternalIdConflictError extends Error {
  constructor(readonly channel: string) {
    super('this id was already used for a different message');
    this.name = 'ExternalIdConflictError';
  }
}

const TRACKING_ID_DRAWS = 5;

/**
 * The front door of the pipeline: store first, then enqueue. Callers acknowledge to their channel
 * only after accept() resolves; when it throws, they answer with a temporary error.
 */
export class Intake {
  constructor(
    private readonly store: Store,
    private readonly queues: Queues,
    private readonly log: Logger,
  ) {}

  async accept(input: InboundMessageInput): Promise<Accepted> {
    const message = InboundMessage.parse(stripNul(input));
    // Refuse before storing when Redis is known to be down, so the client's retry is the only copy.
    if (!this.queues.ready) throw new IntakeUnavailableError('queue');

    const key = messageKey(message.channel, message.externalId);
    const fingerprint = messageFingerprint(message);
    const { record, inserted } = await this.insert(key, fingerprint, message);

    if (!inserted && record.fingerprint !== fingerprint) throw new ExternalIdConflictError(message.channel);
    if (inserted || record.state === 'received') {
      try {
        await this.queues.enqueueInbound(key);
      } catch (error) {
        // Stored but not enqueued: recovery will enqueue it; the client is told to retry meanwhile.
        throw new IntakeUnavailableError('queue', error);
      }
    }
    if (inserted) this.log.debug({ key, channel: message.channel }, 'message accepted');
    return { key, trackingId: record.trackingId, redelivered: !inserted, record };
  }

  private async insert(key: string, fingerprint: string, message: InboundMessage) {
    for (let draw = 1; ; draw++) {
      try {
        return await this.store.inbox.insert({
          key,
          channel: message.channel,
          externalId: message.externalId,
          sender: message.sender,
          text: message.text,
          attachments: message.attachments,
          fields: message.fields ?? null,
          receivedAt: message.receivedAt,
          raw: message.raw ?? null,
          fingerprint,
          trackingId: generateTrackingNumber(),
        });
      } catch (error) {
        if (error instanceof DuplicateTrackingIdError && draw < TRACKING_ID_DRAWS) continue;
        if (error instanceof StoreUnavailableError) throw new IntakeUnavailableError('store', error);
        throw error;
      }
    }
  }
}
