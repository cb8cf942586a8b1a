import { Client } from 'pg';
import { ReporterVault } from '../../src/privacy/reporterVault';
import { openStore } from '../../src/store/openStore';
import { MIGRATIONS } from '../../src/store/sql/migrations';
import { PgPoolClient } from '../../src/store/sql/pgPoolClient';
import { SqlStore } from '../../src/store/sql/sqlStore';
import { DuplicateTrackingIdError, StoreUnavailableError, type Store } from '../../src/store/types';
import { adminQuery, createTempDatabase, PG_ADMIN_URL_SHOWN, postgresUnreachable, type TempDatabase } from '../support/tempPostgres';
import { sqlRawRows } from './rawRows';
import { describeStoreContract } from './storeContract';
import { newTicket } from './storeFixtures';

const unreachable = postgresUnreachable();

describe('PostgreSQL adapter without a server', () => {
  test('an unreachable server is StoreUnavailableError', async () => {
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    const store = new SqlStore(new PgPoolClient('postgres://nobody@127.0.0.1:1/none', { connectionTimeoutMillis: 2000 }), 'postgres', ReporterVault.ephemeral());
    await expect(store.init()).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    await store.close();
  });
});

if (unreachable !== null) {
  // eslint-disable-next-line no-console
  console.warn(`PostgreSQL contract tests skipped: ${PG_ADMIN_URL_SHOWN} unreachable (${unreachable})`);
  describe.skip(`Store contract: PostgreSQL (skipped: ${PG_ADMIN_URL_SHOWN} unreachable: ${unreachable})`, () => {
    test('contract', () => undefined);
  });
} else {
  const created: TempDatabase[] = [];

  const freshDatabase = async (): Promise<TempDatabase> => {
    const db = await createTempDatabase('lapor_test');
    created.push(db);
    return db;
  };

  afterAll(async () => {
    for (const db of created) await db.drop();
  });

  describeStoreContract('PostgreSQL server', async (vault) => {
    const { url } = await freshDatabase();
    const store = await openStore(url, '/nonexistent-unused', vault);
    // A second connection of its own, as anyone holding the database's credentials or a dump would read it.
    const reader = new PgPoolClient(url);
    const close = store.close.bind(store);
    store.close = async () => {
      await reader.close();
      await close();
    };
    return { store, rawRow: sqlRawRows(reader) };
  });

  describe('PostgreSQL migrations', () => {
    test('processes starting at once migrate once; a restart applies nothing', async () => {
      const { url } = await freshDatabase();
      const stores: Store[] = [1, 2, 3].map(() => new SqlStore(new PgPoolClient(url), 'postgres', ReporterVault.ephemeral()));
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

    test('migration 4 gives history entries written before it their ticket\'s agency', async () => {
      const { url } = await freshDatabase();
      const store = new SqlStore(new PgPoolClient(url), 'postgres', ReporterVault.ephemeral());
      const c = new Client({ connectionString: url });
      await c.connect();
      try {
        await store.init();
        const t = newTicket({ agency: 'pemkot-32.73' });
        await store.tickets.create(t);
        // The database as it was before migration 4.
        await c.query('ALTER TABLE ticket_history DROP COLUMN agency');
        await c.query('DELETE FROM schema_migrations WHERE version = 4');
        await store.init();
        expect((await store.tickets.history(t.trackingId)).map((h) => h.agency)).toEqual(['pemkot-32.73']);
      } finally {
        await c.end();
        await store.close();
      }
    });

    test('connections killed by the server: the next call fails as unavailable or succeeds, then it recovers', async () => {
      const { name, url } = await freshDatabase();
      const store = await openStore(url, '/nonexistent-unused');
      try {
        await store.ping();
        await adminQuery('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
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
      const { url } = await freshDatabase();
      const store = await openStore(url, '/nonexistent-unused');
      const rec = {
        channel: 'web',
        sender: { id: 's' },
        text: 't',
        attachments: [],
        flags: [],
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
