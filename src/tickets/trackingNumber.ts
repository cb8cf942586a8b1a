import { randomInt } from 'node:crypto';

/**
 * Tracking numbers are what citizens type back to us, often by hand on a phone keypad, so they
 * carry a Damm check digit: it catches every single mistyped digit and every swap of two
 * neighbouring digits, which are the errors people actually make. The body is random rather than
 * sequential so a number says nothing about volume and cannot be used to walk through other
 * people's reports.
 */

export const TRACKING_NUMBER_LENGTH = 10;

// Damm's totally anti-symmetric quasigroup of order 10 (H. M. Damm, 2004), as published.
const DAMM_TABLE: readonly (readonly number[])[] = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

function dammInterim(digits: string): number {
  let interim = 0;
  for (const ch of digits) {
    const row = DAMM_TABLE[interim];
    const next = row?.[ch.charCodeAt(0) - 48];
    if (next === undefined) throw new Error('unreachable: Damm table is total over 0-9');
    interim = next;
  }
  return interim;
}

/** The Damm check digit for a string of decimal digits. Throws on anything that is not digits. */
export function dammCheckDigit(digits: string): number {
  if (!/^\d+$/.test(digits)) {
    throw new RangeError('dammCheckDigit expects one or more decimal digits');
  }
  return dammInterim(digits);
}

function isValidCanonical(digits: string): boolean {
  return /^[1-9]\d{9}$/.test(digits) && dammInterim(digits) === 0;
}

/** A fresh random tracking number: 1-9, eight random digits, Damm check digit. */
export function generateTrackingNumber(): string {
  let body = String(randomInt(1, 10));
  for (let i = 0; i < 8; i++) body += String(randomInt(0, 10));
  return body + String(dammInterim(body));
}

// Separators people put between digit groups when they copy a number out of an SMS or a page.
const PARSE_PATTERN = /^#?\s*(?:lpr[\s-]?)?(\d(?:[\s-]*\d)*)$/i;

/**
 * The canonical 10 digits of a tracking number as a citizen might type it ("LPR-1234 5678 90",
 * "#1234567890", " lpr 12345-67890 "), or null when it is not exactly one well-formed number whose
 * check digit verifies.
 */
export function parseTrackingNumber(input: string): string | null {
  const match = PARSE_PATTERN.exec(input.trim());
  const body = match?.[1];
  if (body === undefined) return null;
  const digits = body.replace(/[\s-]/g, '');
  return isValidCanonical(digits) ? digits : null;
}

// Inside free text the separators are kept tight (one dash or one run of spaces) so that two
// unrelated numbers on separate lines or in separate clauses are not glued into one.
const DIGIT_GROUP = /\d+/g;
const GROUP_JOINER = /^(?: ?- ?|[ \t]+)$/;

/**
 * The first valid tracking number in a message ("CEK 1234-5678-90", "status #1234567890 dong"),
 * or null. Digit runs are taken whole, so a tracking number is never found inside a longer
 * number such as a phone number or an NIK.
 */
export function findTrackingNumber(text: string): string | null {
  const groups: { digits: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(DIGIT_GROUP)) {
    groups.push({ digits: m[0], start: m.index, end: m.index + m[0].length });
  }
  for (let first = 0; first < groups.length; first++) {
    let digits = '';
    for (let last = first; last < groups.length; last++) {
      const group = groups[last];
      if (group === undefined) break;
      if (last > first) {
        const previous = groups[last - 1];
        if (previous === undefined || !GROUP_JOINER.test(text.slice(previous.end, group.start))) break;
      }
      digits += group.digits;
      if (digits.length >= TRACKING_NUMBER_LENGTH) {
        if (digits.length === TRACKING_NUMBER_LENGTH && isValidCanonical(digits)) return digits;
        break;
      }
    }
  }
  return null;
}
