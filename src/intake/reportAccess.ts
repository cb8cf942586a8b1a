import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import { keptSecret } from '../system/keptSecret';

/**
 * Access tokens for a reporter's own report (mobile API). Derived from the tracking number with an
 * HMAC rather than stored, so an idempotent retry returns the same token and nothing secret sits in
 * the database.
 */
export class ReportAccess {
  constructor(private readonly secret: string) {}

  tokenFor(trackingId: string): string {
    return createHmac('sha256', this.secret).update(`report-access:${trackingId}`).digest('base64url');
  }

  verify(trackingId: string, token: string): boolean {
    const expected = Buffer.from(this.tokenFor(trackingId));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

/**
 * APP_SECRET when set; otherwise a secret generated once and kept beside the data, which is right
 * for a single machine. Several machines must share APP_SECRET.
 */
export function resolveAppSecret(configured: string | undefined, dataDir: string): string {
  return configured || keptSecret(join(dataDir, 'secret.key'), () => randomBytes(32).toString('base64url'));
}
