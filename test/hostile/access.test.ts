import type { Router } from 'express';
import { channels } from '../../channels';
import { ChannelRegistry } from '../../src/channels/registry';
import { createConsole } from '../../src/console';
import { canEnter, type Area } from '../../src/console/access';
import { CaseIds } from '../../src/dedup/caseIds';
import { inboxApi } from '../../src/http/inboxApi';
import { integrationApi } from '../../src/http/integrationApi';
import { ReplyService } from '../../src/replies/replyService';
import type { OperatorRole } from '../../src/store/types';
import { loadWorkingCalendar } from '../../src/tickets/workingCalendar';
import { ConsoleClient, createOperator, seedForwardedTicket, seedReviewItem } from '../console/consoleSupport';
import { startTestGateway, TEST_API_TOKEN, type TestGateway } from '../support/testGateway';

/**
 * Every route of the operator console and of the integration API, enumerated from the routers
 * themselves (a route added later is covered without touching this file), tried without a
 * session or token, with a role too low for it, with an expired session, and with forged or
 * reused CSRF tokens. Each must be refused and change nothing.
 */
interface RouteInfo {
  method: string;
  path: string;
}

interface LayerLike {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: LayerLike[] };
  rawPath?: unknown;
}

/** The routes a router answers, nested routers included (those the console mounts at its root). */
function routesOf(router: Router, prefix: string): RouteInfo[] {
  const out: RouteInfo[] = [];
  const walk = (stack: LayerLike[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') out.push({ method: method.toUpperCase(), path: prefix + layer.route.path });
      } else if (layer.handle?.stack && (layer.rawPath === undefined || layer.rawPath === '/')) {
        walk(layer.handle.stack);
      } else if (typeof layer.rawPath === 'string' && layer.rawPath !== '/' && !out.some((r) => r.path === prefix + String(layer.rawPath))) {
        // A whole app mounted under a path (bull-board at /queues): its front page stands for it.
        out.push({ method: 'GET', path: prefix + layer.rawPath });
      }
    }
  };
  walk((router as unknown as { stack: LayerLike[] }).stack);
  return [...new Map(out.map((r) => [`${r.method} ${r.path}`, r])).values()];
}

const AREA_OF = (path: string): Area | null => {
  const m = /^\/console\/(review|tickets|dashboard|users|queues)\b/.exec(path);
  return (m?.[1] as Area | undefined) ?? null;
};

let t: TestGateway;
let consoleRoutes: RouteInfo[];
let apiRoutes: RouteInfo[];
let ids: Record<string, string>;

beforeAll(async () => {
  t = await startTestGateway();
  const g = t.gateway;
  const registry = new ChannelRegistry(channels, g.ctx.config);
  const operatorConsole = createConsole({
    config: g.ctx.config,
    store: g.store,
    statuses: g.statuses,
    replies: new ReplyService(g.store, g.queues, registry, g.ctx.metrics),
    queues: g.queues,
    channelNames: registry.names(),
    redis: g.ctx.redis,
    rateLimiter: g.ctx.rateLimiter,
    calendar: loadWorkingCalendar([]),
    vault: g.ctx.reporterVault,
    caseIds: new CaseIds('hostile-access-test'),
    log: g.ctx.log,
    now: g.ctx.now,
  });
  consoleRoutes = routesOf(operatorConsole, '/console');
  apiRoutes = [...routesOf(integrationApi(g.store, g.ctx.config.API_TOKENS), ''), ...routesOf(inboxApi(g.store, g.queues, g.ctx.config.API_TOKENS), '')];
  const review = await seedReviewItem(g.store);
  const forwarded = await seedForwardedTicket(g.store, 'pemkot-bandung');
  const admin = await createOperator(g.store, 'admin');
  ids = { id: review.trackingId, trackingId: forwarded.trackingId, key: review.messageKey, reviewId: review.reviewId, userId: admin.id, action: 'verifikasi' };
});
afterAll(async () => {
  await t?.stop();
});

/** A concrete URL for a route pattern, with real ids where it names one. */
function concrete(route: RouteInfo): string {
  return route.path.replace(/:(\w+)/g, (_m, name: string) => {
    if (route.path.startsWith('/console/review') && name === 'id') return encodeURIComponent(ids.reviewId ?? '');
    if (route.path.startsWith('/console/users') && name === 'id') return encodeURIComponent(ids.userId ?? '');
    return encodeURIComponent(ids[name] ?? 'x');
  });
}

const PUBLIC_CONSOLE = new Set(['GET /console/login', 'POST /console/login', 'GET /console/lang', 'GET /console/assets/console.css', 'GET /console/assets/console.js']);

test('the routers were found: the console and the integration API have their known routes', () => {
  const names = consoleRoutes.map((r) => `${r.method} ${r.path}`);
  expect(names).toEqual(expect.arrayContaining(['GET /console/queues', 'GET /console/review', 'POST /console/review/:id/:action', 'GET /console/tickets/:id', 'POST /console/tickets/:id/status', 'GET /console/users', 'POST /console/users/:id']));
  expect(apiRoutes.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(['GET /api/v1/tickets', 'GET /api/v1/tickets/:trackingId', 'GET /api/v1/inbox', 'POST /api/v1/inbox/:key/retry']));
});

