import { startSmsRig, type SmsRig } from '../../channels/sms/testSupport';
import { generateTrackingNumber, parseTrackingNumber } from '../../src/tickets/trackingNumber';
import { ConsoleClient, createOperator } from '../console/consoleSupport';
import { eventually, startTestGateway, type TestGateway } from '../support/testGateway';

/*
 * The actor: a stranger who knows a victim's phone number (an ex-partner, the official she
 * reported) and nothing else. Through the real gateway (web form, app API, SMS over SMPP, the
 * console) he must learn nothing about her tickets: not the number, the text, the status or the
 * replies. Her phone typed into a form or an app is a claim, never an identity.
 */

const VICTIM_PHONE_TYPED = '0812 5550 1234';
const VICTIM_PHONE_E164 = '+6281255501234';
const ATTACKER_PHONE = '081299990000';
const VICTIM_TEXT = 'Kepala sekolah SDN 3 Kota Bandung meminta uang Rp 500.000 agar anak saya naik kelas, saya diancam bila melapor.';
const VICTIM_MARKER = 'naik kelas';

let rig: SmsRig;
let base: string;
let victim: { trackingId: string; key: string; ack: string };
let attacker: { trackingId: string; accessToken: string; key: string };

async function freshNonce(): Promise<string> {
  const page = await (await fetch(`${base}/lapor`)).text();
  const nonce = /name="nonce" value="([^"]+)"/.exec(page)?.[1];
  if (!nonce) throw new Error('form without nonce');
  return nonce;
}

function trackingIdIn(page: string): string {
  const id = /\b(\d{10})\b/.exec(page)?.[1];
  if (!id || parseTrackingNumber(id) !== id) throw new Error('no valid tracking number on the page');
  return id;
}

async function processed(key: string) {
  return eventually(async () => {
    const record = await rig.gw.gateway.store.inbox.get(key);
    return record?.state === 'processed' ? record : null;
  });
}

