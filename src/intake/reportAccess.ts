import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

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
  if (configured) return configured;
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    // Another process on this machine wrote it first: use theirs, so tokens agree.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw error;
  }
}
