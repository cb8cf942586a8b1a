import { findTrackingNumber, parseTrackingNumber } from '../tickets/trackingNumber';

// Ten digits with at most one separator run between neighbours, not glued to more digits: the
// shape of a tracking number as people type it, whether or not its check digit is right.
const CANDIDATE = /(?<!\d[ \t]?-?[ \t]?)[1-9](?:[ \t]?-?[ \t]?\d){9}(?![ \t]?-?[ \t]?\d)/g;

export interface TrackingMention {
  /** A tracking number whose check digit verifies. */
  valid: string | null;
  /** Ten digits shaped like a tracking number whose check digit is wrong (a typo). */
  invalid: string | null;
}

/** The tracking number a message mentions, valid or mistyped. */
export function findTrackingMention(text: string): TrackingMention {
  const valid = findTrackingNumber(text);
  if (valid !== null) return { valid, invalid: null };
  for (const match of text.matchAll(CANDIDATE)) {
    const digits = match[0].replace(/\D/g, '');
    if (parseTrackingNumber(digits) === null) return { valid: null, invalid: digits };
  }
  return { valid: null, invalid: null };
}
