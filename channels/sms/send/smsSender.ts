import { PermanentSendError, type SendResult } from '../../../src/channels/channel';
import type { Logger } from '../../../src/log/logger';
import type { Reply } from '../../../src/store/types';
import { segmentForSms, SmsTooLongError } from '../codec/segment';
import type { ReceiptBook } from '../receipts/receiptBook';
import { SessionUnavailableError, type SmppSession } from '../session/smppSession';
import { isThrottle, isTemporarySubmitError, STATUS, statusName } from '../session/smppStatus';
import type { SendProgress } from './sendProgress';

/** Tries of one part within one job while the SMSC throttles; then the job's own retry takes over. */
const THROTTLE_TRIES = 6;
const THROTTLE_FIRST_PAUSE_MS = 200;
const THROTTLE_MAX_PAUSE_MS = 5000;

/** Not sent now, may be later: the outbound job fails and BullMQ retries it with backoff. */
export class SmsRetryableError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'SmsRetryableError';
  }
}

/** TON 1 / NPI 1 (international, E.164): what the SMSC needs to route +62… without guessing. */
const INTERNATIONAL = { ton: 1, npi: 1 };
/** TON 3 (network specific): the short code 1708 is not an E.164 number. */
const SHORT_CODE = { ton: 3, npi: 0 };

export interface SenderSettings {
  shortCode: string;
  waitBoundMs: number;
}

/**
 * One reply → one SMS or a concatenated SMS, part by part in order, each with registered_delivery
 * so a receipt comes back. Parts already accepted in an earlier attempt are not sent again.
 */
export class SmsSender {
  constructor(
    private readonly session: SmppSession,
    private readonly progress: SendProgress,
    private readonly receipts: ReceiptBook,
    private readonly settings: SenderSettings,
    private readonly log: Logger,
  ) {}

  async send(reply: Reply): Promise<SendResult> {
    const destination = destinationOf(reply);
    const ref = await this.progress.reference(reply.id, destination);
    let segmented;
    try {
      segmented = segmentForSms(reply.text, ref);
    } catch (error) {
      if (error instanceof SmsTooLongError) throw new PermanentSendError(error.message);
      throw error;
    }
    const done = await this.progress.submitted(reply.id);
    if (done.size === 0) await this.receipts.expect(reply.id, segmented.parts.length);
    const total = segmented.parts.length;
    for (const [index, shortMessage] of segmented.parts.entries()) {
      if (done.has(index)) continue;
      const messageId = await this.submitPart(
        {
          service_type: '',
          source_addr_ton: SHORT_CODE.ton,
          source_addr_npi: SHORT_CODE.npi,
          source_addr: this.settings.shortCode,
          dest_addr_ton: INTERNATIONAL.ton,
          dest_addr_npi: INTERNATIONAL.npi,
          destination_addr: destination,
          esm_class: segmented.esmClass,
          registered_delivery: 1,
          data_coding: segmented.dataCoding,
          short_message: shortMessage,
        },
        `${index + 1}/${total}`,
      );
      done.set(index, messageId);
      await this.progress.record(reply.id, index, messageId);
      await this.receipts.submitted(reply.id, index, messageId);
    }
    return { status: 'sent', providerId: done.get(0) ?? null };
  }

  private async submitPart(fields: Record<string, unknown>, label: string): Promise<string> {
    for (let attempt = 0; attempt < THROTTLE_TRIES; attempt++) {
      try {
        await this.session.waitBound(this.settings.waitBoundMs);
      } catch (error) {
        throw new SmsRetryableError(error instanceof Error ? error.message : String(error), error);
      }
      // A retry goes first: replies leave in the order they were queued.
      const release = await this.session.gate.acquire(attempt > 0);
      let resp;
      try {
        resp = await this.session.request('submit_sm', fields);
      } catch (error) {
        if (error instanceof SessionUnavailableError) throw new SmsRetryableError(`part ${label}: ${error.message}`, error);
        throw error;
      } finally {
        release();
      }
      const status = resp.command_status;
      if (status === STATUS.ROK && resp.command === 'submit_sm_resp') {
        const id = typeof resp.message_id === 'string' ? resp.message_id : '';
        if (id) return id;
        // An SMSC that accepts without an id leaves nothing to match receipts by; the send stands.
        this.log.warn({ part: label }, 'submit_sm_resp without a message_id');
        return '';
      }
      if (isThrottle(status)) {
        const pause = Math.min(THROTTLE_MAX_PAUSE_MS, THROTTLE_FIRST_PAUSE_MS * 2 ** attempt);
        this.session.gate.pause(pause);
        this.log.info({ part: label, status: statusName(status), pauseMs: pause }, 'SMSC throttled a submit; pausing');
        continue;
      }
      const what = resp.command === 'generic_nack' ? 'generic_nack' : 'submit_sm_resp';
      if (isTemporarySubmitError(status)) throw new SmsRetryableError(`part ${label}: ${what} ${statusName(status)}`);
      throw new PermanentSendError(`SMSC refused part ${label}: ${what} ${statusName(status)}`);
    }
    throw new SmsRetryableError(`part ${label}: SMSC still throttling after ${THROTTLE_TRIES} tries`);
  }
}

/** The recipient as the SMSC wants it: international digits without '+'. */
function destinationOf(reply: Reply): string {
  const address = (reply.recipient.phone ?? reply.recipient.id).trim();
  const digits = address.replace(/^\+/, '');
  if (!/^\d{5,20}$/.test(digits)) throw new PermanentSendError('recipient is not a phone number');
  return digits;
}
