import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { MongoStore } from './mongo/mongoStore';
import { PgliteClient } from './sql/pgliteClient';
import { PgPoolClient } from './sql/pgPoolClient';
import { SqlStore } from './sql/sqlStore';
import type { Store } from './types';

async function openPglite(dataDir: string): Promise<Store> {
  return new SqlStore(await PgliteClient.open(dataDir), 'pglite');
}

function schemeOf(url: string): string {
  const i = url.indexOf('://');
  return i > 0 ? url.slice(0, i).toLowerCase() : '';
}

/**
 * Picks the store from STORE_URL: unset → embedded PGlite under dataDir/pglite; 'memory://' →
 * throwaway PGlite; postgres(ql):// → PostgreSQL server; mongodb(+srv):// → MongoDB. Returns it
 * initialised (connected and migrated).
 */
export async function openStore(storeUrl: string | undefined, dataDir: string): Promise<Store> {
  const url = storeUrl?.trim() ?? '';
  let store: Store;
  if (url === '') {
    const dir = path.join(dataDir, 'pglite');
    await mkdir(dir, { recursive: true });
    store = await openPglite(dir);
  } else if (url === 'memory://') {
    store = await openPglite('memory://');
  } else {
    switch (schemeOf(url)) {
      case 'postgres':
      case 'postgresql':
        store = new SqlStore(new PgPoolClient(url), 'postgres');
        break;
      case 'mongodb':
      case 'mongodb+srv':
        store = new MongoStore(url);
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
