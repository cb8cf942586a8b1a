import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { resolveReporterVault } from '../privacy/reporterKey';
import { ReporterVault } from '../privacy/reporterVault';
import { MongoStore } from './mongo/mongoStore';
import { PgliteClient } from './sql/pgliteClient';
import { PgPoolClient } from './sql/pgPoolClient';
import { SqlStore } from './sql/sqlStore';
import type { Store } from './types';

async function openPglite(dataDir: string, vault: ReporterVault): Promise<Store> {
  return new SqlStore(await PgliteClient.open(dataDir), 'pglite', vault);
}

function schemeOf(url: string): string {
  const i = url.indexOf('://');
  return i > 0 ? url.slice(0, i).toLowerCase() : '';
}

/**
 * Picks the store from STORE_URL: unset → embedded PGlite under dataDir/pglite; 'memory://' →
 * throwaway PGlite; postgres(ql):// → PostgreSQL server; mongodb(+srv):// → MongoDB. Returns it
 * initialised (connected and migrated). `vault` seals rahasia reporters' identities; without one,
 * the key kept in dataDir is used (made on first use), and a throwaway store gets a throwaway key.
 */
export async function openStore(storeUrl: string | undefined, dataDir: string, vault?: ReporterVault): Promise<Store> {
  const url = storeUrl?.trim() ?? '';
  const keys = () => vault ?? resolveReporterVault(undefined, [], dataDir);
  let store: Store;
  if (url === '') {
    const dir = path.join(dataDir, 'pglite');
    await mkdir(dir, { recursive: true });
    store = await openPglite(dir, keys());
  } else if (url === 'memory://') {
    store = await openPglite('memory://', vault ?? ReporterVault.ephemeral());
  } else {
    switch (schemeOf(url)) {
      case 'postgres':
      case 'postgresql':
        store = new SqlStore(new PgPoolClient(url), 'postgres', keys());
        break;
      case 'mongodb':
      case 'mongodb+srv':
        store = new MongoStore(url, keys());
        break;
      default:
        // Only the scheme: the rest of the URL may hold a password.
        throw new Error(
          `STORE_URL scheme "${schemeOf(url) || '(none)'}" is not supported: leave it unset for embedded PGlite, or use memory://, postgres://, postgresql://, mongodb:// or mongodb+srv://`,
        );
    }
  }
  try {
    await store.init();
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
  return store;
}
