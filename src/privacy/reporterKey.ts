import type { Config } from '../../config/env';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseReporterKey, ReporterVault } from './reporterVault';

/** Where a generated key is kept when REPORTER_KEY is unset. */
export const REPORTER_KEY_FILE = 'reporter.key';

/**
 * REPORTER_KEY when set; otherwise a key generated once into DATA_DIR/reporter.key, as APP_SECRET
 * is (src/intake/reportAccess.ts resolveAppSecret), which is right for a single machine. Several
 * machines must share REPORTER_KEY. Losing the key loses the identities it sealed: back it up
 * apart from the database, never with it.
 */
function resolveCurrentKey(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = join(dataDir, REPORTER_KEY_FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(32).toString('base64');
  try {
    writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    // Another process on this machine wrote it first: use theirs, so both seal alike.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw error;
  }
}

/** The vault from REPORTER_KEY (or the kept key) and REPORTER_KEYS_OLD, the earlier keys that still open. */
export function resolveReporterVault(configured: string | undefined, older: readonly string[], dataDir: string): ReporterVault {
  const current = parseReporterKey(resolveCurrentKey(configured, dataDir), configured ? 'REPORTER_KEY' : `${REPORTER_KEY_FILE} in DATA_DIR`);
  return new ReporterVault(
    current,
    older.map((k, i) => parseReporterKey(k, `REPORTER_KEYS_OLD entry ${i + 1}`)),
  );
}

/** The vault a process of this configuration uses. */
export function reporterVaultOf(config: Pick<Config, 'REPORTER_KEY' | 'REPORTER_KEYS_OLD' | 'DATA_DIR'>): ReporterVault {
  return resolveReporterVault(config.REPORTER_KEY, config.REPORTER_KEYS_OLD, config.DATA_DIR);
}
