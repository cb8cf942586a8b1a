import { createHash } from 'node:crypto';
import { ZodError } from 'zod';
import type { ChannelContext } from '../../../src/channels/channel';
import { ExternalIdConflictError } from '../../../src/intake/accept';
import type { MessageFlag } from '../../../src/message/inboundMessage';
import { normalizeIndonesianPhone } from '../../../src/message/phone';
import { privacyFields } from '../../../src/message/privacyTags';
import { parseDeliveryReceipt } from '../codec/deliveryReceipt';
import { deliverSmType, isDeliveryReceipt } from '../codec/esmClass';
import { decodeShortMessage } from '../codec/textCoding';
import { concatFromSarTlvs, hasUdh, parseUdh, type ConcatInfo } from '../codec/udh';
import type { ReceiptBook } from '../receipts/receiptBook';
import { STATUS } from '../session/smppStatus';
import { assembleText } from './assemble';
import { MalformedPduError, parseDeliverSm, type DeliverSm } from './deliverSm';
import { partFingerprint, type MultipartStore, type PartsSet } from './multipartStore';

export const SMS_CHANNEL = 'sms';

/** ESME_RX_P_APPN: we will never take this message (it breaks our limits); the SMSC must not retry. */
const RX_P_APPN = 0x65;

/**
 * An SMSC redelivers a message it got no positive answer for. A single-part MO carries no id of its
 * own, so the same sender, recipient and bytes within this window are taken as that redelivery.
 */
const REDELIVERY_WINDOW_MS = 10 * 60 * 1000;
/** Once acknowledged, a repeat only comes from a lost deliver_sm_resp, which shows up soon. */
const ACKED_REDELIVERY_WINDOW_MS = 2 * 60 * 1000;

// Returns the id the first copy got, or stores the candidate.
const FIRST_ID = `
local v = redis.call('GET', KEYS[1])
if v then return v end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return ARGV[1]
`;

interface Body {
  bytes: Buffer;
  concat: ConcatInfo | null;
}

/**
 * What arrives by deliver_sm: a citizen's message (whole or one part of a concatenated one) or a
 * delivery receipt. Resolves with the command_status for deliver_sm_resp, which is ESME_ROK only
 * once the message or part is stored.
 */
export class MoReceiver {
  constructor(
    private readonly ctx: ChannelContext,
    private readonly prefix: string,
    private readonly parts: MultipartStore,
    private readonly receipts: ReceiptBook,
  ) {}

