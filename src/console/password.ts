import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Operator passwords as scrypt hashes: "scrypt$N$r$p$salt$hash" (base64url), so the cost can be
 * raised later and old hashes still verify. N=2^15 uses 32 MiB and 368 ms measured on the shared
 * 2-core build machine: slow enough to make a stolen table expensive, fast enough for a login.
 */
const COST = { N: 32768, r: 8, p: 1 };
const KEY_LENGTH = 32;
const SALT_BYTES = 16;
// OpenSSL refuses N·r·128 above maxmem; leave room for the largest cost we accept.
const MAX_MEMORY = 256 * 1024 * 1024;

export const MIN_PASSWORD_LENGTH = 10;

function derive(password: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: MAX_MEMORY };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

function parse(stored: string): { cost: { N: number; r: number; p: number }; salt: Buffer; key: Buffer } | null {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || salt === undefined || key === undefined) return null;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  // Refuse costs nobody here wrote: a tampered row must not make a login burn minutes of CPU.
  if (!Number.isInteger(cost.N) || cost.N < 2 || cost.N > 1 << 20 || (cost.N & (cost.N - 1)) !== 0) return null;
  if (!Number.isInteger(cost.r) || cost.r < 1 || cost.r > 32 || !Number.isInteger(cost.p) || cost.p < 1 || cost.p > 16) return null;
  return { cost, salt: Buffer.from(salt, 'base64url'), key: Buffer.from(key, 'base64url') };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed || parsed.key.length !== KEY_LENGTH) return false;
  const key = await derive(password, parsed.salt, parsed.cost);
  return timingSafeEqual(key, parsed.key);
}

// Verified against when the email is unknown, so a login takes as long whether or not it exists.
let decoy: Promise<string> | null = null;

/** Spends the time of one verification; used for unknown or disabled accounts. */
export async function verifyDecoy(password: string): Promise<void> {
  decoy ??= hashPassword(randomBytes(12).toString('hex'));
  await verifyPassword(password, await decoy);
}
