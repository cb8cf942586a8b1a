import { decodeGsm, gsmEncodable } from './gsm0338';

/**
 * Turns an SMPP short_message (or message_payload) into text according to its data_coding, and
 * picks the coding for text we send. Decoding never throws: a citizen's message must be stored
 * even when an SMSC labels it oddly, so every byte sequence gets a best-effort reading.
 *
 * Rules, by data_coding (SMPP 3.4 §5.2.19; values from 0x10 up read as a GSM 03.38 DCS because
 * real SMSCs pass handset DCS values through):
 * - 0 "SMSC default alphabet": what it means is the SMSC's choice, so it is configurable
 *   (`defaultAlphabet`). 'gsm' reads GSM 03.38 septets; 'latin1' reads 8-bit text; 'auto'
 *   (the default) looks at the bytes, see `looksLikeAsciiNotGsm`.
 * - 1 IA5: ASCII. The `smpp` package reads it with the GSM table, which turns '@' into '¡',
 *   '_' into '§' and '$' into '¤'; SMSCs that use 1 send ASCII/Latin-1 text, so we read it as
 *   8-bit text.
 * - 3 Latin-1 (ISO-8859-1), strictly.
 * - 8 UCS2, read as UTF-16BE so surrogate pairs (emoji) survive; a lone surrogate or a trailing
 *   odd byte becomes U+FFFD.
 * - 6 Cyrillic, 7 Hebrew, 0x0A ISO-2022-JP, 0x0E KS C 5601: their charsets.
 * - GSM DCS groups: 7-bit → GSM 03.38 (0xC0–0xDF, 0xF0–0xF3, 0x10–0x7F with alphabet bits 00),
 *   UCS2 → as 8 (0xE0–0xEF, alphabet bits 10).
 * - Everything else (2 and 4 binary, 8-bit data classes such as 0xF4–0xF7, compressed, reserved,
 *   values outside a byte): 8-bit text.
 * "8-bit text" means UTF-8 when the bytes are valid UTF-8 (some SMSCs forward UTF-8 under any
 * label), otherwise Latin-1, which maps every byte to one character so nothing is lost.
 * GSM 7-bit bodies holding an octet above 0x7F cannot be septets and are read as 8-bit text too.
 * U+0000 is removed from 8-bit and UCS2 results: it carries no meaning in a complaint and
 * PostgreSQL text cannot store it (in GSM 0x00 is '@' and stays).
 */

export type DefaultAlphabet = 'auto' | 'gsm' | 'latin1';

export interface DecodeOptions {
  /** How to read data_coding 0; see the module comment. Default 'auto'. */
  defaultAlphabet?: DefaultAlphabet;
}

export type Alphabet =
  | 'smsc-default'
  | 'gsm7'
  | 'ia5'
  | 'latin1'
  | 'ucs2'
  | 'cyrillic'
  | 'hebrew'
  | 'iso-2022-jp'
  | 'ks-c-5601'
  | 'octets';

const SMPP_CODINGS: Readonly<Record<number, Alphabet>> = {
  0x00: 'smsc-default',
  0x01: 'ia5',
  0x03: 'latin1',
  0x06: 'cyrillic',
  0x07: 'hebrew',
  0x08: 'ucs2',
  0x0a: 'iso-2022-jp',
  0x0e: 'ks-c-5601',
};

const CHARSET_LABELS: Partial<Record<Alphabet, string>> = {
  cyrillic: 'iso-8859-5',
  hebrew: 'iso-8859-8',
  'iso-2022-jp': 'iso-2022-jp',
  'ks-c-5601': 'euc-kr',
};

