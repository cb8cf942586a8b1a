import { deliver, directMessageBody, FakeXApi, tweetCreateBody, type FakeUser } from '../../channels/twitter/fakeXApi';
import { ACCOUNT, KEYS, twitterEnv } from '../../channels/twitter/testSupport';
import { FakeGraphApi } from '../../channels/instagram/fakeGraphApi/fakeGraphApi';
import { postWebhook, WebhookFactory } from '../../channels/instagram/fakeGraphApi/webhooks';
import { ACCESS_TOKEN as IG_TOKEN, ACCOUNT_ID, APP_SECRET as IG_SECRET, VERIFY_TOKEN } from '../../channels/instagram/testSupport';
import { SmscSimulator } from '../../channels/sms/simulator/smscSimulator';
import { FAST_SMS_ENV } from '../../channels/sms/testSupport';
import { messageKey } from '../../src/message/inboundMessage';
import { ConsoleClient, createOperator, PASSWORD } from '../console/consoleSupport';
import { eventually, startTestGateway, TEST_API_TOKEN, type TestGateway } from '../support/testGateway';

/**
 * One full mixed run at LOG_LEVEL=debug: every channel in and out, the console, the integration
 * API, and the wrong attempts an attacker makes (bad tokens, bad signatures, a wrong password).
 * Then every log line is searched for every phone number (in each spelling a channel uses),
 * token, secret and password the run used. None may appear.
 */
const APP_SECRET = 'log-scan-app-secret-0123456789abcdefXYZ';
const REPORTER_KEY = 'bG9nLXNjYW4tcmVwb3J0ZXIta2V5LTAxMjM0NTY3ODk=';
const SMPP_PASSWORD = 'Pw7kQz9x';
const WRONG_PASSWORD = 'salah-kata-sandi-zz9';
const WRONG_API_TOKEN = 'guessed-token-abcdef0123456789';
const CITIZEN_EMAIL = 'siti.pelapor@example.org';

// Each phone as the channels see it: app JSON, web form (with spaces), SMS source_addr, E.164.
const PHONES = [
  { app: '+6281211110001', digits: '81211110001' },
  { form: '0812 1111 0002', digits: '81211110002' },
  { sms: '6281211110003', digits: '81211110003' },
  { sms: '081211110004', digits: '81211110004' },
];

let t: TestGateway;
let x: FakeXApi;
let graph: FakeGraphApi;
let smsc: SmscSimulator;
const secrets = new Map<string, string>();

beforeAll(async () => {
  smsc = await SmscSimulator.start({ systemId: 'lapor', password: SMPP_PASSWORD });
  x = await new FakeXApi({ ...KEYS, account: ACCOUNT }).start();
  graph = await new FakeGraphApi({ accountId: ACCOUNT_ID, accessToken: IG_TOKEN }).start();
  t = await startTestGateway({
    LOG_LEVEL: 'debug',
    APP_SECRET,
    REPORTER_KEY,
    SMPP_URL: smsc.url(),
    ...FAST_SMS_ENV,
    ...twitterEnv(x),
    INSTAGRAM_APP_SECRET: IG_SECRET,
    INSTAGRAM_VERIFY_TOKEN: VERIFY_TOKEN,
    INSTAGRAM_ACCESS_TOKEN: IG_TOKEN,
    INSTAGRAM_ACCOUNT_ID: ACCOUNT_ID,
    GRAPH_API_URL: graph.url,
  });
  await smsc.waitForBinds(1);
  for (const [name, value] of Object.entries({
    APP_SECRET,
    REPORTER_KEY,
    SMPP_PASSWORD,
    WRONG_PASSWORD,
    WRONG_API_TOKEN,
    CONSOLE_PASSWORD: PASSWORD,
    API_TOKEN: TEST_API_TOKEN,
    IG_SECRET,
    IG_TOKEN,
    VERIFY_TOKEN,
    X_APP_SECRET: KEYS.appSecret,
    X_ACCESS_TOKEN: KEYS.accessToken,
    X_ACCESS_SECRET: KEYS.accessSecret,
    X_BEARER: KEYS.bearerToken,
    CITIZEN_EMAIL,
  })) {
    secrets.set(name, value);
  }
});
afterAll(async () => {
  await t?.stop();
  await x?.stop();
  await graph?.stop();
  await smsc?.stop();
});