async function appReport(body: unknown, key: string): Promise<{ trackingId: string; accessToken: string }> {
  const res = await fetch(`${base}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { trackingId: string; accessToken: string };
}

/** Everything of hers a page or body could carry. */
function expectNothingOfHers(seen: string): void {
  expect(seen).not.toContain(victim.trackingId);
  expect(seen).not.toContain(VICTIM_MARKER);
  expect(seen).not.toContain(victim.ack);
}

beforeAll(async () => {
  rig = await startSmsRig({ WEB_RATE_LIMIT_PER_MINUTE: '1000', STATUS_RATE_LIMIT_PER_MINUTE: '1000' });
  base = rig.gw.baseUrl;
  const store = rig.gw.gateway.store;

  const form = await fetch(`${base}/lapor`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      nonce: await freshNonce(),
      judul: 'Pungutan di SDN 3',
      isi: VICTIM_TEXT,
      lokasi: 'SDN 3, Kel. Babakan, Kota Bandung',
      privasi: 'public',
      nama: 'Siti',
      telepon: VICTIM_PHONE_TYPED,
    }).toString(),
  });
  expect(form.status).toBe(200);
  const victimId = trackingIdIn(await form.text());
  const victimRecord = await store.inbox.getByTrackingId(victimId);
  if (!victimRecord) throw new Error('victim report not stored');
  await processed(victimRecord.key);
  const ack = await eventually(async () => (await store.replies.listForTicket(victimId))[0]);
  victim = { trackingId: victimId, key: victimRecord.key, ack: ack.text };

  const created = await appReport({ text: 'tambahan: lokasinya di depan pasar', privacy: 'public', reporter: { phone: VICTIM_PHONE_E164 } }, 'attacker-claims-her-phone-1');
  const attackerRecord = await store.inbox.getByTrackingId(created.trackingId);
  if (!attackerRecord) throw new Error('attacker report not stored');
  await processed(attackerRecord.key);
  attacker = { ...created, key: attackerRecord.key };
}, 60_000);

afterAll(async () => {
  await rig?.stop();
});

describe('a stranger who knows only the victim’s phone number', () => {
  it('cannot attach an app report to her ticket by typing her phone: an operator is shown the possible match', async () => {
    const store = rig.gw.gateway.store;
    expect((await store.inbox.listForTicket(victim.trackingId)).map((r) => r.key)).toEqual([victim.key]);
    const record = await store.inbox.get(attacker.key);
    expect(record?.decision?.kind).not.toMatch(/^(duplicate|followup)$/);
    expect(record?.ticketId).toBe(attacker.trackingId);
    const items = await store.review.list({ trackingId: attacker.trackingId }, 0, 10);
    // Filed under whatever reason the report has with any other number (here: no place named), so
    // the reason counted on /metrics says nothing about her; the match is in the suggestion.
    expect(items.items).toEqual([expect.objectContaining({ state: 'open' })]);
    expect(items.items[0]?.suggestion).toMatchObject({ duplicateOf: victim.trackingId });
    expect(items.items[0]?.reasons.join(' ')).toContain(victim.trackingId);
  });

  it('learns nothing of hers through his own access token on the app API', async () => {
    const res = await fetch(`${base}/api/v1/reports/${attacker.trackingId}`, { headers: { authorization: `Bearer ${attacker.accessToken}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { trackingId: string };
    expect(body.trackingId).toBe(attacker.trackingId);
    expectNothingOfHers(JSON.stringify(body));
  });

  it('learns nothing of hers from the status page of his own number, with or without his token', async () => {
    for (const query of [`nomor=${attacker.trackingId}`, `nomor=${attacker.trackingId}&token=${encodeURIComponent(attacker.accessToken)}`]) {
      const page = await (await fetch(`${base}/lapor/status?${query}`)).text();
      expect(page).toContain(attacker.trackingId);
      expectNothingOfHers(page);
    }
  });

  it('is never told her number in the acknowledgement of his report', async () => {
    const ack = await eventually(async () => rig.gw.gateway.store.replies.get(`ack:${attacker.key}`));
    expect(ack.text).toContain(attacker.trackingId);
    expectNothingOfHers(ack.text);
  });

  it('gets the same answer to SMS "CEK <her number>" from his phone as to a number that does not exist', async () => {
    const unknown = generateTrackingNumber();
    await rig.smsc.deliver({ from: ATTACKER_PHONE, text: `CEK ${victim.trackingId}` });
    const [first] = await eventually(async () => {
      const texts = rig.smsc.messagesTo('6281299990000');
      return texts.length >= 1 ? texts : null;
    });
    await rig.smsc.deliver({ from: ATTACKER_PHONE, text: `CEK ${unknown}` });
    const [, second] = await eventually(async () => {
      const texts = rig.smsc.messagesTo('6281299990000');
      return texts.length >= 2 ? texts : null;
    });
    expect(first?.replace(victim.trackingId, '<nomor>')).toBe(second?.replace(unknown, '<nomor>'));
    expect(first).not.toContain(VICTIM_MARKER);
  });

  it('is not told her number even when an operator attaches his report to her ticket', async () => {
    const store = rig.gw.gateway.store;
    const verifier = await createOperator(store, 'verifier');
    const operator = new ConsoleClient(base);
    expect((await operator.login(verifier.email)).status).toBe(303);
    const item = (await store.review.list({ trackingId: attacker.trackingId }, 0, 1)).items[0];
    if (!item) throw new Error('no review item for the claim');
    const res = await operator.post(`/console/review/${encodeURIComponent(item.id)}/lampirkan`, {
      _csrf: await operator.csrf(),
      target: victim.trackingId,
      kind: 'followup',
    });
    expect(res.status).toBe(303);

    const replies = await eventually(async () => {
      const list = await store.replies.listForTicket(attacker.trackingId);
      return list.some((r) => r.id.startsWith('console:')) ? list : null;
    });
    for (const reply of replies) expectNothingOfHers(reply.text);
    const api = await fetch(`${base}/api/v1/reports/${attacker.trackingId}`, { headers: { authorization: `Bearer ${attacker.accessToken}` } });
    expectNothingOfHers(await api.text());
    const page = await (await fetch(`${base}/lapor/status?nomor=${attacker.trackingId}&token=${encodeURIComponent(attacker.accessToken)}`)).text();
    expectNothingOfHers(page);
  });
});

