import { createHmac, timingSafeEqual } from 'node:crypto';

export interface SignatureCheck {
  /** The body exactly as received: a re-serialised JSON body would not match the sender's HMAC. */
  raw: Buffer;
  secret: string;
  /** The header value as sent, e.g. "sha256=5d4c…"; undefined when the header is missing. */
  header: string | undefined;
  /** How the platform writes the digest: Meta uses hex, X uses base64. */
  encoding: 'hex' | 'base64';
  prefix: string;
}

export function hmacSha256(secret: string, data: Buffer | string, encoding: 'hex' | 'base64'): string {
  return createHmac('sha256', secret).update(data).digest(encoding);
}

/**
 * True when `header` carries the HMAC-SHA256 of the raw body under `secret`. The comparison is
 * constant-time over equal-length buffers so the time taken does not reveal how much matched.
 */
export function verifyHmacSignature(check: SignatureCheck): boolean {
  const { header, prefix } = check;
  if (typeof header !== 'string' || !header.startsWith(prefix)) return false;
  const given = Buffer.from(header.slice(prefix.length), 'utf8');
  const expected = Buffer.from(hmacSha256(check.secret, check.raw, check.encoding), 'utf8');
  if (given.length !== expected.length) return false;
  return timingSafeEqual(given, expected);
}