test('every integration API route refuses a missing, wrong or near-miss token with 401', async () => {
  const tokens = [undefined, 'Bearer ', `Bearer ${TEST_API_TOKEN.slice(0, -1)}`, `Bearer ${TEST_API_TOKEN}x`, `Basic ${TEST_API_TOKEN}`, `Bearer ${TEST_API_TOKEN.toUpperCase()}`];
  for (const route of apiRoutes) {
    for (const authorization of tokens) {
      const res = await fetch(`${t.baseUrl}${concrete(route)}`, { method: route.method, headers: authorization ? { authorization } : {} });
      expect([`${route.method} ${route.path} ${authorization ?? '(none)'}`, res.status]).toEqual([`${route.method} ${route.path} ${authorization ?? '(none)'}`, 401]);
    }
  }
  // And the right token opens them, so the 401s above are about the token, not a broken route.
  const ok = await fetch(`${t.baseUrl}/api/v1/tickets`, { headers: { authorization: `Bearer ${TEST_API_TOKEN}` } });
  expect(ok.status).toBe(200);
});

test('every console page without a session: GET goes to the login page, anything else is 403', async () => {
  const anonymous = new ConsoleClient(t.baseUrl);
  for (const route of consoleRoutes.filter((r) => !PUBLIC_CONSOLE.has(`${r.method} ${r.path}`))) {
    const res = route.method === 'GET' ? await anonymous.get(concrete(route)) : await anonymous.post(concrete(route), { _csrf: 'x', status: 'selesai', role: 'admin' });
    const expected = route.method === 'GET' ? 303 : 403;
    expect([`${route.method} ${route.path}`, res.status]).toEqual([`${route.method} ${route.path}`, expected]);
    if (res.status === 303) expect(res.headers.get('location')).toMatch(/^\/console\/login\?next=/);
  }
});

test.each<OperatorRole>(['verifier', 'liaison', 'supervisor'])('a %s is refused (403) on every route of an area the role may not enter', async (role) => {
  const user = await createOperator(t.gateway.store, role, role === 'liaison' ? 'pemkot-bandung' : null);
  const client = new ConsoleClient(t.baseUrl);
  expect((await client.login(user.email)).status).toBe(303);
  const csrf = await client.csrf();
  const forbidden = consoleRoutes.filter((r) => {
    const area = AREA_OF(r.path);
    return area !== null && !canEnter(role, area);
  });
  expect(forbidden.length).toBeGreaterThan(0);
  const usersBefore = (await t.gateway.store.users.list()).length;
  for (const route of forbidden) {
    const res = route.method === 'GET' ? await client.get(concrete(route)) : await client.post(concrete(route), { _csrf: csrf, email: `new.${role}@lapor.test`, name: 'x', role: 'admin', password: 'kata-sandi-baru-123' });
    expect([`${route.method} ${route.path}`, res.status]).toEqual([`${route.method} ${route.path}`, 403]);
  }
  expect((await t.gateway.store.users.list()).length).toBe(usersBefore);
  expect((await t.gateway.store.review.get(ids.reviewId ?? ''))?.state).toBe('open');
});

test('an expired session is no session: pages send to login, writes are 403', async () => {
  const admin = await createOperator(t.gateway.store, 'admin');
  const client = new ConsoleClient(t.baseUrl);
  await client.login(admin.email);
  const csrf = await client.csrf();
  // Idle expiry is Redis' TTL on the session key; make it lapse now instead of waiting 30 minutes.
  const keys = await t.gateway.ctx.redis.keys(`${t.gateway.ctx.config.QUEUE_PREFIX}:console:session:*`);
  expect(keys.length).toBeGreaterThan(0);
  for (const key of keys) await t.gateway.ctx.redis.pexpire(key, 1);
  await new Promise((r) => setTimeout(r, 20));
  expect((await client.get('/console/tickets')).status).toBe(303);
  const res = await client.post(`/console/review/${encodeURIComponent(ids.reviewId ?? '')}/verifikasi`, { _csrf: csrf });
  expect(res.status).toBe(403);
  expect((await t.gateway.store.review.get(ids.reviewId ?? ''))?.state).toBe('open');
});

test('forged, foreign and reused CSRF tokens are refused on every console write', async () => {
  const admin = await createOperator(t.gateway.store, 'admin');
  const other = await createOperator(t.gateway.store, 'admin');
  const a = new ConsoleClient(t.baseUrl);
  const b = new ConsoleClient(t.baseUrl);
  const cookieA = (await a.login(admin.email)).headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  await b.login(other.email);
  const tokenA = await a.csrf();
  const tokenB = await b.csrf();
  const writes = consoleRoutes.filter((r) => r.method === 'POST' && !PUBLIC_CONSOLE.has(`${r.method} ${r.path}`));
  const forged = ['', 'x', tokenA.slice(0, -1), `${tokenA}A`, tokenA.toLowerCase() === tokenA ? tokenA.toUpperCase() : tokenA.toLowerCase(), tokenB];
  for (const route of writes) {
    for (const token of forged) {
      const res = await a.post(concrete(route), { _csrf: token, status: 'terverifikasi', role: 'verifier' });
      expect([`${route.path} with ${token === tokenB ? "another session's token" : JSON.stringify(token)}`, res.status]).toEqual([`${route.path} with ${token === tokenB ? "another session's token" : JSON.stringify(token)}`, 403]);
    }
  }
  // After logout the old cookie and its token are dead together.
  expect((await a.post('/console/logout', { _csrf: tokenA })).status).toBe(303);
  const reused = await fetch(`${t.baseUrl}/console/review/${encodeURIComponent(ids.reviewId ?? '')}/verifikasi`, {
    method: 'POST',
    headers: { cookie: cookieA, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: tokenA }).toString(),
    redirect: 'manual',
  });
  expect(reused.status).toBe(403);
  expect((await t.gateway.store.review.get(ids.reviewId ?? ''))?.state).toBe('open');
  expect((await t.gateway.store.tickets.get(ids.trackingId ?? ''))?.status).toBe('diteruskan');
});