/*
 * What the stranger can observe of his own report must not depend on whose phone or email he typed.
 * Two worlds with the same history (her web report with her phone and email), then the same probes
 * in the same order: in one world he types her phone or email, in the other an unrelated one. Every
 * outcome he can see (his ticket's status and history through the app API and /lapor/status with his
 * token, his acknowledgement, the public /metrics counters) must be the same in both.
 */
const VICTIM_EMAIL = 'siti.korban@contoh.id';
const OTHER_PHONE = '+6281377770000';
const OTHER_EMAIL = 'orang.lain@contoh.id';
const PUBLIC_COUNTERS = /^lapor_(review_items|inbound_decisions|case_links|messages_received|intake_refused)_total\b/;

type Claim = 'phone' | 'email';
interface Probe {
  name: string;
  claim: Claim;
  text: string;
}
const PROBES: Probe[] = [
  { name: 'a follow-up claiming her phone', claim: 'phone', text: 'tambahan: lokasinya di depan pasar' },
  {
    name: 'a text close to hers claiming her phone',
    claim: 'phone',
    text: 'Kepala sekolah SDN 3 Kota Bandung minta uang Rp 500.000 supaya anak saya naik kelas, kalau melapor saya diancam.',
  },
  { name: 'a follow-up claiming her email', claim: 'email', text: 'ralat: kejadiannya hari Senin pagi' },
  {
    name: 'a text close to hers claiming her email',
    claim: 'email',
    text: 'Saya diancam kepala sekolah SDN 3 di Kota Bandung karena tidak mau bayar Rp 500.000 agar anak naik kelas.',
  },
];

interface Observed {
  api: unknown;
  statusPage: string[];
  ack: string;
  counters: string[];
}

interface World {
  gw: TestGateway;
  victimId: string;
  seen: Observed[];
}

function counters(metrics: string): string[] {
  return metrics.split('\n').filter((l) => PUBLIC_COUNTERS.test(l)).sort();
}

async function startWorld(): Promise<World> {
  const gw = await startTestGateway({ WEB_RATE_LIMIT_PER_MINUTE: '1000', STATUS_RATE_LIMIT_PER_MINUTE: '1000', API_RATE_LIMIT_PER_MINUTE: '1000' });
  const url = gw.baseUrl;
  const nonce = /name="nonce" value="([^"]+)"/.exec(await (await fetch(`${url}/lapor`)).text())?.[1] ?? '';
  const form = await fetch(`${url}/lapor`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      nonce,
      judul: 'Pungutan di SDN 3',
      isi: VICTIM_TEXT,
      lokasi: 'SDN 3, Kel. Babakan, Kota Bandung',
      privasi: 'rahasia',
      nama: 'Siti',
      telepon: VICTIM_PHONE_TYPED,
      email: VICTIM_EMAIL,
    }).toString(),
  });
  expect(form.status).toBe(200);
  const victimId = trackingIdIn(await form.text());
  await eventually(async () => (await gw.gateway.store.inbox.getByTrackingId(victimId))?.state === 'processed');
  return { gw, victimId, seen: [] };
}

