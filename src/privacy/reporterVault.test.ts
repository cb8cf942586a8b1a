import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../config/env';
import { REPORTER_KEY_FILE, resolveReporterVault } from './reporterKey';
import { parseReporterKey, ReporterKeyError, ReporterVault } from './reporterVault';

const WITNESS = { id: '+6281377712345', name: 'Rahmawati', phone: '+6281377712345' };

describe('ReporterVault', () => {
  test('seals behind a random stand-in, each time with a new IV; reveal gives the identity back', () => {
    const vault = ReporterVault.ephemeral();
    const a = vault.seal(WITNESS);
    const b = vault.seal(WITNESS);
    expect(a.id).toMatch(/^rahasia:/);
    expect(a.id).not.toBe(b.id);
    expect(a.sealed).not.toBe(b.sealed);
    expect(JSON.stringify(a)).not.toContain('81377712345');
    expect(vault.reveal(a)).toEqual(WITNESS);
    expect(vault.seal(a)).toBe(a);
    expect(vault.reveal(WITNESS)).toBe(WITNESS);
  });

  test('an altered ciphertext or a foreign key fails with ReporterKeyError, not garbage', () => {
    const vault = ReporterVault.ephemeral();
    const sealed = vault.seal(WITNESS);
    const flipped = `${sealed.sealed?.slice(0, -2)}${sealed.sealed?.endsWith('A') ? 'B' : 'A'}A`;
    expect(() => vault.reveal({ ...sealed, sealed: flipped })).toThrow(ReporterKeyError);
    expect(() => ReporterVault.ephemeral().reveal(sealed)).toThrow(/neither REPORTER_KEY nor in REPORTER_KEYS_OLD/);
  });

  test('keys are 32 bytes as base64, base64url or hex; anything else is refused by name', () => {
    const key = randomBytes(32);
    for (const text of [key.toString('base64'), key.toString('base64url'), key.toString('hex')]) expect(parseReporterKey(text, 'K')).toEqual(key);
    expect(() => parseReporterKey('too-short', 'REPORTER_KEY')).toThrow(/REPORTER_KEY must be 32 bytes/);
    expect(() => loadConfig({ REPORTER_KEY: 'not a key' })).toThrow(/REPORTER_KEY/);
    expect(() => loadConfig({ REPORTER_KEYS_OLD: `${key.toString('base64')},short` })).toThrow(/REPORTER_KEYS_OLD/);
  });
});

describe('resolveReporterVault', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lapor-key-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('unset: a key is generated once into DATA_DIR (owner-only) and reused by the next process', () => {
    const first = resolveReporterVault(undefined, [], dir);
    const file = join(dir, REPORTER_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = resolveReporterVault(undefined, [], dir);
    expect(second.keyId).toBe(first.keyId);
    expect(second.reveal(first.seal(WITNESS))).toEqual(WITNESS);
    expect(readFileSync(file, 'utf8').trim()).toHaveLength(44);
  });

  test('rotation: REPORTER_KEY seals, REPORTER_KEYS_OLD still opens', () => {
    const oldKey = randomBytes(32).toString('base64');
    const newKey = randomBytes(32).toString('base64');
    const before = resolveReporterVault(oldKey, [], dir);
    const after = resolveReporterVault(newKey, [oldKey], dir);
    const sealed = before.seal(WITNESS);
    expect(after.reveal(sealed)).toEqual(WITNESS);
    expect(after.seal(WITNESS).sealed?.split('.')[1]).toBe(after.keyId);
    const resealed = after.reseal(sealed.sealed ?? '');
    expect(resealed?.split('.')[1]).toBe(after.keyId);
    expect(resolveReporterVault(newKey, [], dir).reveal({ ...sealed, sealed: resealed ?? '' })).toEqual(WITNESS);
  });
});
