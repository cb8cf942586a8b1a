import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parseTrackingNumber } from '../../src/tickets/trackingNumber';
import { eventually, inboxTotal, startTestGateway, TEST_API_TOKEN, type TestGateway } from '../../test/support/testGateway';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(async () => {
  await t.stop();
});

const baseReport = {
  text: 'Jalan di depan SDN 3 berlubang besar sejak dua minggu, sudah dua motor jatuh. Mohon segera diperbaiki.',
  title: 'Jalan berlubang depan SDN 3',
  location: 'Jl. Merdeka No. 10, Kec. Cicendo, Kota Bandung',
  privacy: 'public',
  reporter: { name: 'Siti', phone: '+6281234567890' },
};
// Each test reports as another citizen. (Each app report is its own sender and a typed phone
// identifies nobody, so even the same phone would not join two reports.)
let report = baseReport;
let citizen = 0;
beforeEach(() => {
  citizen += 1;
  report = { ...baseReport, reporter: { name: 'Siti', phone: `+62812340${String(citizen).padStart(5, '0')}` } };
});

let keyCounter = 0;
const newKey = () => `test-key-${Date.now()}-${keyCounter++}`;

function post(body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${t.baseUrl}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function statusOf(trackingId: string, accessToken: string) {
  const res = await fetch(`${t.baseUrl}/api/v1/reports/${trackingId}`, { headers: { authorization: `Bearer ${accessToken}` } });
  return { res, body: (await res.json()) as Record<string, unknown> & { replies: { text: string; status: string }[]; history: unknown[] } };
}

describe('mobile API: POST /api/v1/reports', () => {
  it('answers with a valid tracking number and token, then shows the ticket and its acknowledgement', async () => {
    const res = await post(report, { 'idempotency-key': newKey() });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { trackingId: string; accessToken: string; status: string };
    expect(parseTrackingNumber(created.trackingId)).toBe(created.trackingId);
    expect(created.status).toBe('belum_terverifikasi');

    const { body } = await eventually(async () => {
      const s = await statusOf(created.trackingId, created.accessToken);
      return s.body.replies[0]?.status === 'delivered' ? s : null;
    });
    // A clear report with a known place is verified and forwarded to its agency by the machine.
    expect(body).toMatchObject({ trackingId: created.trackingId, status: 'diteruskan', processing: false });
    expect(body.history).toHaveLength(3);
    expect(body.replies).toHaveLength(1);
    expect(body.replies[0]?.text).toContain(created.trackingId);
    expect(body.replies[0]?.status).toBe('delivered');
  });

  it('returns the same report for a retry with the same key, and makes one ticket and one reply', async () => {
    const key = newKey();
    const first = (await (await post(report, { 'idempotency-key': key })).json()) as { trackingId: string; accessToken: string };
    const retries = await Promise.all([1, 2, 3].map(() => post(report, { 'idempotency-key': key })));
    for (const r of retries) {
      expect(r.status).toBe(201);
      expect(r.headers.get('idempotent-replayed')).toBe('true');
      expect(await r.json()).toMatchObject({ trackingId: first.trackingId, accessToken: first.accessToken });
    }
    const { body } = await eventually(async () => {
      const s = await statusOf(first.trackingId, first.accessToken);
      return s.body.replies.length > 0 ? s : null;
    });
    await new Promise((r) => setTimeout(r, 300));
    const again = await statusOf(first.trackingId, first.accessToken);
    expect(again.body.replies).toHaveLength(1);
    expect(body.history).toHaveLength(3);
  });

  it('refuses the same key with a different body (409) and stores nothing new', async () => {
    const key = newKey();
    expect((await post(report, { 'idempotency-key': key })).status).toBe(201);
    const before = await inboxTotal(t);
    const res = await post({ ...report, text: `${report.text} (ubah)` }, { 'idempotency-key': key });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: 'conflict' });
    expect(await inboxTotal(t)).toBe(before);
  });

  it.each([
    ['no Idempotency-Key', baseReport, {}, 428, 'precondition_required'],
    ['malformed JSON', '{"text": "jalan rusak"', { 'idempotency-key': 'k-malformed-1' }, 400, 'bad_request'],
    ['a short Idempotency-Key', baseReport, { 'idempotency-key': 'short' }, 400, 'bad_request'],
  ])('refuses a request with %s', async (_label, body, headers, status, error) => {
    const before = await inboxTotal(t);
    const res = await post(body, headers as Record<string, string>);
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ error });
    expect(await inboxTotal(t)).toBe(before);
  });

  it('names each field that breaks the schema (422) and stores nothing', async () => {
    const before = await inboxTotal(t);
    const res = await post(
      { text: '', reporter: { email: 'not-an-email' }, attachments: [{ url: 'file:///etc/passwd' }], extra: 1 },
      { 'idempotency-key': newKey() },
    );
    expect(res.status).toBe(422);
    const body = (await res.json()) as { fields: { path: string }[] };
    const paths = body.fields.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['text', 'reporter.email', 'attachments.0.url']));
    expect(paths.some((p) => p === '(body)' || p === 'extra')).toBe(true);
    expect(await inboxTotal(t)).toBe(before);
  });

  it('refuses bodies over 64 KB with 413, saying the limit', async () => {
    const res = await post({ text: 'x'.repeat(70_000) }, { 'idempotency-key': newKey() });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'payload_too_large', message: 'body larger than 64 KB' });
  });

  it('refuses a non-JSON body with 415', async () => {
    const res = await fetch(`${t.baseUrl}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'idempotency-key': newKey() },
      body: 'jalan rusak',
    });
    expect(res.status).toBe(415);
  });
});

describe('mobile API: GET /api/v1/reports/:trackingId', () => {
  it('needs the access token of that very report', async () => {
    const a = (await (await post(report, { 'idempotency-key': newKey() })).json()) as { trackingId: string; accessToken: string };
    const b = (await (await post(report, { 'idempotency-key': newKey() })).json()) as { trackingId: string; accessToken: string };
    expect((await statusOf(a.trackingId, b.accessToken)).res.status).toBe(401);
    const none = await fetch(`${t.baseUrl}/api/v1/reports/${a.trackingId}`);
    expect(none.status).toBe(401);
    expect((await statusOf(a.trackingId, a.accessToken)).res.status).toBe(200);
  });
});

describe('unknown routes', () => {
  it('answer 404 as JSON', async () => {
    const res = await fetch(`${t.baseUrl}/api/v1/nothing-here`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toMatchObject({ error: 'not_found' });
  });
});

describe('OpenAPI document', () => {
  it('describes the responses the API really sends', async () => {
    const doc = (await (await fetch(`${t.baseUrl}/api/v1/openapi.json`)).json()) as {
      openapi: string;
      components: { schemas: Record<string, object> };
    };
    expect(doc.openapi).toBe('3.1.0');
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    ajv.addSchema({ $id: 'doc', components: doc.components });
    const check = (name: string, value: unknown) => {
      const validate = ajv.getSchema(`doc#/components/schemas/${name}`);
      if (!validate) throw new Error(`no schema ${name}`);
      const ok = validate(value);
      if (!ok) throw new Error(`${name}: ${ajv.errorsText(validate.errors)}`);
    };
    check('ReportRequest', report);
    const createdRes = await post(report, { 'idempotency-key': newKey() });
    const created = (await createdRes.json()) as { trackingId: string; accessToken: string };
    check('ReportCreated', created);
    const status = await eventually(async () => {
      const s = await statusOf(created.trackingId, created.accessToken);
      return s.body.replies.length > 0 ? s.body : null;
    });
    check('ReportStatus', status);
    check('Error', await (await post(report)).json());

    const auth = { authorization: `Bearer ${TEST_API_TOKEN}` };
    check('TicketDetail', await (await fetch(`${t.baseUrl}/api/v1/tickets/${created.trackingId}`, { headers: auth })).json());
    check('TicketPage', await (await fetch(`${t.baseUrl}/api/v1/tickets?pageSize=5`, { headers: auth })).json());
  });
});

describe('logs', () => {
  it('never carry the reporter phone number or access tokens', () => {
    const all = t.logs.join('\n');
    expect(all).not.toContain('81234567890');
    expect(all).not.toContain(TEST_API_TOKEN);
  });
});
