import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { messageFingerprint } from '../../src/intake/fingerprint';
import type { Store } from '../../src/store/types';
import { ConsoleClient, createOperator, seedReviewItem } from '../console/consoleSupport';
import { createTempDatabase, PG_ADMIN_URL_SHOWN, postgresUnreachable, type TempDatabase } from '../support/tempPostgres';
import { eventually, startTestGateway, TEST_API_TOKEN, type TestGateway } from '../support/testGateway';

/*
 * Actor: someone holding a copy of the database (a dump, a backup, a stolen disk), and the agency
 * side (a liaison, an integration token) that must never learn who filed a rahasia report.
 */

const AGENCY = 'pemkot-32.73';
const WITNESS = { name: 'Kartika Saksiwati', phone: '+62 813 7771 2345', email: 'kartika.saksi@contoh.id' };
// How each piece could appear in storage or on a page, whatever the formatting.
const TEXT = 'Kepala seksi di kantor kelurahan meminta uang Rp500.000 untuk mengurus akta kelahiran anak saya.';
const LOCATION = 'Kota Bandung';
// An attacker who knows the text (it is in the dump) and guesses the phone can rebuild the
// message's content fingerprint exactly as intake computes it (channels/mobile/routes.ts).
const GUESSED_FINGERPRINT = messageFingerprint({
  sender: { id: WITNESS.phone, ...WITNESS },
  text: TEXT,
  attachments: [],
  fields: { location: LOCATION, privacy: 'rahasia' },
});
const TRACES = ['Kartika', 'Saksiwati', '81377712345', '813 7771 2345', 'kartika.saksi', GUESSED_FINGERPRINT];

function tracesIn(text: string): string[] {
  return TRACES.filter((trace) => text.includes(trace));
}

async function fileRahasiaReport(t: TestGateway): Promise<string> {
  const res = await fetch(`${t.baseUrl}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({ text: TEXT, location: LOCATION, privacy: 'rahasia', reporter: WITNESS }),
  });
  expect(res.status).toBe(201);
  const { trackingId } = (await res.json()) as { trackingId: string };
  // Processed, and the acknowledgement recorded: every copy the pipeline makes exists.
  await eventually(async () => (await t.gateway.store.inbox.get((await t.gateway.store.inbox.getByTrackingId(trackingId))?.key ?? ''))?.state === 'processed');
  await eventually(async () => (await t.gateway.store.replies.listForTicket(trackingId)).length > 0);
  return trackingId;
}

/** The ticket forwarded to AGENCY, as a verifier would leave it, so the agency's side may open it. */
async function forwardTo(store: Store, trackingId: string): Promise<void> {
  await store.tickets.update(trackingId, { agency: AGENCY }, new Date());
  const steps = [['belum_terverifikasi', 'terverifikasi'], ['terverifikasi', 'diteruskan']] as const;
  for (const [from, to] of steps) {
    if ((await store.tickets.get(trackingId))?.status !== from) continue;
    await store.tickets.changeStatus({ trackingId, from, to, actor: 'operator:seed', note: null, at: new Date(), followUpDueAt: new Date(Date.now() + 5 * 86_400_000) });
  }
}

/** Every row of every table, as text: what a dump of the database shows. */
async function dumpAll(query: (sql: string) => Promise<{ rows: Record<string, unknown>[] }>): Promise<string> {
  const tables = (await query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`)).rows;
  const parts: string[] = [];
  for (const { table_name } of tables) {
    const rows = (await query(`SELECT row_to_json(t)::text AS j FROM "${String(table_name)}" t`)).rows;
    parts.push(...rows.map((r) => String(r.j)));
  }
  return parts.join('\n');
}

