/**
 * deliver_sm read straight from the wire bytes (SMPP 3.4 §4.6.1). The smpp package decodes
 * short_message itself and gets data_coding 1 wrong, so we never use its decoding for incoming
 * messages: we keep the raw octets and let the codec decode them.
 */

export const DELIVER_SM = 0x00000005;

const TLV = {
  receipted_message_id: 0x001e,
  sar_msg_ref_num: 0x020c,
  sar_total_segments: 0x020e,
  sar_segment_seqnum: 0x020f,
  network_error_code: 0x0423,
  message_payload: 0x0424,
  message_state: 0x0427,
} as const;

export interface DeliverSm {
  sequence: number;
  sourceAddr: string;
  destinationAddr: string;
  esmClass: number;
  dataCoding: number;
  /** short_message octets exactly as sent (UDH included when esm_class has UDHI). */
  shortMessage: Buffer;
  messagePayload: Buffer | null;
  sar: { sar_msg_ref_num: number; sar_total_segments: number; sar_segment_seqnum: number } | null;
  receiptedMessageId: string | null;
  messageState: number | null;
  /** network_error_code TLV as sent: 1 octet network type + 2 octets error code. */
  networkErrorCode: Buffer | null;
}

/** A deliver_sm whose body does not parse: answered with an error status, never a crash. */
export class MalformedPduError extends Error {
  constructor(reason: string) {
    super(`malformed deliver_sm: ${reason}`);
    this.name = 'MalformedPduError';
  }
}

class Reader {
  offset = 16;
  constructor(private readonly buf: Buffer) {}

  u8(field: string): number {
    if (this.offset + 1 > this.buf.length) throw new MalformedPduError(`${field} past the end`);
    return this.buf.readUInt8(this.offset++);
  }

  cstring(field: string, max: number): string {
    const end = this.buf.indexOf(0, this.offset);
    if (end < 0 || end - this.offset > max) throw new MalformedPduError(`${field} not terminated`);
    // Addresses are digits (and '+'); anything else is kept as Latin-1 so nothing throws.
    const s = this.buf.toString('latin1', this.offset, end);
    this.offset = end + 1;
    return s;
  }

  bytes(field: string, length: number): Buffer {
    if (this.offset + length > this.buf.length) throw new MalformedPduError(`${field} longer than the PDU`);
    const b = this.buf.subarray(this.offset, this.offset + length);
    this.offset += length;
    return Buffer.from(b);
  }

  get remaining(): number {
    return this.buf.length - this.offset;
  }
}

/** Parses a whole deliver_sm PDU (header included). Throws MalformedPduError on a bad body. */
export function parseDeliverSm(pdu: Buffer): DeliverSm {
  if (pdu.length < 16 || pdu.readUInt32BE(0) !== pdu.length) throw new MalformedPduError('command_length does not match');
  const r = new Reader(pdu);
  r.cstring('service_type', 5);
  r.u8('source_addr_ton');
  r.u8('source_addr_npi');
  const sourceAddr = r.cstring('source_addr', 64);
  r.u8('dest_addr_ton');
  r.u8('dest_addr_npi');
  const destinationAddr = r.cstring('destination_addr', 64);
  const esmClass = r.u8('esm_class');
  r.u8('protocol_id');
  r.u8('priority_flag');
  r.cstring('schedule_delivery_time', 16);
  r.cstring('validity_period', 16);
  r.u8('registered_delivery');
  r.u8('replace_if_present_flag');
  const dataCoding = r.u8('data_coding');
  r.u8('sm_default_msg_id');
  const smLength = r.u8('sm_length');
  const shortMessage = r.bytes('short_message', smLength);

  const result: DeliverSm = {
    sequence: pdu.readUInt32BE(12),
    sourceAddr,
    destinationAddr,
    esmClass,
    dataCoding,
    shortMessage,
    messagePayload: null,
    sar: null,
    receiptedMessageId: null,
    messageState: null,
    networkErrorCode: null,
  };
  const sar: Partial<Record<'sar_msg_ref_num' | 'sar_total_segments' | 'sar_segment_seqnum', number>> = {};
  while (r.remaining > 0) {
    if (r.remaining < 4) throw new MalformedPduError('truncated TLV header');
    const tag = pdu.readUInt16BE(r.offset);
    const length = pdu.readUInt16BE(r.offset + 2);
    r.offset += 4;
    const value = r.bytes(`TLV 0x${tag.toString(16)}`, length);
    switch (tag) {
      case TLV.message_payload:
        result.messagePayload = value;
        break;
      case TLV.receipted_message_id:
        result.receiptedMessageId = value.toString('latin1').replace(/\0+$/, '');
        break;
      case TLV.message_state:
        result.messageState = value.length >= 1 ? value.readUInt8(0) : null;
        break;
      case TLV.network_error_code:
        result.networkErrorCode = value;
        break;
      case TLV.sar_msg_ref_num:
        if (value.length >= 2) sar.sar_msg_ref_num = value.readUInt16BE(0);
        break;
      case TLV.sar_total_segments:
        if (value.length >= 1) sar.sar_total_segments = value.readUInt8(0);
        break;
      case TLV.sar_segment_seqnum:
        if (value.length >= 1) sar.sar_segment_seqnum = value.readUInt8(0);
        break;
      default:
        // Optional parameters we do not use are skipped, as SMPP 3.4 §5.3 asks of an ESME.
        break;
    }
  }
  if (sar.sar_msg_ref_num !== undefined && sar.sar_total_segments !== undefined && sar.sar_segment_seqnum !== undefined) {
    result.sar = { sar_msg_ref_num: sar.sar_msg_ref_num, sar_total_segments: sar.sar_total_segments, sar_segment_seqnum: sar.sar_segment_seqnum };
  }
  return result;
}
