/**
 * User Data Header (3GPP TS 23.040 §9.2.3.24) at the start of a short_message whose esm_class
 * has UDHI (0x40) set, and the SMPP sar_* TLVs that carry the same concatenation facts.
 * Everything here reads untrusted bytes from an SMSC: it returns null rather than throwing and
 * never reads past the buffer.
 */

export const ESM_CLASS_UDHI = 0x40;

export const IEI_CONCAT_8BIT = 0x00;
export const IEI_CONCAT_16BIT = 0x08;

export interface ConcatInfo {
  ref: number;
  total: number;
  seq: number;
  refBits: 8 | 16;
}

export interface InformationElement {
  iei: number;
  data: Buffer;
}

export interface Udh {
  /** Octets the header takes, its length octet included: the body starts at this offset. */
  headerLength: number;
  concat: ConcatInfo | null;
  elements: InformationElement[];
}

/** True when esm_class says the short_message starts with a UDH. */
export function hasUdh(esmClass: number): boolean {
  return (esmClass & ESM_CLASS_UDHI) !== 0;
}

function concatInfo(ref: number, total: number, seq: number, refBits: 8 | 16): ConcatInfo | null {
  if (total < 1 || seq < 1 || seq > total) return null;
  return { ref, total, seq, refBits };
}

function concatFromElement(element: InformationElement): ConcatInfo | null {
  const d = element.data;
  if (element.iei === IEI_CONCAT_8BIT && d.length === 3) {
    return concatInfo(d.readUInt8(0), d.readUInt8(1), d.readUInt8(2), 8);
  }
  if (element.iei === IEI_CONCAT_16BIT && d.length === 4) {
    return concatInfo(d.readUInt16BE(0), d.readUInt8(2), d.readUInt8(3), 16);
  }
  return null;
}

/**
 * The UDH at the start of `bytes`, or null when its lengths do not add up (the header longer than
 * the message, an element running past the header). Concatenation comes from IEI 0x00 (8-bit
 * reference) or 0x08 (16-bit); when several are present the last one counts (23.040 §9.2.3.24:
 * of repeated elements the last occurrence is used). A concatenation element with the wrong
 * length, total 0, seq 0 or seq > total leaves `concat` null but the header is still returned,
 * so the body can be read as a message of its own.
 */
export function parseUdh(bytes: Buffer): Udh | null {
  if (bytes.length < 1) return null;
  const udhl = bytes.readUInt8(0);
  const headerLength = udhl + 1;
  if (headerLength > bytes.length) return null;
  const elements: InformationElement[] = [];
  let concat: ConcatInfo | null = null;
  let at = 1;
  while (at < headerLength) {
    if (at + 2 > headerLength) return null;
    const iei = bytes.readUInt8(at);
    const length = bytes.readUInt8(at + 1);
    const end = at + 2 + length;
    if (end > headerLength) return null;
    const element = { iei, data: Buffer.from(bytes.subarray(at + 2, end)) };
    elements.push(element);
    if (iei === IEI_CONCAT_8BIT || iei === IEI_CONCAT_16BIT) concat = concatFromElement(element);
    at = end;
  }
  return { headerLength, concat, elements };
}

export interface SarTlvs {
  sar_msg_ref_num?: number;
  sar_total_segments?: number;
  sar_segment_seqnum?: number;
}

function isByte(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 0xff;
}

/**
 * Concatenation from the SMPP 3.4 sar_* TLVs (§5.3.2.22–24): all three must be present and in
 * range (ref 16-bit, total and seq 1..255, seq ≤ total); otherwise null.
 */
export function concatFromSarTlvs(tlvs: SarTlvs): (ConcatInfo & { refBits: 16 }) | null {
  const ref = tlvs.sar_msg_ref_num;
  const total = tlvs.sar_total_segments;
  const seq = tlvs.sar_segment_seqnum;
  if (typeof ref !== 'number' || !Number.isInteger(ref) || ref < 0 || ref > 0xffff) return null;
  if (!isByte(total) || !isByte(seq)) return null;
  if (total < 1 || seq < 1 || seq > total) return null;
  return { ref, total, seq, refBits: 16 };
}

/** The 6-octet UDH this gateway puts on each part it sends: 05 00 03 ref total seq. */
export function concatUdh8(ref: number, total: number, seq: number): Buffer {
  return Buffer.from([0x05, IEI_CONCAT_8BIT, 0x03, ref & 0xff, total, seq]);
}