describe('reporter identity of rahasia reports: the agency side and the console', () => {
  let t: TestGateway;
  let trackingId: string;

  beforeAll(async () => {
    t = await startTestGateway();
    trackingId = await fileRahasiaReport(t);
    await forwardTo(t.gateway.store, trackingId);
  });
  afterAll(async () => {
    await t?.stop();
  });

  test("a liaison's console page never shows a rahasia reporter", async () => {
    const liaison = await createOperator(t.gateway.store, 'liaison', AGENCY);
    const c = new ConsoleClient(t.baseUrl);
    await c.login(liaison.email);
    const page = await c.get(`/console/tickets/${trackingId}`);
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain(trackingId);
    expect(tracesIn(body)).toEqual([]);
    const audit = await t.gateway.store.audit.list({ target: `ticket:${trackingId}`, actor: `operator:${liaison.email}` }, 0, 10);
    expect(audit.items.filter((e) => e.action === 'reporter.reveal')).toEqual([]);
  });

  test('the integration API never shows a rahasia reporter, in the ticket or the list', async () => {
    const auth = { authorization: `Bearer ${TEST_API_TOKEN}` };
    const one = await fetch(`${t.baseUrl}/api/v1/tickets/${trackingId}`, { headers: auth });
    expect(one.status).toBe(200);
    const oneBody = await one.text();
    expect(oneBody).toContain(trackingId);
    expect(tracesIn(oneBody)).toEqual([]);
    const list = await fetch(`${t.baseUrl}/api/v1/tickets?limit=100`, { headers: auth });
    expect(list.status).toBe(200);
    expect(tracesIn(await list.text())).toEqual([]);
  });

  test("a verifier's view shows the rahasia reporter and writes who looked, at which ticket, when, to the audit log", async () => {
    const verifier = await createOperator(t.gateway.store, 'verifier');
    const c = new ConsoleClient(t.baseUrl);
    await c.login(verifier.email);
    const before = Date.now();
    const page = await c.get(`/console/tickets/${trackingId}`);
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain(WITNESS.name);
    expect(body).toContain(WITNESS.phone);
    const audit = await t.gateway.store.audit.list({ target: `ticket:${trackingId}`, actor: `operator:${verifier.email}` }, 0, 10);
    const reads = audit.items.filter((e) => e.action === 'reporter.reveal');
    expect(reads).toHaveLength(1);
    expect(reads[0]?.at.getTime()).toBeGreaterThanOrEqual(before - 1000);
    // The audit log names the operator and the ticket, never the identity it opened.
    expect(tracesIn(JSON.stringify(audit.items))).toEqual([]);
  });

  test("a supervisor's review page shows a rahasia sender and is audited the same way", async () => {
    const seeded = await seedReviewItem(t.gateway.store, { privacy: 'rahasia', sender: { id: WITNESS.phone, ...WITNESS } });
    const supervisor = await createOperator(t.gateway.store, 'supervisor');
    const c = new ConsoleClient(t.baseUrl);
    await c.login(supervisor.email);
    const page = await c.get(`/console/review/${encodeURIComponent(seeded.reviewId)}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(WITNESS.name);
    const audit = await t.gateway.store.audit.list({ target: `ticket:${seeded.trackingId}`, actor: `operator:${supervisor.email}` }, 0, 10);
    expect(audit.items.map((e) => e.action)).toEqual(['reporter.reveal']);
  });
});

describe('reporter identity of rahasia reports: a copy of the database', () => {
  test('the embedded PGlite files, read directly, hold no plaintext identity of a rahasia reporter', async () => {
    // The default store: PGlite under DATA_DIR. Stopped first, as a copied data directory would be.
    const t = await startTestGateway({ STORE_URL: '' });
    await fileRahasiaReport(t);
    await t.gateway.stop();
    const db = await PGlite.create(join(t.dataDir, 'pglite'));
    try {
      const dump = await dumpAll((sql) => db.query<Record<string, unknown>>(sql));
      expect(dump).toContain('akta kelahiran');
      expect(tracesIn(dump)).toEqual([]);
    } finally {
      await db.close();
      await t.redis.stop();
      rmSync(t.dataDir, { recursive: true, force: true });
    }
  });

  const unreachable = postgresUnreachable();
  (unreachable === null ? test : test.skip)(
    `the PostgreSQL rows, read with plain SQL, hold no plaintext identity of a rahasia reporter${unreachable === null ? '' : ` (skipped: ${PG_ADMIN_URL_SHOWN} unreachable)`}`,
    async () => {
      const database: TempDatabase = await createTempDatabase('lapor_sec');
      const t = await startTestGateway({ STORE_URL: database.url });
      const reader = new Client({ connectionString: database.url });
      try {
        await fileRahasiaReport(t);
        await reader.connect();
        const dump = await dumpAll((sql) => reader.query(sql));
        expect(dump).toContain('akta kelahiran');
        expect(tracesIn(dump)).toEqual([]);
      } finally {
        await reader.end();
        await t.stop();
        await database.drop();
      }
    },
  );
});