/** What a data_coding value says about the body's alphabet. */
export function alphabetOf(dataCoding: number): Alphabet {
  if (!Number.isInteger(dataCoding) || dataCoding < 0 || dataCoding > 0xff) return 'octets';
  if (dataCoding <= 0x0f) return SMPP_CODINGS[dataCoding] ?? 'octets';
  if (dataCoding <= 0x7f) {
    // General data coding and automatic deletion groups: bit 5 compressed, bits 3..2 alphabet.
    if (dataCoding & 0x20) return 'octets';
    const bits = (dataCoding >> 2) & 0x03;
    return bits === 0 ? 'gsm7' : bits === 2 ? 'ucs2' : 'octets';
  }
  if (dataCoding <= 0xbf) return 'octets';
  if (dataCoding <= 0xdf) return 'gsm7';
  if (dataCoding <= 0xef) return 'ucs2';
  return dataCoding & 0x04 ? 'octets' : 'gsm7';
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** `text` without U+0000 (see the module comment): also applied to what we send, so a round trip is exact. */
export function withoutNul(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
}

function eightBitText(bytes: Buffer): string {
  let text: string;
  try {
    text = utf8Strict.decode(bytes);
  } catch {
    text = bytes.toString('latin1');
  }
  return withoutNul(text);
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** UTF-16BE to text; never throws. Lone surrogates and an odd trailing byte become U+FFFD. */
export function decodeUcs2(bytes: Buffer): string {
  const units: number[] = [];
  for (let i = 0; i + 1 < bytes.length; i += 2) units.push(bytes.readUInt16BE(i));
  let out = '';
  for (let i = 0; i < units.length; i++) {
    const unit = units[i] ?? 0;
    const next = units[i + 1];
    if (isHighSurrogate(unit) && next !== undefined && isLowSurrogate(next)) {
      out += String.fromCharCode(unit, next);
      i++;
    } else if (isHighSurrogate(unit) || isLowSurrogate(unit)) {
      out += '\ufffd';
    } else if (unit !== 0) {
      out += String.fromCharCode(unit);
    }
  }
  if (bytes.length % 2 === 1) out += '\ufffd';
  return out;
}

/** Text to UTF-16BE (what data_coding 8 carries). */
export function encodeUcs2(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

function isControlOnlyGsmUses(byte: number): boolean {
  return (byte < 0x20 && byte !== 0x0a && byte !== 0x0d) || byte === 0x7f;
}

// Bytes where GSM 03.38 and ASCII disagree and the ASCII reading is ordinary text:
// $ @ [ \ ] ^ _ ` { | } ~ against GSM's ¤ ¡ Ä Ö Ñ Ü § ¿ ä ö ñ ü.
function isAsciiPunctuationGsmReadsAsLetter(byte: number): boolean {
  return byte === 0x24 || byte === 0x40 || (byte >= 0x5b && byte <= 0x60) || (byte >= 0x7b && byte <= 0x7e);
}

/**
 * The 'auto' rule for data_coding 0, for an SMSC we cannot be sure encodes GSM:
 * 1. an octet above 0x7F cannot be a septet → 8-bit text;
 * 2. else a control octet other than LF/CR, or 0x7F, means GSM (that is how GSM writes
 *    @ £ $ ¥ è é _ … and the escape; ASCII text has no such octets) → GSM;
 * 3. else an octet from $ @ [ \ ] ^ _ ` { | } ~ means ASCII: a GSM sender would have written
 *    those characters as control octets or escapes, and their GSM readings (¤ ¡ Ä Ö Ñ Ü § ¿ ä ö
 *    ñ ü) do not occur in Indonesian text → ASCII;
 * 4. else GSM and ASCII read the bytes identically.
 * A GSM sender writing Ä/Ñ/ü with none of @ $ _ è é nearby is read as ASCII brackets: the price
 * of reading Indonesian ASCII SMSCs right. Set defaultAlphabet 'gsm' for a strict GSM SMSC.
 */
export function looksLikeAsciiNotGsm(bytes: Buffer): boolean {
  let asciiHint = false;
  for (const byte of bytes) {
    if (byte > 0x7f) return true;
    if (isControlOnlyGsmUses(byte)) return false;
    if (isAsciiPunctuationGsmReadsAsLetter(byte)) asciiHint = true;
  }
  return asciiHint;
}

function decodeGsm7(bytes: Buffer): string {
  return bytes.some((b) => b > 0x7f) ? eightBitText(bytes) : decodeGsm(bytes);
}

function decodeSmscDefault(bytes: Buffer, alphabet: DefaultAlphabet): string {
  if (alphabet === 'latin1') return eightBitText(bytes);
  if (alphabet === 'gsm') return decodeGsm7(bytes);
  return looksLikeAsciiNotGsm(bytes) ? eightBitText(bytes) : decodeGsm(bytes);
}

/** The text of a short_message or message_payload body (after any UDH). Never throws. */
export function decodeShortMessage(dataCoding: number, bytes: Buffer, options: DecodeOptions = {}): string {
  const alphabet = alphabetOf(dataCoding);
  switch (alphabet) {
    case 'smsc-default':
      return decodeSmscDefault(bytes, options.defaultAlphabet ?? 'auto');
    case 'gsm7':
      return decodeGsm7(bytes);
    case 'latin1':
      return withoutNul(bytes.toString('latin1'));
    case 'ucs2':
      return decodeUcs2(bytes);
    case 'ia5':
    case 'octets':
      return eightBitText(bytes);
    default: {
      const label = CHARSET_LABELS[alphabet];
      return label ? withoutNul(new TextDecoder(label).decode(bytes)) : eightBitText(bytes);
    }
  }
}

/**
 * The text of a concatenated message from its part bodies in order (UDH removed). The bodies
 * are joined before decoding, so an escape pair or a surrogate pair that a handset split across
 * two parts still decodes to its character.
 */
export function decodeConcatenated(dataCoding: number, bodies: readonly Buffer[], options: DecodeOptions = {}): string {
  return decodeShortMessage(dataCoding, Buffer.concat(bodies), options);
}

/** GSM 03.38 when every character fits (160 a message), UCS2 otherwise (70). */
export function chooseEncoding(text: string): 'gsm' | 'ucs2' {
  return gsmEncodable(text) ? 'gsm' : 'ucs2';
}
