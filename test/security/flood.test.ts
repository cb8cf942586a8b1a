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
