import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Sender } from '../message/inboundMessage';

/**
 * A sender as stores keep it. For a rahasia report the identity is sealed: `id` is a random
 * stand-in ("rahasia:…", unique, so no two sealed senders ever look like one person) and `sealed`
 * holds the encrypted identity. Code that only passes a sender along (ticket reporter, reply
 * recipient) passes the sealed form; only ReporterVault.reveal gives the identity back.
 */
export type StoredSender = Sender & { sealed?: string };

/** A sealed copy of a raw channel payload (inbox `raw`) of a rahasia message. */
export interface SealedRaw {
  sealed: string;
}

/** The identity cannot be sealed or opened: a key that does not fit, is unknown, or data altered. */
export class ReporterKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReporterKeyError';
  }
}

const FORMAT = 'rv1';
const STAND_IN = 'rahasia:';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
// Binds every ciphertext to its purpose: a sealed identity cannot be passed off as anything else.
const AAD = Buffer.from('lapor:reporter-identity:rv1');

const HEX_KEY = /^[0-9a-fA-F]{64}$/;
const BASE64_KEY = /^[A-Za-z0-9+/_-]{43}=?$/;
/** How a reporter key is written, for the env schema: 32 bytes as base64, base64url or 64 hex digits. */
export const REPORTER_KEY_FORMAT = new RegExp(`${HEX_KEY.source}|${BASE64_KEY.source}`);
export const REPORTER_KEY_FORMAT_MESSAGE = 'must be 32 bytes as base64 or 64 hex digits (openssl rand -base64 32)';

/** A 32-byte key written as base64, base64url or 64 hex digits (`openssl rand -base64 32`). */
export function parseReporterKey(text: string, what: string): Buffer {
  const t = text.trim();
  const key = HEX_KEY.test(t) ? Buffer.from(t, 'hex') : BASE64_KEY.test(t) ? Buffer.from(t, 'base64') : null;
  if (key?.length !== KEY_BYTES) throw new ReporterKeyError(`${what} ${REPORTER_KEY_FORMAT_MESSAGE}`);
  return key;
}

/** A short public name of a key, stored with each ciphertext so rotation knows which key opens it. */
export function reporterKeyId(key: Buffer): string {
  return createHash('sha256').update('lapor:reporter-key-id:').update(key).digest('hex').slice(0, 12);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * AES-256-GCM sealing of rahasia reporters' identities. One current key seals; it and any earlier
 * keys (kept for rotation) open. A ciphertext is `rv1.<key id>.<iv>.<ciphertext+tag>` (base64url).
 */
export class ReporterVault {
  private readonly currentId: string;
  private readonly keys = new Map<string, Buffer>();

  constructor(current: Buffer, older: readonly Buffer[] = []) {
    this.currentId = reporterKeyId(current);
    for (const key of [current, ...older]) this.keys.set(reporterKeyId(key), key);
  }

  /** A key that lives as long as the process: for throwaway in-memory stores only. */
  static ephemeral(): ReporterVault {
    return new ReporterVault(randomBytes(KEY_BYTES));
  }

  /** The id of the key new ciphertexts are sealed with. */
  get keyId(): string {
    return this.currentId;
  }

  sealText(plain: string): string {
    const key = this.keys.get(this.currentId) as Buffer;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(AAD);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return [FORMAT, this.currentId, iv.toString('base64url'), body.toString('base64url')].join('.');
  }

  openText(sealed: string): string {
    const [format, keyId = '', iv = '', body = ''] = sealed.split('.');
    if (format !== FORMAT) throw new ReporterKeyError('not a sealed reporter identity');
    const key = this.keys.get(keyId);
    if (!key) throw new ReporterKeyError(`reporter identity sealed with key ${keyId}, which is neither REPORTER_KEY nor in REPORTER_KEYS_OLD`);
    const bytes = Buffer.from(body, 'base64url');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url')).setAAD(AAD);
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new ReporterKeyError(`reporter identity does not open with key ${keyId}: wrong key or altered data`);
    }
  }

  /** The identity sealed, behind a random stand-in id. A sender already sealed stays as it is. */
  seal(sender: StoredSender): StoredSender {
    if (sender.sealed !== undefined) return sender;
    return { id: `${STAND_IN}${randomBytes(9).toString('base64url')}`, sealed: this.sealText(JSON.stringify(sender)) };
  }

  /** The identity of a sealed sender (throws ReporterKeyError when no key opens it); any other as it is. */
  reveal(sender: StoredSender): Sender {
    if (sender.sealed === undefined) return sender;
    const opened: unknown = JSON.parse(this.openText(sender.sealed));
    if (!isRecord(opened) || typeof opened.id !== 'string') throw new ReporterKeyError('sealed reporter identity is not a sender');
    return opened as Sender;
  }

  sealRaw(raw: unknown): SealedRaw {
    return isSealedRaw(raw) ? raw : { sealed: this.sealText(JSON.stringify(raw ?? null)) };
  }

  revealRaw(raw: unknown): unknown {
    return isSealedRaw(raw) ? (JSON.parse(this.openText(raw.sealed)) as unknown) : raw;
  }

  /**
   * A keyed digest of a content fingerprint (a sha256 over sender and text): it still tells a retry
   * from a reused id, but a copy of the database cannot test guessed phone numbers against it.
   */
  keyFingerprint(plain: string): string {
    return [FORMAT, this.currentId, this.fingerprintMac(this.keys.get(this.currentId) as Buffer, plain)].join('.');
  }

  /** Whether a stored keyed fingerprint is that of `plain`; false for a plain or unknown-key one. */
  fingerprintMatches(stored: string, plain: string): boolean {
    const [format, keyId = '', mac = ''] = stored.split('.');
    const key = this.keys.get(keyId);
    if (format !== FORMAT || !key) return false;
    const expected = Buffer.from(this.fingerprintMac(key, plain));
    const given = Buffer.from(mac);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private fingerprintMac(key: Buffer, plain: string): string {
    return createHmac('sha256', key).update('lapor:inbox-fingerprint:').update(plain).digest('base64url');
  }

  /** The same ciphertext under the current key, or null when it already is (key rotation). */
  reseal(sealed: string): string | null {
    return sealed.split('.')[1] === this.currentId ? null : this.sealText(this.openText(sealed));
  }
}

export function isSealedRaw(raw: unknown): raw is SealedRaw {
  return isRecord(raw) && typeof raw.sealed === 'string' && Object.keys(raw).length === 1;
}
