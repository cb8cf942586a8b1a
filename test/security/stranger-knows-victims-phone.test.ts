import { startSmsRig, type SmsRig } from '../../channels/sms/testSupport';
import { generateTrackingNumber, parseTrackingNumber } from '../../src/tickets/trackingNumber';
import { ConsoleClient, createOperator } from '../console/consoleSupport';
import { eventually } from '../support/testGateway';

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
  it('cannot attach an app report to her ticket by typing her phone: it goes to an operator as a possible duplicate', async () => {
    const store = rig.gw.gateway.store;
    expect((await store.inbox.listForTicket(victim.trackingId)).map((r) => r.key)).toEqual([victim.key]);
    const record = await store.inbox.get(attacker.key);
    expect(record?.decision?.kind).not.toMatch(/^(duplicate|followup)$/);
    expect(record?.ticketId).toBe(attacker.trackingId);
    const items = await store.review.list({ trackingId: attacker.trackingId }, 0, 10);
    expect(items.items).toEqual([expect.objectContaining({ reason: 'possible_duplicate', state: 'open' })]);
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
