import { runUserCommand } from '../../src/console/userCommand';
import { ConsoleClient, createOperator } from '../console/consoleSupport';
import { startTestGateway, type TestGateway } from '../support/testGateway';

/**
 * Someone after an operator's account: guessing its password (and locking its owner out while
 * at it), riding a session that should have ended when the password changed or the account was
 * disabled, or keeping one open for ever. The gateway sits behind one reverse proxy
 * (TRUST_PROXY=1, the README's example), so X-Forwarded-For names each client.
 */
const PER_PAIR = 3;
const PER_ADDRESS = 8;
const SLOW_AFTER = 4;

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway({
    TRUST_PROXY: '1',
    CONSOLE_LOGIN_PER_MINUTE_EMAIL: String(PER_PAIR),
    CONSOLE_LOGIN_PER_MINUTE_IP: String(PER_ADDRESS),
    CONSOLE_LOGIN_SLOW_AFTER_PER_MINUTE: String(SLOW_AFTER),
  });
});
afterAll(async () => {
  await t?.stop();
});

const from = (address: string) => new ConsoleClient(t.baseUrl, { 'x-forwarded-for': address });
const signedIn = async (c: ConsoleClient) => (await c.get('/console/tickets')).status === 200;

it("an attacker guessing the admin's password from one address cannot stop the admin logging in from another", async () => {
  const admin = await createOperator(t.gateway.store, 'admin');
  const attacker = from('203.0.113.9');
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++) statuses.push((await attacker.login(admin.email, `tebakan-${i}-salah`)).status);
  expect(statuses.slice(0, PER_PAIR)).toEqual(Array(PER_PAIR).fill(401));
  expect(statuses.slice(PER_PAIR)).toEqual(Array(12 - PER_PAIR).fill(429));
  // Even the right password is refused to the guessing address while its window lasts.
  expect((await attacker.login(admin.email)).status).toBe(429);

  const owner = from('198.51.100.7');
  const started = Date.now();
  expect((await owner.login(admin.email)).status).toBe(303);
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(await signedIn(owner)).toBe(true);
});

it('one address trying many emails is stopped by its own per-address limit', async () => {
  const sprayer = from('203.0.113.20');
  const statuses: number[] = [];
  for (let i = 0; i < PER_ADDRESS + 3; i++) statuses.push((await sprayer.login(`tebak${i}@lapor.test`, 'kata-sandi-umum-1')).status);
  expect(statuses.slice(0, PER_ADDRESS)).toEqual(Array(PER_ADDRESS).fill(401));
  expect(statuses.slice(PER_ADDRESS)).toEqual([429, 429, 429]);
});

it('guesses spread over many addresses slow the email down but never lock its owner out', async () => {
  const admin = await createOperator(t.gateway.store, 'admin');
  const guesses = await Promise.all(Array.from({ length: SLOW_AFTER + 4 }, (_, i) => from(`192.0.2.${i + 1}`).login(admin.email, `tebakan-${i}`)));
  expect(guesses.map((r) => r.status)).toEqual(Array(SLOW_AFTER + 4).fill(401));
  const owner = from('198.51.100.8');
  const started = Date.now();
  expect((await owner.login(admin.email)).status).toBe(303);
  const took = Date.now() - started;
  expect(took).toBeGreaterThanOrEqual(900);
  expect(took).toBeLessThan(5_000);
});

it('TRUST_PROXY=1: two clients behind the proxy get separate rate-limit buckets, and a forged X-Forwarded-For does not escape one', async () => {
  const first = from('10.20.0.1');
  for (let i = 0; i < PER_ADDRESS; i++) await first.login(`orang${i}@lapor.test`, 'salah-salah-123');
  expect((await first.login('lagi@lapor.test', 'salah-salah-123')).status).toBe(429);
  // The proxy appends the address it saw; whatever the client wrote before it is not trusted.
  const forged = from('10.99.99.99, 10.20.0.1');
  expect((await forged.login('lagi@lapor.test', 'salah-salah-123')).status).toBe(429);

  const second = from('10.20.0.2');
  expect((await second.login('lain@lapor.test', 'salah-salah-123')).status).toBe(401);
});

describe('sessions end when the account changes', () => {
  it("an admin setting an operator's password ends every session of that operator", async () => {
    const admin = await createOperator(t.gateway.store, 'admin');
    const victim = await createOperator(t.gateway.store, 'verifier');
    const stolen = from('203.0.113.30');
    const own = from('198.51.100.30');
    await stolen.login(victim.email);
    await own.login(victim.email);
    expect(await signedIn(stolen)).toBe(true);
    expect(await signedIn(own)).toBe(true);

    const a = from('198.51.100.31');
    await a.login(admin.email);
    expect((await a.post(`/console/users/${victim.id}`, { _csrf: await a.csrf(), op: 'password', password: 'sandi-baru-sekali-1' })).status).toBe(303);
    expect(await signedIn(stolen)).toBe(false);
    expect(await signedIn(own)).toBe(false);
    expect((await own.login(victim.email, 'sandi-baru-sekali-1')).status).toBe(303);
    expect(await signedIn(own)).toBe(true);
  });

  it('a password set from the command line ends every session of that operator', async () => {
    const victim = await createOperator(t.gateway.store, 'supervisor');
    const stolen = from('203.0.113.40');
    await stolen.login(victim.email);
    expect(await signedIn(stolen)).toBe(true);
    await runUserCommand(['passwd', '--email', victim.email], t.gateway.store, {
      readPassword: () => Promise.resolve('sandi-dari-cli-123\n'),
      out: () => undefined,
      agencyExists: () => true,
      now: () => new Date(),
    });
    expect(await signedIn(stolen)).toBe(false);
  });

  it('disabling an account ends its sessions even when it is enabled again before they are next used', async () => {
    const admin = await createOperator(t.gateway.store, 'admin');
    const victim = await createOperator(t.gateway.store, 'verifier');
    const stolen = from('203.0.113.50');
    await stolen.login(victim.email);
    expect(await signedIn(stolen)).toBe(true);
    const a = from('198.51.100.50');
    await a.login(admin.email);
    const csrf = await a.csrf();
    expect((await a.post(`/console/users/${victim.id}`, { _csrf: csrf, op: 'disable' })).status).toBe(303);
    expect((await a.post(`/console/users/${victim.id}`, { _csrf: csrf, op: 'enable' })).status).toBe(303);
    expect(await signedIn(stolen)).toBe(false);
  });
});

it('a session ends after CONSOLE_SESSION_MAX_HOURS (default 12) however busy it is kept', async () => {
  const user = await createOperator(t.gateway.store, 'verifier');
  const c = from('198.51.100.60');
  await c.login(user.email);
  expect(await signedIn(c)).toBe(true);
  // Twelve hours of constant use, compressed: the session was opened 12 h ago and used every minute since.
  const redis = t.gateway.ctx.redis;
  const keys = await redis.keys(`${t.gateway.ctx.config.QUEUE_PREFIX}:console:session:*`);
  let aged = 0;
  for (const key of keys) {
    const session = JSON.parse((await redis.get(key)) ?? '{}') as { userId?: string; createdAt?: string };
    if (session.userId !== user.id) continue;
    session.createdAt = new Date(Date.now() - 12 * 3_600_000 - 1_000).toISOString();
    await redis.set(key, JSON.stringify(session), 'KEEPTTL');
    aged++;
  }
  expect(aged).toBe(1);
  expect(await signedIn(c)).toBe(false);
  expect((await c.login(user.email)).status).toBe(303);
  expect(await signedIn(c)).toBe(true);
});
