import { encodeGsm } from '../codec/gsm0338';
import { encodeUcs2 } from '../codec/textCoding';

/** How a simulated handset sends concatenated text: UDH with an 8- or 16-bit reference, or sar_* TLVs. */
export type Concatenation = 'udh8' | 'udh16' | 'sar';

export interface MoPart {
  esmClass: number;
  shortMessage: Buffer;
  sar: { sar_msg_ref_num: number; sar_total_segments: number; sar_segment_seqnum: number } | null;
}

/** data_coding values the simulator can send text in. */
export type MoCoding = 0 | 1 | 3 | 8;

export function encodeMoText(text: string, dataCoding: MoCoding): Buffer {
  switch (dataCoding) {
    case 0:
      return encodeGsm(text);
    case 8:
      return encodeUcs2(text);
    case 3:
      return Buffer.from(text, 'latin1');
    case 1:
      return Buffer.from(text, 'ascii');
  }
}

/** Body octets per part, as a handset cuts them (GSM 153 septets, UCS2 67 units, 8-bit 134 octets). */
function splitBody(text: string, dataCoding: MoCoding): Buffer[] {
  const limit = dataCoding === 0 ? 153 : dataCoding === 8 ? 134 : 134;
  const pieces: Buffer[] = [];
  let current: string[] = [];
  let size = 0;
  for (const ch of Array.from(text)) {
    const n = encodeMoText(ch, dataCoding).length;
    if (size + n > limit) {
      pieces.push(encodeMoText(current.join(''), dataCoding));
      current = [];
      size = 0;
    }
    current.push(ch);
    size += n;
  }
  pieces.push(encodeMoText(current.join(''), dataCoding));
  return pieces;
}

/**
 * The short_message of each part of `text` sent concatenated. `extraIe` adds another information
 * element before the concatenation one (phones send port or formatting IEs alongside).
 */
export function concatenatedParts(text: string, dataCoding: MoCoding, how: Concatenation, ref: number, extraIe?: Buffer): MoPart[] {
  const bodies = splitBody(text, dataCoding);
  const total = bodies.length;
  return bodies.map((body, i) => {
    const seq = i + 1;
    if (how === 'sar') {
      return { esmClass: 0, shortMessage: body, sar: { sar_msg_ref_num: ref & 0xffff, sar_total_segments: total, sar_segment_seqnum: seq } };
    }
    const concat = how === 'udh8' ? Buffer.from([0x00, 0x03, ref & 0xff, total, seq]) : Buffer.from([0x08, 0x04, (ref >> 8) & 0xff, ref & 0xff, total, seq]);
    const elements = extraIe ? Buffer.concat([extraIe, concat]) : concat;
    const udh = Buffer.concat([Buffer.from([elements.length]), elements]);
    return { esmClass: 0x40, shortMessage: Buffer.concat([udh, body]), sar: null };
  });
}