  async handle(pdu: Buffer): Promise<number> {
    let deliver: DeliverSm;
    try {
      deliver = parseDeliverSm(pdu);
    } catch (error) {
      if (!(error instanceof MalformedPduError)) throw error;
      this.ctx.log.warn({ reason: error.message }, 'malformed deliver_sm refused');
      return STATUS.RINVCMDLEN;
    }
    try {
      if (deliverSmType(deliver.esmClass) !== 'default') return await this.notification(deliver);
      return await this.message(deliver);
    } catch (error) {
      if (error instanceof ZodError) {
        this.ctx.log.warn({ issues: error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) }, 'SMS refused: does not fit an inbound message');
        return RX_P_APPN;
      }
      // Redis or intake could not store it: the SMSC keeps the message and tries again.
      this.ctx.log.warn({ err: error }, 'SMS not stored; answered with a temporary error');
      return STATUS.RX_T_APPN;
    }
  }

  private async notification(deliver: DeliverSm): Promise<number> {
    // Receipts and acknowledgements are the network talking about our replies, never a complaint.
    if (!isDeliveryReceipt(deliver.esmClass)) return STATUS.ROK;
    const receipt = parseDeliveryReceipt({
      text: decodeShortMessage(deliver.dataCoding, deliver.messagePayload ?? deliver.shortMessage),
      ...(deliver.receiptedMessageId ? { receiptedMessageId: deliver.receiptedMessageId } : {}),
      ...(deliver.messageState !== null ? { messageState: deliver.messageState } : {}),
      ...(deliver.networkErrorCode ? { networkErrorCode: deliver.networkErrorCode } : {}),
    });
    if (!receipt) {
      this.ctx.log.warn({ esmClass: deliver.esmClass }, 'delivery receipt without a message id; ignored');
      return STATUS.ROK;
    }
    const outcome = await this.receipts.received(receipt);
    this.ctx.log.debug({ messageId: receipt.messageId, state: receipt.state, outcome }, 'delivery receipt');
    return STATUS.ROK;
  }

  private async message(deliver: DeliverSm): Promise<number> {
    const { bytes, concat } = body(deliver);
    if (!concat || concat.total === 1) return this.single(deliver, bytes);
    const outcome = await this.parts.addPart(
      { source: deliver.sourceAddr, destination: deliver.destinationAddr, ref: concat.ref, refBits: concat.refBits, total: concat.total },
      { seq: concat.seq, dataCoding: deliver.dataCoding, body: bytes, fingerprint: partFingerprint(deliver.dataCoding, bytes) },
      this.ctx.now().getTime(),
    );
    // The originator was at its cap of open sets: the oldest are taken in now, as they are, before
    // this part is acknowledged, so a flood pays for its own sets and Redis holds no more than the cap.
    for (const setId of outcome.evicted) {
      const taken = await this.takeIn(setId);
      if (taken) this.ctx.log.info({ setId, received: taken.parts.length, total: taken.meta.total }, 'concatenated SMS taken in early: its sender reached the open-set cap');
    }
    if (outcome.kind !== 'complete') return STATUS.ROK;
    const set = await this.parts.read(outcome.setId);
    if (!set) return STATUS.ROK;
    await this.acceptSet(set);
    await this.parts.close(set.id);
    await this.parts.finish(set.id);
    return STATUS.ROK;
  }

  private async single(deliver: DeliverSm, bytes: Buffer): Promise<number> {
    const digest = createHash('sha256')
      .update(`${deliver.sourceAddr}\u0000${deliver.destinationAddr}\u0000${deliver.dataCoding}\u0000`)
      .update(bytes)
      .digest('hex');
    const key = `${this.prefix}mo:seen:${digest.slice(0, 32)}`;
    const candidate = `mo-${digest.slice(0, 24)}-${this.ctx.now().getTime().toString(36)}`;
    const externalId = (await this.ctx.redis.eval(FIRST_ID, 1, key, candidate, REDELIVERY_WINDOW_MS)) as string;
    await this.accept(deliver.sourceAddr, externalId, decodeShortMessage(deliver.dataCoding, bytes), [], {
      dataCoding: deliver.dataCoding,
      esmClass: deliver.esmClass,
      destination: deliver.destinationAddr,
      octets: bytes.length,
    });
    await this.ctx.redis.pexpire(key, ACKED_REDELIVERY_WINDOW_MS);
    return STATUS.ROK;
  }

  /**
   * Closes a set to new parts and takes in what it holds; null when someone else already finished
   * it. For sets leased after their timeout or to make room under an originator's cap.
   */
  async takeIn(setId: string): Promise<PartsSet | null> {
    const set = await this.parts.close(setId);
    if (!set) return null;
    await this.acceptSet(set);
    await this.parts.finish(setId);
    return set;
  }

  /** Takes a set in as one message: whole, or after the timeout with what arrived. */
  async acceptSet(set: PartsSet): Promise<void> {
    const { meta, parts } = set;
    await this.accept(meta.source, meta.externalId, assembleText(parts, meta.total), set.complete ? [] : ['incomplete'], {
      dataCoding: parts[0]?.dataCoding ?? null,
      destination: meta.destination,
      concat: { ref: meta.ref, refBits: meta.refBits, total: meta.total, received: parts.map((p) => p.seq) },
    });
  }

  private async accept(source: string, externalId: string, text: string, flags: MessageFlag[], raw: Record<string, unknown>): Promise<void> {
    const phone = normalizeIndonesianPhone(source);
    try {
      await this.ctx.intake.accept({
        channel: SMS_CHANNEL,
        externalId,
        sender: phone ? { id: phone, phone } : { id: source },
        text,
        receivedAt: this.ctx.now(),
        raw,
        flags,
        ...privacyFields(text),
      });
    } catch (error) {
      // Same id, other content: only a hash collision could do this; the first copy stands.
      if (error instanceof ExternalIdConflictError) {
        this.ctx.log.warn({ externalId }, 'SMS id already used for other content; kept the first');
        return;
      }
      throw error;
    }
  }
}

/** The octets after any UDH, from message_payload when present, and how they are concatenated. */
function body(deliver: DeliverSm): Body {
  const octets = deliver.messagePayload ?? deliver.shortMessage;
  const sar = deliver.sar ? concatFromSarTlvs(deliver.sar) : null;
  if (!hasUdh(deliver.esmClass)) return { bytes: octets, concat: sar };
  const udh = parseUdh(octets);
  // A header whose lengths do not add up: keep every octet as text rather than lose the message.
  if (!udh) return { bytes: octets, concat: sar };
  return { bytes: octets.subarray(udh.headerLength), concat: udh.concat ?? sar };
}