/** Sends one probe as the stranger and records what he can see of it once it is handled. */
async function probe(world: World, p: Probe, index: number, typed: { phone: string; email: string }): Promise<void> {
  const url = world.gw.baseUrl;
  const reporter = p.claim === 'phone' ? { phone: typed.phone } : { email: typed.email };
  const res = await fetch(`${url}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `stranger-probe-${index}` },
    body: JSON.stringify({ text: p.text, privacy: 'public', reporter }),
  });
  expect(res.status).toBe(201);
  const { trackingId, accessToken } = (await res.json()) as { trackingId: string; accessToken: string };
  const store = world.gw.gateway.store;
  const record = await eventually(async () => {
    const r = await store.inbox.getByTrackingId(trackingId);
    return r?.state === 'processed' ? r : null;
  });
  const ack = await eventually(async () => store.replies.get(`ack:${record.key}`));
  const mine = (s: string) => s.split(trackingId).join('<nomor>');
  const api = (await (await fetch(`${url}/api/v1/reports/${trackingId}`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as {
    status: string;
    history: { status: string; note: string | null }[];
    replies: { text: string }[];
  };
  const page = await (await fetch(`${url}/lapor/status?nomor=${trackingId}&token=${encodeURIComponent(accessToken)}`)).text();
  world.seen.push({
    api: { status: api.status, history: api.history.map((h) => [h.status, h.note]), replies: api.replies.map((r) => mine(r.text)) },
    statusPage: [...page.matchAll(/<strong>([^<]*)<\/strong>/g)].map((m) => mine(m[1] ?? '')),
    ack: mine(ack.text),
    counters: counters(await (await fetch(`${url}/metrics`)).text()),
  });
}

describe('a stranger who types the victim’s phone or email sees exactly what any other number would show him', () => {
  const worlds: { hers?: World; other?: World } = {};

  beforeAll(async () => {
    worlds.hers = await startWorld();
    worlds.other = await startWorld();
    for (const [i, p] of PROBES.entries()) {
      await probe(worlds.hers, p, i, { phone: VICTIM_PHONE_E164, email: VICTIM_EMAIL.toUpperCase() });
      await probe(worlds.other, p, i, { phone: OTHER_PHONE, email: OTHER_EMAIL });
    }
  }, 180_000);

  afterAll(async () => {
    await worlds.hers?.gw.stop();
    await worlds.other?.gw.stop();
  });

  it.each(PROBES.map((p, i) => [p.name, i] as const))('cannot tell from %s whether she has a report (status, history, acknowledgement, /metrics)', (_name, i) => {
    const hers = worlds.hers?.seen[i];
    const other = worlds.other?.seen[i];
    expect(hers).toBeDefined();
    expect(hers).toEqual(other);
  });

  it('still shows operators the possible match, without holding his report back', async () => {
    const hers = worlds.hers as World;
    const items = await hers.gw.gateway.store.review.list({}, 0, 50);
    const pointing = items.items.filter((item) => item.suggestion.duplicateOf === hers.victimId);
    expect(pointing).toHaveLength(PROBES.length);
    expect(pointing.every((item) => item.state === 'open')).toBe(true);
  });

  it('cannot learn of her through an operator handling the advisory on his forwarded ticket', async () => {
    const hers = worlds.hers as World;
    const store = hers.gw.gateway.store;
    const { items } = await store.review.list({}, 0, 50);
    const forwarded = [];
    for (const item of items.filter((i) => i.suggestion.duplicateOf === hers.victimId && i.trackingId)) {
      const ticket = await store.tickets.get(item.trackingId as string);
      if (ticket?.status === 'diteruskan') forwarded.push({ item, ticket });
    }
    const [advisory] = forwarded;
    if (!advisory) throw new Error('no advisory on a forwarded ticket');
    const repliesBefore = (await store.replies.listForTicket(advisory.ticket.trackingId)).map((r) => r.text);

    const verifier = await createOperator(store, 'verifier');
    const operator = new ConsoleClient(hers.gw.baseUrl);
    expect((await operator.login(verifier.email)).status).toBe(303);
    const path = `/console/review/${encodeURIComponent(advisory.item.id)}`;
    const page = await operator.get(path);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('id="advisory-note"');
    expect(html).toContain(hers.victimId);
    expect(html).not.toContain(`${path}/lampirkan`);

    const attach = await operator.post(`${path}/lampirkan`, { _csrf: await operator.csrf(), target: hers.victimId, kind: 'followup' });
    expect(attach.status).toBe(422);
    expect(await store.tickets.get(advisory.ticket.trackingId)).toMatchObject({ status: 'diteruskan', duplicateOf: null });
    const handled = await operator.post(`${path}/handled`, { _csrf: await operator.csrf(), note: 'dicek, bukan pelapor yang sama' });
    expect(handled.status).toBe(303);
    expect(await store.review.get(advisory.item.id)).toMatchObject({ state: 'resolved' });
    expect((await store.replies.listForTicket(advisory.ticket.trackingId)).map((r) => r.text)).toEqual(repliesBefore);
  });
});
