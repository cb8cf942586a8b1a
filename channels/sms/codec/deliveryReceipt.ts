/**
 * SMSC delivery receipts (SMPP 3.4 Appendix B and §5.2.28) and the message-id matching they need.
 *
 * A receipt arrives as a deliver_sm whose esm_class message-type bits say so (see esmClass.ts).
 * Its facts come from the receipted_message_id / message_state / network_error_code TLVs when
 * present (SMPP 3.4 makes them optional, 5.0 mandatory), otherwise from the de-facto text
 * format of Appendix B:
 *   id:IIIIIIIIII sub:SSS dlvrd:DDD submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DDDDDDD err:E text:…
 * which SMSCs vary freely: any case, extra spaces, `submit_date`, seconds in dates, fields or
 * `text:` missing, long state names (DELIVERED for DELIVRD).
 */

export const RECEIPT_STATES = ['DELIVRD', 'EXPIRED', 'DELETED', 'UNDELIV', 'ACCEPTD', 'UNKNOWN', 'REJECTD', 'ENROUTE'] as const;
export type ReceiptState = (typeof RECEIPT_STATES)[number];

export interface DeliveryReceipt {
  messageId: string;
  state: ReceiptState;
  /** No later receipt will change this one's verdict. */
  final: boolean;
  delivered: boolean;
  /** The SMSC's error code when it reports one; absent or all zeros → null. */
  err: string | null;
  /** As "YYYY-MM-DDTHH:MM:SS" in the SMSC's local time (the receipt carries no zone). */
  submitDate: string | null;
  doneDate: string | null;
}

export interface ReceiptInput {
  text?: string;
  receiptedMessageId?: string;
  messageState?: number;
  networkErrorCode?: Buffer;
}

/**
 * Final states end the story. ENROUTE, ACCEPTD and UNKNOWN do not: ENROUTE is on its way;
 * ACCEPTD is what SMSCs send when a message was taken on the subscriber's behalf and more may
 * follow (Kannel, too, treats it as buffered, not final); UNKNOWN says nothing either way, and
 * marking a reply failed because an SMSC did not know would be worse than leaving it "sent".
 */
const FINAL_STATES: ReadonlySet<ReceiptState> = new Set(['DELIVRD', 'EXPIRED', 'DELETED', 'UNDELIV', 'REJECTD']);

// message_state TLV values, SMPP 3.4 §5.2.28 (1..8); 0 SCHEDULED and 9 SKIPPED come from SMPP 5.0.
const STATE_BY_NUMBER: Readonly<Record<number, ReceiptState>> = {
  0: 'ENROUTE',
  1: 'ENROUTE',
  2: 'DELIVRD',
  3: 'EXPIRED',
  4: 'DELETED',
  5: 'UNDELIV',
  6: 'ACCEPTD',
  7: 'UNKNOWN',
  8: 'REJECTD',
  9: 'UNDELIV',
};

// Spellings SMSCs use in the text form besides the 7-letter ones.
const STATE_ALIASES: Readonly<Record<string, ReceiptState>> = {
  DELIVRD: 'DELIVRD',
  DELIVERED: 'DELIVRD',
  DELIVR: 'DELIVRD',
  EXPIRED: 'EXPIRED',
  EXPIRD: 'EXPIRED',
  DELETED: 'DELETED',
  DELETD: 'DELETED',
  UNDELIV: 'UNDELIV',
  UNDELIVERABLE: 'UNDELIV',
  UNDELIVERED: 'UNDELIV',
  FAILED: 'UNDELIV',
  ACCEPTD: 'ACCEPTD',
  ACCEPTED: 'ACCEPTD',
  ACKED: 'ACCEPTD',
  UNKNOWN: 'UNKNOWN',
  UNKNWN: 'UNKNOWN',
  REJECTD: 'REJECTD',
  REJECTED: 'REJECTD',
  ENROUTE: 'ENROUTE',
  BUFFRED: 'ENROUTE',
  BUFFERED: 'ENROUTE',
  SCHEDULED: 'ENROUTE',
};

// network_error_code TLV network types, SMPP 3.4 §5.3.2.31.
const NETWORK_TYPES: Readonly<Record<number, string>> = {
  1: 'ANSI-136',
  2: 'IS-95',
  3: 'GSM',
  4: 'ANSI-136-cause',
  5: 'IS-95-cause',
  6: 'ANSI-41',
  7: 'SMPP',
  8: 'SMSC',
};

function cleanId(id: string | undefined): string {
  return (id ?? '').replaceAll('\u0000', '').trim();
}

function stateFromNumber(n: number | undefined): ReceiptState | null {
  if (typeof n !== 'number' || !Number.isInteger(n)) return null;
  return STATE_BY_NUMBER[n] ?? null;
}

function stateFromText(word: string | undefined): ReceiptState | null {
  if (!word) return null;
  return STATE_ALIASES[word.toUpperCase()] ?? 'UNKNOWN';
}

