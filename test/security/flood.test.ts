import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startInstagramHarness, type InstagramHarness } from '../../channels/instagram/testSupport';
import { MAX_MESSAGE_TEXT } from '../../src/message/inboundMessage';
import { freePort, startRedisServer, type RedisServerHandle } from '../../src/redis/redisServer';
import type { Ticket } from '../../src/store/types';
import { postAppReport } from '../support/appReports';
import { spawnGateway, waitForHttp, type ChildGateway } from '../support/childGateway';
import { eventually, startTestGateway, type TestGateway } from '../support/testGateway';

/**
 * Actor: a flood — one citizen (or anyone) sending the longest text a channel takes, shaped so
 * that every place matcher finds something in every word. The gateway that `npm start` runs
 * shares one event loop between HTTP and the inbound worker, so a parse that costs more than
 * linear time in its text holds every other request, /healthz included.
 */

// The app takes at most 5,000 characters of text, 200 of title and 500 of location.
const APP_TEXT_MAX = 5000;
const APP_TITLE_MAX = 200;
const APP_LOCATION_MAX = 500;
/** Generous: today's code held /healthz for tens of seconds with these reports. */
const HEALTHZ_BOUND_MS = 1000;
/**
 * For the concurrent floods below: ten of them held /healthz 0.9–2.5 s before the fix, and about one
 * message's or one request's work (tens of ms) after it. Thirty at once makes the old stall several
 * seconds, so the bound can leave a loaded 2-core machine (one fresh-gateway run at load 12 took
 * 1,048 ms with a bound of 500) a wide margin and still fail the old code.
 */
const CONCURRENT_HEALTHZ_BOUND_MS = 1500;
const CONCURRENT = 30;
/** U+FDFA, one character that NFKC turns into 18 ("صلى الله عليه وسلم"). */
const NFKC_EXPANDING = '\uFDFA';
const PROBE_TIMEOUT_MS = 5000;

function repeated(phrase: string, length: number): string {
  return phrase.repeat(Math.ceil(length / phrase.length)).slice(0, length).trim();
}

function placeFlood(): { text: string; title: string; location: string } {
  return {
    text: repeated('desa sukamaju ', APP_TEXT_MAX),
    title: repeated('desa sukamaju ', APP_TITLE_MAX),
    location: repeated('desa sukamaju ', APP_LOCATION_MAX),
  };
}

async function postFlood(baseUrl: string, key: string): Promise<{ trackingId: string; accessToken: string }> {
  const res = await fetch(`${baseUrl}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(placeFlood()),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { trackingId: string; accessToken: string };
}

interface ReportView {
  processing: boolean;
  status: string;
}

/** Milliseconds /healthz took to answer, or the probe's timeout when it did not answer in time. */
async function healthzMs(baseUrl: string): Promise<number> {
  const started = Date.now();
  try {
    const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await res.text();
    return res.ok ? Date.now() - started : PROBE_TIMEOUT_MS;
  } catch {
    return PROBE_TIMEOUT_MS;
  }
}

/** Probes /healthz every few milliseconds until `work` settles; the slowest answer, in ms. */
async function slowestHealthzDuring(baseUrl: string, work: Promise<unknown>): Promise<number> {
  let done = false;
  const settled = work.finally(() => (done = true));
  const latencies: number[] = [];
  while (!done) {
    latencies.push(await healthzMs(baseUrl));
    await new Promise((r) => setTimeout(r, 20));
  }
  await settled;
  return Math.max(...latencies);
}

/** Polls a report's status until the worker has finished with it. */
async function processed(baseUrl: string, report: { trackingId: string; accessToken: string }): Promise<ReportView> {
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    const res = await fetch(`${baseUrl}/api/v1/reports/${report.trackingId}`, {
      headers: { authorization: `Bearer ${report.accessToken}` },
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    }).catch(() => null);
    if (res?.ok) {
      const view = (await res.json()) as ReportView;
      if (!view.processing) return view;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${report.trackingId} was not processed in time`);
}

