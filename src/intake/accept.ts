import { createHash } from 'node:crypto';
import { InboundMessage, messageKey, type InboundMessageInput } from '../message/inboundMessage';
import type { Queues } from '../queue/queues';
import { DuplicateTrackingIdError, StoreUnavailableError, type InboxRecord, type Store } from '../store/types';
import { generateTrackingNumber } from '../tickets/trackingNumber';
import type { Logger } from '../log/logger';
import type { Metrics } from '../metrics/metrics';
import type { RateLimiter } from '../http/rateLimit';
import { messageFingerprint } from './fingerprint';
import { clipText } from './clipText';
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
    /** shutdown: the process is draining; the channel's retry reaches a process that is not. */
    readonly part: 'store' | 'queue' | 'shutdown',
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
  private draining = false;

  constructor(
    private readonly store: Store,
    private readonly queues: Queues,
    private readonly log: Logger,
    private readonly metrics: Metrics,
    private readonly flood: { limiter: RateLimiter; perMinute: number },
  ) {}

  /** From now on every message is refused as temporarily unavailable: the process is shutting down. */
  drain(): void {
    this.draining = true;
  }

  async accept(input: InboundMessageInput): Promise<Accepted> {
    const message = InboundMessage.parse(clipText(stripNul(input)));
    try {
      const accepted = await this.storeAndEnqueue(message);
      this.metrics.messagesReceived.inc({ channel: message.channel, redelivered: String(accepted.redelivered) });
      return accepted;
    } catch (error) {
      if (error instanceof IntakeUnavailableError) this.metrics.intakeRefused.inc({ channel: message.channel, reason: error.part });
      throw error;
    }
  }

  private async storeAndEnqueue(message: InboundMessage): Promise<Accepted> {
    if (this.draining) throw new IntakeUnavailableError('shutdown');
    // Refuse before storing when Redis is known to be down, so the client's retry is the only copy.
    if (!this.queues.ready) throw new IntakeUnavailableError('queue');

    const key = messageKey(message.channel, message.externalId);
    const fingerprint = messageFingerprint(message);
    const flooding = await this.isFlooding(message);
    const flagged = flooding && !message.flags.includes('flood') ? { ...message, flags: [...message.flags, 'flood' as const] } : message;
    const { record, inserted } = await this.insert(key, fingerprint, flagged);

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

  /**
   * One sender sending more than the limit in a minute is taken in all the same (nothing a citizen
   * sends is dropped) but flagged: the worker parks it for an operator without answering.
   */
  private async isFlooding(message: InboundMessage): Promise<boolean> {
    // The sender id may be a phone number: only its hash goes into Redis keys.
    const sender = createHash('sha256').update(message.channel).update('\u0000').update(message.sender.id).digest('hex').slice(0, 24);
    const { allowed } = await this.flood.limiter.hit('sender', sender, this.flood.perMinute);
    return !allowed;
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
          flags: message.flags,
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