function errFromNetworkCode(buf: Buffer | undefined): string | null {
  if (!buf || buf.length !== 3) return null;
  const code = buf.readUInt16BE(1);
  if (code === 0) return null;
  const type = buf.readUInt8(0);
  return `${NETWORK_TYPES[type] ?? `type${type}`}:${code}`;
}

function errFromText(err: string | undefined): string | null {
  if (!err || /^0+$/.test(err)) return null;
  return err;
}

function isoDate(digits: string | undefined): string | null {
  if (!digits || (digits.length !== 10 && digits.length !== 12)) return null;
  const [yy, mo, dd, hh, mi, ss = '00'] = digits.match(/\d\d/g) ?? [];
  const n = (s: string | undefined) => Number(s);
  if (n(mo) < 1 || n(mo) > 12 || n(dd) < 1 || n(dd) > 31 || n(hh) > 23 || n(mi) > 59 || n(ss) > 59) return null;
  return `20${yy}-${mo}-${dd}T${hh}:${mi}:${ss}`;
}

interface TextFields {
  id?: string;
  stat?: string;
  err?: string;
  submit?: string;
  done?: string;
}

// Fields are read only before "text:", which echoes the start of our own message and could say anything.
function textFields(text: string): TextFields {
  const head = text.split(/\btext\s*:/i)[0] ?? '';
  const field = (pattern: RegExp) => pattern.exec(head)?.[1];
  return {
    id: field(/(?:^|[\s,;])id\s*:\s*([^\s,;]+)/i),
    stat: field(/\bstat\s*:\s*([A-Za-z]+)/i),
    err: field(/\berr\s*:\s*([^\s,;]+)/i),
    submit: field(/\bsubmit[\s_]*date\s*:\s*(\d+)/i),
    done: field(/\bdone[\s_]*date\s*:\s*(\d+)/i),
  };
}

/**
 * The receipt's facts, TLVs first, text for whatever the TLVs leave out; null when neither names a
 * message id. A receipt without any state reads as UNKNOWN (not final).
 */
export function parseDeliveryReceipt(input: ReceiptInput): DeliveryReceipt | null {
  const fields = typeof input.text === 'string' ? textFields(input.text) : {};
  const messageId = cleanId(input.receiptedMessageId) || cleanId(fields.id);
  if (!messageId) return null;
  const state = stateFromNumber(input.messageState) ?? stateFromText(fields.stat) ?? 'UNKNOWN';
  return {
    messageId,
    state,
    final: FINAL_STATES.has(state),
    delivered: state === 'DELIVRD',
    err: errFromNetworkCode(input.networkErrorCode) ?? errFromText(fields.err),
    submitDate: isoDate(fields.submit),
    doneDate: isoDate(fields.done),
  };
}

/*
 * Message ids. SMSCs answer submit_sm with an id in one form and quote it in the receipt in
 * another: hex in one and decimal in the other (either way round), with or without leading
 * zeros, in either letter case. The rule, for ids a and b after trimming and lower-casing:
 *   canonical(x) = x without leading zeros when x is all hex digits ("0" if nothing is left),
 *                  otherwise x as it is;
 *   keys(x)      = canonical(x),
 *                  + the decimal value of x read as hex, when x is all hex digits,
 *                  + the hex value of x read as decimal, when x is all decimal digits;
 *   a and b are the same message when canonical(b) is one of keys(a) (this is symmetric).
 * So "0000A1F" matches "a1f" and "2591" (0xA1F = 2591), "007" matches "7", and "MSG-1" matches
 * "msg-1" only. The cost of accepting both directions: an SMSC issuing small decimal ids could
 * make "10" (read as hex) meet "16"; real ids are long, and a receipt is matched only against
 * ids we submitted and still await.
 */

// message_id is a C-Octet String of at most 65 octets with its NUL (SMPP 3.4 §5.2.23); longer
// strings are not SMSC ids and are not worth a BigInt conversion.
const MAX_SMPP_MESSAGE_ID = 64;

function normalisedId(id: string): string {
  return cleanId(id).toLowerCase();
}

function canonical(normalised: string): string {
  if (!/^[0-9a-f]+$/.test(normalised)) return normalised;
  return normalised.replace(/^0+/, '') || '0';
}

/**
 * The keys to index a submitted message id under; the first is the id's canonical form, which is
 * the one key to look a receipt's id up by. Empty for an empty id.
 */
export function messageIdKeys(id: string): string[] {
  const n = normalisedId(id);
  if (!n) return [];
  const keys = [canonical(n)];
  if (n.length <= MAX_SMPP_MESSAGE_ID) {
    if (/^[0-9a-f]+$/.test(n)) keys.push(BigInt(`0x${n}`).toString(10));
    if (/^[0-9]+$/.test(n)) keys.push(BigInt(n).toString(16));
  }
  return [...new Set(keys)];
}

/** The single key a receipt's message id is looked up by (see messageIdKeys). */
export function messageIdLookupKey(id: string): string {
  return messageIdKeys(id)[0] ?? '';
}

/** Whether two message ids name the same message under the rule above. */
export function sameMessageId(a: string, b: string): boolean {
  const lookup = messageIdLookupKey(b);
  return lookup !== '' && messageIdKeys(a).includes(lookup);
}
