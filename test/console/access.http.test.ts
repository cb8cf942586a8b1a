import { startTestGateway, type TestGateway } from '../support/testGateway';
import { ConsoleClient, createOperator, PASSWORD, seedForwardedTicket, seedReviewItem } from './consoleSupport';

/* Who may reach what, and what the console refuses: sessions, CSRF, roles, redirects, headers. */

const MINE = 'pemkot-32.73';
const OTHER = 'pemkot-32.71';

describe('console access and safety over HTTP', () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({ CONSOLE_LOGIN_PER_MINUTE_EMAIL: '3', CONSOLE_SESSION_IDLE_MINUTES: '1' });
  });
  afterAll(async () => {
    await t?.stop();
  });

  test('pages need a login; the session cookie is httpOnly and SameSite=Strict; logout ends it', async () => {
    const anon = new ConsoleClient(t.baseUrl);
    const res = await anon.get('/console/tickets?status=tunda');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/console/login?next=${encodeURIComponent('/console/tickets?status=tunda')}`);

    const user = await createOperator(t.gateway.store, 'verifier');
    const c = new ConsoleClient(t.baseUrl);
    const form = await (await c.get('/console/login?next=%2Fconsole%2Ftickets%3Fstatus%3Dtunda')).text();
    const login = await c.post('/console/login', { _csrf: ConsoleClient.token(form), email: user.email.toUpperCase(), password: PASSWORD, next: '/console/tickets?status=tunda' });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/console/tickets?status=tunda');
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith('lapor_console='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/console/);
    expect(cookie).not.toMatch(/Secure/);

    const token = await c.csrf();
    expect((await c.post('/console/logout', { _csrf: token })).status).toBe(303);
    expect((await c.get('/console/review')).status).toBe(303);
  });

  test('no open redirect: next outside /console is ignored', async () => {
    for (const next of ['https://evil.example/', '//evil.example/console', '/console//evil.example', '/\\evil.example']) {
      // One operator each: this gateway allows three logins per email per minute.
      const user = await createOperator(t.gateway.store, 'verifier');
      const c = new ConsoleClient(t.baseUrl);
      const form = await (await c.get('/console/login')).text();
      const res = await c.post('/console/login', { _csrf: ConsoleClient.token(form), email: user.email, password: PASSWORD, next });
      expect(res.headers.get('location')).toBe('/console/review');
    }
    const lang = await new ConsoleClient(t.baseUrl).get('/console/lang?to=en&next=https%3A%2F%2Fevil.example');
    expect(lang.headers.get('location')).toBe('/console');
  });

  test('wrong passwords get 401, then the email is rate-limited (429 with Retry-After)', async () => {
    const user = await createOperator(t.gateway.store, 'verifier');
    const c = new ConsoleClient(t.baseUrl);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await c.login(user.email, 'salah-sekali-123')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await c.login(user.email);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(t.logs.join('')).not.toContain('salah-sekali-123');
  });

  test('a login form without its token is refused (403)', async () => {
    const user = await createOperator(t.gateway.store, 'verifier');
    const c = new ConsoleClient(t.baseUrl);
    await c.get('/console/login');
    expect((await c.post('/console/login', { email: user.email, password: PASSWORD })).status).toBe(403);
  });

  test('CSRF: a POST with a missing or wrong token is 403 and changes nothing', async () => {
    const user = await createOperator(t.gateway.store, 'verifier');
    const c = new ConsoleClient(t.baseUrl);
    await c.login(user.email);
    const s = await seedReviewItem(t.gateway.store);
    const path = `/console/review/${encodeURIComponent(s.reviewId)}/arsipkan`;
    const missing = await c.post(path, { reason: 'spam' });
    expect(missing.status).toBe(403);
    expect(await missing.text()).toContain('Formulir kedaluwarsa');
    expect((await c.post(path, { reason: 'spam', _csrf: 'x'.repeat(43) })).status).toBe(403);
    expect((await t.gateway.store.tickets.get(s.trackingId))?.status).toBe('belum_terverifikasi');
    expect((await t.gateway.store.review.get(s.reviewId))?.state).toBe('open');
  });

  test('roles: a liaison sees only forwarded tickets of their agency, others answer as missing (404); no review queue', async () => {
    const liaison = await createOperator(t.gateway.store, 'liaison', MINE);
    const c = new ConsoleClient(t.baseUrl);
    expect((await c.login(liaison.email)).headers.get('location')).toBe('/console/tickets');
    const mine = await seedForwardedTicket(t.gateway.store, MINE, { privacy: 'anonim', sender: { id: '+6281299990001', name: 'Rahmat Rahasia', phone: '+6281299990001' } });
    const theirs = await seedForwardedTicket(t.gateway.store, OTHER);
    const unverified = await seedReviewItem(t.gateway.store, { agency: MINE });

    const list = await (await c.get('/console/tickets')).text();
    expect(list).toContain(mine.trackingId);
    expect(list).not.toContain(theirs.trackingId);
    expect(list).not.toContain(unverified.trackingId);
    // Asking for the other agency by filter does not widen the scope.
    expect(await (await c.get(`/console/tickets?agency=${OTHER}`)).text()).not.toContain(theirs.trackingId);

    const page = await c.get(`/console/tickets/${mine.trackingId}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toContain('Rahmat Rahasia');
    expect(html).not.toContain('+6281299990001');
    expect(html).toContain('Disembunyikan');

    expect((await c.get(`/console/tickets/${theirs.trackingId}`)).status).toBe(404);
    expect((await c.get(`/console/tickets/${unverified.trackingId}`)).status).toBe(404);
    expect((await c.get('/console/review')).status).toBe(403);
    expect((await c.get('/console/dashboard')).status).toBe(403);
    expect((await c.get('/console/users')).status).toBe(403);
    expect((await c.get('/console/queues')).status).toBe(403);
    const token = await c.csrf();
    expect((await c.post(`/console/tickets/${theirs.trackingId}/status`, { _csrf: token, to: 'ditindaklanjuti' })).status).toBe(404);
    expect((await c.post(`/console/tickets/${mine.trackingId}/status`, { _csrf: token, to: 'diarsipkan', note: 'x' })).status).toBe(403);
    expect((await t.gateway.store.tickets.get(theirs.trackingId))?.status).toBe('diteruskan');

    // Their own ticket: the agency acts, and the citizen is told.
    const moved = await c.post(`/console/tickets/${mine.trackingId}/status`, { _csrf: token, to: 'ditindaklanjuti', note: 'Tim sudah dijadwalkan memperbaiki jalan pekan ini.' });
    expect(moved.status).toBe(303);
    expect((await t.gateway.store.tickets.get(mine.trackingId))?.status).toBe('ditindaklanjuti');
    const replies = await t.gateway.store.replies.listForTicket(mine.trackingId);
    expect(replies.at(-1)?.text).toContain('Tim sudah dijadwalkan memperbaiki jalan pekan ini.');
  });

  test('verifiers see the reporter of anonymous reports; a verifier has no dashboard, a supervisor has', async () => {
    const verifier = await createOperator(t.gateway.store, 'verifier');
    const c = new ConsoleClient(t.baseUrl);
    await c.login(verifier.email);
    const s = await seedReviewItem(t.gateway.store, { privacy: 'rahasia', sender: { id: '+6281299990002', name: 'Dewi Rahasia', phone: '+6281299990002' } });
    expect(await (await c.get(`/console/tickets/${s.trackingId}`)).text()).toContain('Dewi Rahasia');
    expect((await c.get('/console/dashboard')).status).toBe(403);

    const supervisor = await createOperator(t.gateway.store, 'supervisor');
    const sc = new ConsoleClient(t.baseUrl);
    await sc.login(supervisor.email);
    const dash = await sc.get('/console/dashboard');
    expect(dash.status).toBe(200);
    const html = await dash.text();
    expect(html).toContain('<svg');
    expect(html).toContain('Antrean verifikasi per alasan');
    expect((await sc.get('/console/queues')).status).toBe(403);
  });

  test('admins reach bull-board under /console/queues and manage operators', async () => {
    const admin = await createOperator(t.gateway.store, 'admin');
    const c = new ConsoleClient(t.baseUrl);
    await c.login(admin.email);
    const board = await c.get('/console/queues');
    expect(board.status).toBe(200);
    const csp = board.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    const boardHtml = await board.text();
    const script = /src="(static\/js\/main[^"]+)"/.exec(boardHtml)?.[1];
    expect(script).toBeDefined();
    expect((await c.get(`/console/queues/${script}`)).status).toBe(200);
    const api = await c.get('/console/queues/api/queues?activeQueue=inbound&page=1&jobsPerPage=10');
    expect(api.status).toBe(200);
    expect(JSON.stringify(await api.json())).toContain('inbound');

    const token = await c.csrf();
    const created = await c.post('/console/users', { _csrf: token, name: 'Budi', email: 'Budi.Baru@lapor.test', role: 'liaison', agency: MINE, password: 'sandi-baru-1234' });
    expect(created.status).toBe(303);
    const budi = await t.gateway.store.users.getByEmail('budi.baru@lapor.test');
    expect(budi).toMatchObject({ role: 'liaison', agency: MINE, disabled: false });
    expect(budi?.passwordHash).toMatch(/^scrypt\$/);
    expect((await c.post('/console/users', { _csrf: token, name: 'Budi', email: 'budi.baru@lapor.test', role: 'verifier', password: 'sandi-baru-1234' })).status).toBe(409);

    const budiClient = new ConsoleClient(t.baseUrl);
    expect((await budiClient.login('budi.baru@lapor.test', 'sandi-baru-1234')).status).toBe(303);
    expect((await c.post(`/console/users/${budi?.id ?? ''}`, { _csrf: token, op: 'disable' })).status).toBe(303);
    // A disabled operator's open session ends at once.
    expect((await budiClient.get('/console/tickets')).status).toBe(303);
    const audit = await t.gateway.store.audit.list({ target: `user:${budi?.id ?? ''}` }, 0, 10);
    expect(audit.items.map((a) => a.action)).toEqual(['user.disable', 'user.login', 'user.create']);
    expect(JSON.stringify(audit.items)).not.toContain('scrypt');
  });

  test('security headers: CSP allows only our own scripts and styles; pages are not cached', async () => {
    const res = await new ConsoleClient(t.baseUrl).get('/console/login');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const js = await new ConsoleClient(t.baseUrl).get('/console/assets/console.js');
    expect(js.headers.get('content-type')).toMatch(/javascript/);
  });
});
