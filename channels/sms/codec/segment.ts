import { encodeGsm, gsmCharSeptets } from './gsm0338';
import { chooseEncoding, encodeUcs2, withoutNul } from './textCoding';
import { ESM_CLASS_UDHI, concatUdh8 } from './udh';

/**
 * Splits reply text into the short_message bodies of one SMS or of a concatenated SMS.
 *
 * Limits (3GPP TS 23.040): the air interface carries 140 octets of user data. Unsplit, that is
 * 160 GSM septets or 70 UCS2 code units. Split, each part spends 6 octets on the concatenation
 * UDH, leaving 153 septets (the header plus one fill bit takes 7 septets) or 67 UCS2 units.
 * SMPP short_message carries GSM septets unpacked, one octet each, so a GSM part is up to
 * 6 + 153 = 159 octets on the wire to the SMSC (under SMPP's 254), which packs it into 140.
 *
 * A part never ends between an escape and its extension code, nor between the two halves of a
 * surrogate pair: handsets that decode each part alone would show garbage. Nothing is truncated;
 * text that would need more than 255 parts (the UDH count is one octet) is refused with an error.
 */

export const SINGLE_GSM_SEPTETS = 160;
export const PART_GSM_SEPTETS = 153;
export const SINGLE_UCS2_UNITS = 70;
export const PART_UCS2_UNITS = 67;
export const MAX_PARTS = 255;

export interface SegmentedSms {
  dataCoding: 0 | 8;
  /** 0 for a single part; UDHI (0x40) when every part starts with a UDH. */
  esmClass: number;
  parts: Buffer[];
}

export class SmsTooLongError extends RangeError {
  constructor(readonly partsNeeded: number) {
    super(`text needs ${partsNeeded} SMS parts; a concatenated SMS holds at most ${MAX_PARTS}`);
    this.name = 'SmsTooLongError';
  }
}

/** Characters in order, each with its size in the chosen coding's units. */
function sizedChars(text: string, coding: 'gsm' | 'ucs2'): { ch: string; size: number }[] {
  if (coding === 'gsm') return Array.from(text, (ch) => ({ ch, size: gsmCharSeptets(ch) }));
  // The string iterator yields a surrogate pair as one item, so pairs stay together.
  return Array.from(text, (ch) => ({ ch, size: ch.length }));
}

function chunk(chars: { ch: string; size: number }[], limit: number): string[] {
  const chunks: string[] = [];
  let current = '';
  let used = 0;
  for (const { ch, size } of chars) {
    if (used + size > limit) {
      chunks.push(current);
      current = '';
      used = 0;
    }
    current += ch;
    used += size;
  }
  chunks.push(current);
  return chunks;
}

/**
 * The parts to send for `original` less any U+0000: GSM 03.38 (data_coding 0) when every
 * character fits, UCS2 (data_coding 8) otherwise. `ref` is the concatenation reference; only its
 * low 8 bits are used since parts carry the 8-bit reference element.
 */
export function segmentForSms(original: string, ref: number): SegmentedSms {
  if (!Number.isInteger(ref) || ref < 0) throw new RangeError('concatenation reference must be a non-negative integer');
  // U+0000 would go out as a UCS2 0x0000 that handsets show as nothing and our own decoder drops.
  const text = withoutNul(original);
  const coding = chooseEncoding(text);
  const dataCoding = coding === 'gsm' ? 0 : 8;
  const encode = coding === 'gsm' ? encodeGsm : encodeUcs2;
  const chars = sizedChars(text, coding);
  const size = chars.reduce((sum, c) => sum + c.size, 0);
  const single = coding === 'gsm' ? SINGLE_GSM_SEPTETS : SINGLE_UCS2_UNITS;
  if (size <= single) return { dataCoding, esmClass: 0, parts: [encode(text)] };

  const chunks = chunk(chars, coding === 'gsm' ? PART_GSM_SEPTETS : PART_UCS2_UNITS);
  if (chunks.length > MAX_PARTS) throw new SmsTooLongError(chunks.length);
  const parts = chunks.map((piece, i) => Buffer.concat([concatUdh8(ref, chunks.length, i + 1), encode(piece)]));
  return { dataCoding, esmClass: ESM_CLASS_UDHI, parts };
}
