import { Client } from 'pg';
import { openStore } from '../../src/store/openStore';
import { MIGRATIONS } from '../../src/store/sql/migrations';
import { PgPoolClient } from '../../src/store/sql/pgPoolClient';
import { SqlStore } from '../../src/store/sql/sqlStore';
import { DuplicateTrackingIdError, StoreUnavailableError, type Store } from '../../src/store/types';
import { probePostgres, randomSuffix } from './probe';
import { describeStoreContract } from './storeContract';

const adminUrl = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const unreachable = probePostgres(adminUrl);
/** adminUrl without its password, for messages. */
const shownUrl = ((): string => {
  const u = new URL(adminUrl);
  if (u.password) u.password = '***';
  return u.toString();
})();

function urlFor(db: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${db}`;
  return u.toString();
}

async function admin(sql: string): Promise<void> {
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

describe('PostgreSQL adapter without a server', () => {
  test('an unreachable server is StoreUnavailableError', async () => {
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    const store = new SqlStore(new PgPoolClient('postgres://nobody@127.0.0.1:1/none', { connectionTimeoutMillis: 2000 }), 'postgres');
    await expect(store.init()).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    await store.close();
  });
});

if (unreachable !== null) {
  // eslint-disable-next-line no-console
  console.warn(`PostgreSQL contract tests skipped: ${shownUrl} unreachable (${unreachable})`);
  describe.skip(`Store contract: PostgreSQL (skipped: ${shownUrl} unreachable: ${unreachable})`, () => {
    test('contract', () => undefined);
  });
} else {
  const dbName = `lapor_test_${randomSuffix()}`;
  const created: string[] = [];

  const freshDatabase = async (name: string): Promise<string> => {
    await admin(`CREATE DATABASE ${name}`);
    created.push(name);
    return urlFor(name);
  };

  afterAll(async () => {
    for (const name of created) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  describeStoreContract('PostgreSQL server', async () => openStore(await freshDatabase(dbName), '/nonexistent-unused'));

  describe('PostgreSQL migrations', () => {
    test('processes starting at once migrate once; a restart applies nothing', async () => {
      const url = await freshDatabase(`${dbName}_mig`);
      const stores: Store[] = [1, 2, 3].map(() => new SqlStore(new PgPoolClient(url), 'postgres'));
      try {
        await Promise.all(stores.map((s) => s.init()));
        await stores[0]!.init();
        const c = new Client({ connectionString: url });
        await c.connect();
        const rows = (await c.query('SELECT version FROM schema_migrations ORDER BY version')).rows as { version: number }[];
        await c.end();
        expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
    });

    test('connections killed by the server: the next call fails as unavailable or succeeds, then it recovers', async () => {
      const name = `${dbName}_kill`;
      const store = await openStore(await freshDatabase(name), '/nonexistent-unused');
      try {
        await store.ping();
        await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`);
        const outcome = await store.ping().then(
          () => 'ok',
          (e: unknown) => e,
        );
        if (outcome !== 'ok') expect(outcome).toBeInstanceOf(StoreUnavailableError);
        await expect(store.ping()).resolves.toBeUndefined();
      } finally {
        await store.close();
      }
    });

    test('a closed pool is StoreUnavailableError; a tracking id clash is DuplicateTrackingIdError', async () => {
      const url = await freshDatabase(`${dbName}_err`);
      const store = await openStore(url, '/nonexistent-unused');
      const rec = {
        channel: 'web',
        sender: { id: 's' },
        text: 't',
        attachments: [],
        fields: null,
        receivedAt: new Date(),
        raw: null,
        fingerprint: 'f',
        trackingId: 'LPR-SAME',
      };
      await store.inbox.insert({ ...rec, key: 'a', externalId: 'a' });
      const err: unknown = await store.inbox.insert({ ...rec, key: 'b', externalId: 'b' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DuplicateTrackingIdError);
      expect(err).not.toBeInstanceOf(StoreUnavailableError);
      await store.close();
      await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    });
  });
}