test('a full mixed run at debug level leaves no phone number, token, secret or password in any log line', async () => {
  const store = t.gateway.store;
  const replied = (key: string) =>
    eventually(async () => {
      const m = await store.inbox.get(key);
      const reply = m ? await store.replies.get(`ack:${m.key}`) : null;
      return reply && reply.status !== 'queued' ? reply : null;
    }, 30_000);

  // App report with phone and email; its access token; a wrong token.
  const app = await fetch(`${t.baseUrl}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': 'log-scan-app-1' },
    body: JSON.stringify({ text: `Jalan rusak parah di depan pasar, hubungi saya di ${PHONES[0]!.app}.`, reporter: { name: 'Siti', phone: PHONES[0]!.app, email: CITIZEN_EMAIL } }),
  });
  expect(app.status).toBe(201);
  const created = (await app.json()) as { trackingId: string; accessToken: string };
  secrets.set('REPORT_ACCESS_TOKEN', created.accessToken);
  expect((await fetch(`${t.baseUrl}/api/v1/reports/${created.trackingId}`, { headers: { authorization: `Bearer ${created.accessToken}` } })).status).toBe(200);
  expect((await fetch(`${t.baseUrl}/api/v1/reports/${created.trackingId}`, { headers: { authorization: `Bearer ${created.accessToken}x` } })).status).toBe(401);

  // Web form with a phone written the way people write it.
  const form = await (await fetch(`${t.baseUrl}/lapor`)).text();
  const nonce = /name="nonce" value="([^"]+)"/.exec(form)?.[1] ?? '';
  const web = await fetch(`${t.baseUrl}/lapor`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ isi: 'Sampah menumpuk di TPS Jl. Melati sudah dua minggu tidak diangkut.', nama: 'Budi', telepon: PHONES[1]!.form!, privasi: 'public', nonce }).toString(),
  });
  expect(web.status).toBe(200);

  // X: a mention and a DM; then a forged delivery.
  const citizen: FakeUser = { id: '1480000000000000777', username: 'warga_log', name: 'Warga Log' };
  const tweet = x.mention(citizen, `@${ACCOUNT.username} Lampu jalan mati di Jl. Dago, nomor saya ${PHONES[0]!.app}`);
  expect((await deliver(`${t.baseUrl}/webhooks/twitter`, tweetCreateBody(ACCOUNT.id, [{ tweet, author: citizen }]), KEYS.appSecret)).status).toBe(200);
  expect((await deliver(`${t.baseUrl}/webhooks/twitter`, directMessageBody(ACCOUNT, citizen, '1900000000000000777', 'Pungli di kantor kelurahan, tolong ditindak.'), KEYS.appSecret)).status).toBe(200);
  expect((await deliver(`${t.baseUrl}/webhooks/twitter`, tweetCreateBody(ACCOUNT.id, []), 'wrong-secret')).status).toBe(401);

  // Instagram: a DM, a handshake with the wrong token and one with the right token.
  const hooks = new WebhookFactory(graph, ACCOUNT_ID);
  const dm = hooks.dm('2323232323237777', `Banjir di perumahan, telepon ${PHONES[0]!.app}`);
  expect((await postWebhook(t.baseUrl, IG_SECRET, dm.body)).status).toBe(200);
  expect((await fetch(`${t.baseUrl}/webhooks/instagram?hub.mode=subscribe&hub.verify_token=${WRONG_API_TOKEN}&hub.challenge=1`)).status).toBe(403);
  expect((await fetch(`${t.baseUrl}/webhooks/instagram?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1`)).status).toBe(200);

  // SMS from two phones, in two source_addr spellings.
  for (const p of PHONES.slice(2)) expect((await smsc.deliver({ from: p.sms!, text: `Air PDAM mati tiga hari, hubungi ${p.sms}` })).statuses).toEqual([0]);

  // Console: a wrong password, then the right one; pages; the integration API with a wrong and a right token.
  const admin = await createOperator(store, 'admin');
  const operator = new ConsoleClient(t.baseUrl);
  expect((await operator.login(admin.email, WRONG_PASSWORD)).status).toBe(401);
  const login = await operator.login(admin.email);
  expect(login.status).toBe(303);
  const sessionCookie = login.headers.getSetCookie()[0]?.split(';')[0]?.split('=')[1] ?? '';
  secrets.set('SESSION_ID', sessionCookie);
  secrets.set('CSRF', await operator.csrf());
  expect((await operator.get(`/console/tickets/${created.trackingId}`)).status).toBe(200);
  expect((await fetch(`${t.baseUrl}/api/v1/tickets`, { headers: { authorization: `Bearer ${WRONG_API_TOKEN}` } })).status).toBe(401);
  expect((await fetch(`${t.baseUrl}/api/v1/tickets?q=${encodeURIComponent(PHONES[0]!.app!)}`, { headers: { authorization: `Bearer ${TEST_API_TOKEN}` } })).status).toBe(200);

  // Everything answered on its channel before the logs are read.
  await replied(messageKey('twitter', tweet.id));
  await replied(messageKey('instagram', `dm:${dm.mid}`));
  await eventually(async () => PHONES.slice(2).every((p) => smsc.messagesTo(`62${p.digits}`).length > 0), 30_000);
  await eventually(async () => x.dms.length > 0, 30_000);

  const lines = t.logs.join('').split('\n').filter((l) => l.length > 0);
  // eslint-disable-next-line no-console
  console.log(`log scan: ${lines.length} lines, ${secrets.size} secrets and ${PHONES.length} phone numbers searched`);
  expect(lines.length).toBeGreaterThan(15);
  const leaks: string[] = [];
  for (const line of lines) {
    for (const [name, value] of secrets) if (value.length >= 6 && line.includes(value)) leaks.push(`${name} in ${line.slice(0, 200)}`);
    for (const p of PHONES) {
      // Any spelling: the significant digits, with or without separators between them.
      const loose = new RegExp(p.digits.split('').join('[\\s-]?'));
      if (loose.test(line)) leaks.push(`phone ${p.digits} in ${line.slice(0, 200)}`);
    }
  }
  expect(leaks).toEqual([]);
}, 120_000);