/** Arrays nested `depth` deep: a few bytes per level, and JSON.parse's work grows with every one. */
function deeplyNested(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

describe('the gateway as `npm start` runs it (API and workers in one process)', () => {
  let dataDir: string;
  let redis: RedisServerHandle;
  let child: ChildGateway;
  let baseUrl: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'lapor-flood-'));
    redis = await startRedisServer({ dir: join(dataDir, 'redis') });
    const port = await freePort();
    child = spawnGateway([], { PORT: String(port), HOST: '127.0.0.1', REDIS_URL: redis.url, DATA_DIR: join(dataDir, 'gateway'), LOG_LEVEL: 'warn' });
    baseUrl = `http://127.0.0.1:${port}`;
    await waitForHttp(`${baseUrl}/readyz`, 60_000);
  }, 90_000);

  afterAll(async () => {
    // A gateway stuck in a parse cannot run its SIGTERM handler: the kill is what ends it then.
    child?.proc.kill('SIGTERM');
    const ended = await Promise.race([child?.exited, new Promise((r) => setTimeout(() => r(null), 5000))]);
    if (ended === null) {
      child.proc.kill('SIGKILL');
      await child.exited;
    }
    await redis?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('a 5,000-character app report of repeated place phrases does not hold /healthz', async () => {
    expect(await postAppReport(baseUrl, 'flood-warm-up-1', 'Lampu jalan mati di Jl. Pahlawan, Kota Bandung.')).toHaveProperty('status', 201);
    const { trackingId, accessToken } = await postFlood(baseUrl, 'flood-place-phrases-1');

    const latencies: number[] = [];
    let view: ReportView | null = null;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      latencies.push(await healthzMs(baseUrl));
      const res = await fetch(`${baseUrl}/api/v1/reports/${trackingId}`, {
        headers: { authorization: `Bearer ${accessToken}` },
        signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
      }).catch(() => null);
      if (res?.ok) {
        view = (await res.json()) as ReportView;
        if (view && !view.processing) break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }

    expect(Math.max(...latencies)).toBeLessThan(HEALTHZ_BOUND_MS);
    // Never lost: the report became a ticket (forwarded, or parked for an operator).
    expect(view).toMatchObject({ processing: false, status: expect.any(String) });
    expect(child.proc.exitCode).toBeNull();
  }, 60_000);

  it('thirty app reports of 5,000 "ﷺ" at once (each NFKC-expands to 90,000 characters) do not hold /healthz', async () => {
    const text = NFKC_EXPANDING.repeat(APP_TEXT_MAX);
    const reports = await Promise.all(
      Array.from({ length: CONCURRENT }, async (_, i) => {
        const res = await fetch(`${baseUrl}/api/v1/reports`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': `flood-nfkc-${i}` },
          body: JSON.stringify({ text }),
        });
        expect(res.status).toBe(201);
        return (await res.json()) as { trackingId: string; accessToken: string };
      }),
    );
    const views = Promise.all(reports.map((r) => processed(baseUrl, r)));

    expect(await slowestHealthzDuring(baseUrl, views)).toBeLessThan(CONCURRENT_HEALTHZ_BOUND_MS);
    // Never lost: each became a ticket, the citizen's text kept as sent.
    for (const view of await views) expect(view).toMatchObject({ processing: false, status: expect.any(String) });
    expect(child.proc.exitCode).toBeNull();
  }, 90_000);

  it('1 MB JSON bodies nested 500,000 deep, to an unknown path and to POST /api/v1/reports, are refused quickly and do not hold /healthz', async () => {
    const body = deeplyNested(500_000);
    const send = (path: string, key: string) =>
      fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body }).then(async (res) => ({
        status: res.status,
        body: (await res.json()) as { message: string },
      }));
    const answers = Promise.all(
      Array.from({ length: CONCURRENT }, (_, i) => [send('/no/such/path', `deep-${i}`), send('/api/v1/reports', `deep-report-${i}`)]).flat(),
    );

    expect(await slowestHealthzDuring(baseUrl, answers)).toBeLessThan(CONCURRENT_HEALTHZ_BOUND_MS);
    const statuses = (await answers).map((a) => a.status);
    // An unknown path answers 404 without reading the body; the app's route refuses a body over its 64 KB.
    expect(statuses.filter((s) => s === 404)).toHaveLength(CONCURRENT);
    expect(statuses.filter((s) => s === 413)).toHaveLength(CONCURRENT);
  }, 60_000);

  it('an app report nested 30,000 deep, within the size limit, is refused 400 saying why before it is parsed', async () => {
    const res = await fetch(`${baseUrl}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'deep-small-1' },
      body: `{"text":"jalan rusak","extra":${deeplyNested(30_000)}}`,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/nested deeper than \d+ levels/);
  });
});

describe('the longest text any channel takes: an Instagram DM of 20,000 characters', () => {
  let h: InstagramHarness;
  beforeAll(async () => {
    // API and workers in one process, like `npm start`: here the test's own process.
    h = await startInstagramHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('a 20,000-character report of repeated place phrases does not hold /healthz', async () => {
    const text = repeated('desa sukamaju ', MAX_MESSAGE_TEXT);
    const { body, mid } = h.hooks.dm('1234567890129999', text);
    expect((await h.post(body)).status).toBe(200);

    const latencies: number[] = [];
    let ticket: Ticket | null = null;
    const deadline = Date.now() + 30_000;
    while (ticket === null && Date.now() < deadline) {
      latencies.push(await healthzMs(h.t.baseUrl));
      const stored = await h.message(`dm:${mid}`);
      ticket = stored?.ticketId ? await h.t.gateway.store.tickets.get(stored.ticketId) : null;
      await new Promise((r) => setTimeout(r, 50));
    }

    expect(Math.max(...latencies)).toBeLessThan(HEALTHZ_BOUND_MS);
    expect(ticket).toMatchObject({ channel: 'instagram', text });
  }, 60_000);
});

describe('the per-message parse budget (PARSE_BUDGET_MS)', () => {
  let t: TestGateway;
  beforeAll(async () => {
    // A budget no long report can meet: every such message must take the budget's way out.
    t = await startTestGateway({ PARSE_BUDGET_MS: '1' });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('a report that outruns the parse budget goes to operator review as "parse_budget", never lost', async () => {
    const { trackingId } = await postFlood(t.baseUrl, 'flood-budget-1');

    const ticket = await eventually(() => t.gateway.store.tickets.get(trackingId), 30_000);
    expect(ticket).toMatchObject({ trackingId, text: expect.stringContaining('desa sukamaju') });
    const review = await t.gateway.store.review.list({ trackingId }, 0, 10);
    expect(review.items).toEqual([expect.objectContaining({ reason: 'parse_budget', state: 'open', trackingId })]);
    expect(review.items[0]?.reasons.join(' ')).toMatch(/budget/);
    // Nothing went out as if the machine had understood it: no automatic forwarding.
    expect(ticket.status).toBe('belum_terverifikasi');
  }, 90_000);
});
