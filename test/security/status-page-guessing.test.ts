import { startSmsRig, type SmsRig } from '../../channels/sms/testSupport';
import { generateTrackingNumber, parseTrackingNumber } from '../../src/tickets/trackingNumber';
import { eventually } from '../support/testGateway';

/*
 * The actor: anyone on the internet with the public status page, guessing tracking numbers.
 * The number alone gives at most the status label; the text, the history and the replies need
 * the report's access token, which only the citizen got. Guessing is rate-limited per address.
 */

const TEXT = 'Petugas kelurahan Babakan meminta uang lima puluh ribu untuk surat pengantar KTP, tanpa kuitansi.';
const MARKER = 'surat pengantar KTP';

let rig: SmsRig;
let base: string;

function trackingIdIn(page: string): string {
  const id = /\b(\d{10})\b/.exec(page)?.[1];
  if (!id || parseTrackingNumber(id) !== id) throw new Error('no valid tracking number on the page');
  return id;
}

async function webReport(): Promise<{ trackingId: string; confirmation: Response; page: string }> {
  const form = await (await fetch(`${base}/lapor`)).text();
  const nonce = /name="nonce" value="([^"]+)"/.exec(form)?.[1] ?? '';
  const confirmation = await fetch(`${base}/lapor`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ nonce, judul: 'Pungli surat pengantar', isi: TEXT, lokasi: 'Kel. Babakan, Kota Bandung', privasi: 'public' }).toString(),
  });
  const page = await confirmation.text();
  const trackingId = trackingIdIn(page);
  await eventually(async () => (await rig.gw.gateway.store.replies.listForTicket(trackingId)).find((r) => r.status === 'delivered'));
  return { trackingId, confirmation, page };
}

beforeAll(async () => {
  rig = await startSmsRig();
  base = rig.gw.baseUrl;
}, 60_000);

afterAll(async () => {
  await rig?.stop();
});

describe('someone guessing tracking numbers on the status page', () => {
  it('sees only the status label of a public report with the number alone: no text, history or replies', async () => {
    const { trackingId } = await webReport();
    const ack = (await rig.gw.gateway.store.replies.listForTicket(trackingId))[0]?.text ?? '';
    const res = await fetch(`${base}/lapor/status?nomor=${trackingId}`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Diteruskan');
    expect(page).not.toContain(MARKER);
    expect(page).not.toContain(ack);
    expect(page).not.toContain('Riwayat');
  });

  it('sees no more with a wrong token than with none', async () => {
    const { trackingId } = await webReport();
    const wrong = 'A'.repeat(43);
    const page = await (await fetch(`${base}/lapor/status?nomor=${trackingId}&token=${wrong}`)).text();
    expect(page).not.toContain(MARKER);
    expect(page).not.toContain('Riwayat');
  });

  it('cannot lift the token from the citizen’s pages: it is only in her link, sent with no referrer, and never logged', async () => {
    const { trackingId, confirmation, page } = await webReport();
    expect(confirmation.headers.get('referrer-policy')).toBe('no-referrer');
    const href = /href="(\/lapor\/status\?[^"]*token=[^"]+)"/.exec(page)?.[1]?.replace(/&amp;/g, '&');
    if (!href) throw new Error('no status link with the access token on the confirmation page');
    const token = new URL(href, base).searchParams.get('token') ?? '';
    expect(token.length).toBeGreaterThanOrEqual(40);

    const own = await fetch(new URL(href, base));
    expect(own.headers.get('referrer-policy')).toBe('no-referrer');
    const ownPage = await own.text();
    expect(ownPage).toContain(MARKER);
    expect(ownPage).toContain(`dengan nomor ${trackingId}`);
    expect(rig.gw.logs.join('\n')).not.toContain(token);
  });

  it('cannot read an SMS report that never asked to be public; #publik makes it public', async () => {
    await rig.smsc.deliver({ from: '081277700001', text: `Lapor: ${TEXT}` });
    await rig.smsc.deliver({ from: '081277700002', text: `#publik ${TEXT}` });
    const tickets = await eventually(async () => {
      const list = (await rig.gw.gateway.store.tickets.list({ channel: 'sms' }, 0, 10)).items;
      return list.length >= 2 ? list : null;
    });
    const privacyOf = (phone: string) => tickets.find((t) => t.reporter.id.endsWith(phone))?.privacy;
    expect(privacyOf('81277700001')).toBe('anonim');
    expect(privacyOf('81277700002')).toBe('public');
  });

  it('is stopped with 429 and Retry-After long before 300 guesses from one address', async () => {
    const answers: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 300; i++) {
      const res = await fetch(`${base}/lapor/status?nomor=${generateTrackingNumber()}`);
      answers.push(res.status);
      if (res.status === 429) retryAfter ??= res.headers.get('retry-after');
      await res.arrayBuffer();
    }
    const limited = answers.filter((s) => s === 429).length;
    expect(limited).toBeGreaterThanOrEqual(250);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});
