/**
 * Phone numbers as every channel sees them, so one citizen is one reporter whether they text
 * from 0812…, type +62 812-… into the form or appear as 62812… in an SMPP source_addr.
 *
 * Indonesian rule (ITU-T E.164 assignment for +62 as libphonenumber encodes it, 2024 data):
 * - mobile: national significant number (NSN, after 62) `8[1-35-9]` followed by 7 to 10 digits,
 *   i.e. 9 to 12 digits (0812-345-678 up to 0812-3456-78901); 80x is toll-free, premium and
 *   shared-cost, 84x is unassigned;
 * - fixed line (area code 2x–7x or 9x): NSN 7 to 11 digits; kept because citizens give landlines
 *   on the web form, and a landline must be recognised too.
 * Accepted spellings: 08…, 8… (an NSN alone: how some SMSCs send national source addresses),
 * 628…, +628…, 0062…, +62 (0) 8…; spaces, dashes, dots and parentheses anywhere. Anything else
 * starting with '+' and holding 7–15 digits (E.164's maximum) is another country's number and is
 * kept as +digits. Other inputs (letters, 00 + a foreign country code, which cannot be told apart
 * from Indonesia's own 001/007/008 international prefixes, numbers of the wrong length) → null.
 */

const SEPARATORS = /[\s\-.()]/g;
const MOBILE_NSN = /^8[1-35-9]\d{7,10}$/;
const FIXED_NSN = /^[2-79]\d{6,10}$/;

function indonesian(nsn: string): string | null {
  return MOBILE_NSN.test(nsn) || FIXED_NSN.test(nsn) ? `+62${nsn}` : null;
}

/** +62… for an Indonesian number, +… for another country's E.164 number, null for anything else. */
export function normalizeIndonesianPhone(input: string): string | null {
  if (typeof input !== 'string' || input.length > 64) return null;
  const compact = input.trim().replace(SEPARATORS, '');
  const match = /^(\+|00)?(\d+)$/.exec(compact);
  if (!match) return null;
  const [, prefix, digits = ''] = match;

  if (prefix === '+' || prefix === '00') {
    if (digits.startsWith('62')) return indonesian(digits.slice(2).replace(/^0/, ''));
    if (prefix === '00') return null;
    return /^[1-9]\d{6,14}$/.test(digits) ? `+${digits}` : null;
  }
  if (digits.startsWith('0')) return indonesian(digits.slice(1));
  if (digits.startsWith('62')) return indonesian(digits.slice(2).replace(/^0/, ''));
  return MOBILE_NSN.test(digits) ? `+62${digits}` : null;
}

/** True for a normalised Indonesian mobile number (+628…). */
export function isIndonesianMobile(e164: string): boolean {
  return e164.startsWith('+62') && MOBILE_NSN.test(e164.slice(3));
}
