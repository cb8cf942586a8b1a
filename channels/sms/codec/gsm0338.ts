/**
 * GSM 03.38 (3GPP TS 23.038 §6.2.1) default alphabet and its extension table, in the unpacked
 * form SMPP uses: one septet per octet in short_message for data_coding 0. Packing septets into
 * 7-bit groups is the radio side's business, never ours.
 *
 * Only the default tables are implemented. The national language shift tables (UDH IEs 0x24 and
 * 0x25: Turkish, Spanish, Portuguese, Indian languages) are not, because Indonesian is written
 * entirely in the default alphabet and phones here do not send them; a message that uses one is
 * still decoded, with the default tables, so nothing is lost but a few letters may differ.
 */

export const GSM_ESCAPE = 0x1b;

// Index = septet value. 0x1B is the escape to the extension table, never a character of its own.
// 0x09 is 'Ç' as the 2008+ editions of 23.038 print it (older phones showed 'ç').
const BASIC_TABLE =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

// Extension table: septet after 0x1B → character. 0x0A is FORM FEED (a page break on phones).
const EXTENSION_ENTRIES: readonly (readonly [number, string])[] = [
  [0x0a, '\f'],
  [0x14, '^'],
  [0x28, '{'],
  [0x29, '}'],
  [0x2f, '\\'],
  [0x3c, '['],
  [0x3d, '~'],
  [0x3e, ']'],
  [0x40, '|'],
  [0x65, '€'],
];

if (BASIC_TABLE.length !== 128) throw new Error('GSM basic table must have 128 entries');

const BASIC_BY_CHAR = new Map<string, number>();
for (let i = 0; i < BASIC_TABLE.length; i++) {
  if (i !== GSM_ESCAPE) BASIC_BY_CHAR.set(BASIC_TABLE.charAt(i), i);
}
const EXTENSION_BY_CHAR = new Map<string, number>(EXTENSION_ENTRIES.map(([code, ch]) => [ch, code]));
const EXTENSION_BY_CODE = new Map<number, string>(EXTENSION_ENTRIES);

/** Characters that take two septets (escape + code): they count double towards the 160 limit. */
export const GSM_EXTENSION_CHARS: readonly string[] = EXTENSION_ENTRIES.map(([, ch]) => ch);

/** Septets one character needs: 1 (basic), 2 (extension) or 0 when it is not in GSM 03.38. */
export function gsmCharSeptets(ch: string): 0 | 1 | 2 {
  if (BASIC_BY_CHAR.has(ch)) return 1;
  if (EXTENSION_BY_CHAR.has(ch)) return 2;
  return 0;
}

/** True when every character is in the default alphabet or its extension table. */
export function gsmEncodable(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (gsmCharSeptets(text.charAt(i)) === 0) return false;
  }
  return true;
}

function notGsm(text: string, index: number): RangeError {
  const code = text.charCodeAt(index).toString(16).toUpperCase().padStart(4, '0');
  return new RangeError(`character U+${code} at index ${index} is not in the GSM 03.38 alphabet`);
}

/** Septets the text takes, extension characters counting two. Throws on a non-GSM character. */
export function gsmSeptetCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const n = gsmCharSeptets(text.charAt(i));
    if (n === 0) throw notGsm(text, i);
    count += n;
  }
  return count;
}

/** Unpacked septets, one octet each; extension characters as 0x1B + code. Throws on a non-GSM character. */
export function encodeGsm(text: string): Buffer {
  const out = Buffer.alloc(gsmSeptetCount(text));
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    const basic = BASIC_BY_CHAR.get(ch);
    if (basic !== undefined) {
      out[at++] = basic;
    } else {
      out[at++] = GSM_ESCAPE;
      out[at++] = EXTENSION_BY_CHAR.get(ch) ?? 0;
    }
  }
  return out;
}

function basicChar(septet: number): string {
  return BASIC_TABLE.charAt(septet);
}

/**
 * Unpacked septets to text. Rules from 23.038 for what phones may send us:
 * - an escape followed by a code the extension table does not define shows the basic table's
 *   character for that code (§6.2.1.1: "the MS shall display the character shown in the main
 *   GSM 7 bit default alphabet table");
 * - escape + escape is reserved for a further extension table and shows as a space;
 * - a lone escape at the very end (a sender that cut an escape pair at a part boundary) shows as
 *   a space, as the note under the basic table asks of receivers that cannot use an escape.
 * An octet above 0x7F is not a septet at all: it becomes U+FFFD rather than a guess.
 */
export function decodeGsm(bytes: Buffer): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const septet = bytes[i] ?? 0;
    if (septet > 0x7f) {
      out += '\ufffd';
    } else if (septet !== GSM_ESCAPE) {
      out += basicChar(septet);
    } else if (i + 1 >= bytes.length) {
      out += ' ';
    } else {
      const code = bytes[++i] ?? 0;
      if (code > 0x7f) out += '\ufffd';
      else if (code === GSM_ESCAPE) out += ' ';
      else out += EXTENSION_BY_CODE.get(code) ?? basicChar(code);
    }
  }
  return out;
}
