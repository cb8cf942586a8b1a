import type { Config } from '../../config/env';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { keptSecret } from '../system/keptSecret';
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
  return configured ?? keptSecret(join(dataDir, REPORTER_KEY_FILE), () => randomBytes(32).toString('base64'));
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
