import { loadConfig } from '../config/env';
import { reporterVaultOf } from '../src/privacy/reporterKey';
import { openStore } from '../src/store/openStore';

const USAGE = `usage: npm run reporter-keys -- reseal

After rotating REPORTER_KEY (the new key in REPORTER_KEY, the old one in REPORTER_KEYS_OLD),
re-encrypts every sealed identity of a rahasia reporter under the new key. When it reports
none left, the old key can be removed from REPORTER_KEYS_OLD. Safe to run again or while the
gateway runs.`;

const BATCH = 500;

async function main(): Promise<void> {
  if (process.argv[2] !== 'reseal') {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const config = loadConfig();
  const vault = reporterVaultOf(config);
  const store = await openStore(config.STORE_URL, config.DATA_DIR, vault);
  try {
    let total = 0;
    for (let n = await store.sealed.resealBatch(vault, BATCH); n > 0; n = await store.sealed.resealBatch(vault, BATCH)) {
      total += n;
      process.stdout.write(`resealed ${total} so far\n`);
    }
    process.stdout.write(`done: ${total} sealed identities resealed under key ${vault.keyId}; none left under an older key\n`);
  } finally {
    await store.close();
  }
}

main().catch((err: unknown) => {
  // Messages only: a ReporterKeyError names a key id, never a key or an identity.
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
