import { createHmac, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { errorBody } from './errors';

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

/** How each platform writes its header: `sha256=` and a digest of exactly SHA-256's length. */
export const SIGNATURE_FORMAT = {
  hex: /^sha256=[0-9a-f]{64}$/,
  base64: /^sha256=[A-Za-z0-9+/]{43}=$/,
} as const;

/**
 * Refuses a webhook whose signature header is missing or cannot be a signature, before a byte of
 * its body is read: nobody may make us buffer megabytes we were never going to trust. The
 * connection is closed after the answer so the unread body is not drained either.
 */
export function requireSignatureHeader(header: string, encoding: 'hex' | 'base64'): RequestHandler {
  return (req, res, next) => {
    const value = req.get(header);
    if (typeof value === 'string' && SIGNATURE_FORMAT[encoding].test(value)) {
      next();
      return;
    }
    res.setHeader('Connection', 'close');
    res.status(401).json(errorBody(401, value === undefined ? `${header} is missing` : `${header} is not a sha256= ${encoding} digest`));
  };
}
