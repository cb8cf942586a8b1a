import { messageKey, type ReportFields } from '../../src/message/inboundMessage';
import { inboundJobId } from '../../src/queue/queues';
import { startRedisServer } from '../../src/redis/redisServer';
import { postAppReport } from '../support/appReports';
import { generateTrackingNumber } from '../../src/tickets/trackingNumber';
import { eventually, inboxTotal, startTestGateway, TEST_API_TOKEN, type TestGateway } from '../support/testGateway';

const auth = { authorization: `Bearer ${TEST_API_TOKEN}` };

/** A message as a channel hands it to intake; fields present means a structured (form/app) report. */
function submit(t: TestGateway, m: { channel: string; externalId: string; text: string; fields?: ReportFields; sender?: { id: string } }) {
  return t.gateway.ctx.intake.accept({ sender: { id: `${m.channel}:${m.externalId}` }, receivedAt: new Date(), raw: {}, ...m });
}

describe('pipeline: store, queue, ticket, reply', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ JOB_ATTEMPTS: '2', RECOVERY_GRACE_SECONDS: '1', RECOVERY_INTERVAL_SECONDS: '3600' });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('recovers a message stored by a process that died before enqueuing it', async () => {
    const store = t.gateway.store;
    const key = messageKey('mobile', 'crashed-before-enqueue');
    const trackingId = generateTrackingNumber();
    // Exactly what accept() does before it enqueues: the job never reaches Redis.
    await store.inbox.insert({
      key,
      channel: 'mobile',
      externalId: 'crashed-before-enqueue',
      sender: { id: 'app:crash' },
      text: 'Lampu penerangan jalan di Jl. Sudirman mati semua sejak seminggu.',
      attachments: [],
      flags: [],
      fields: { privacy: 'public' },
      receivedAt: new Date(),
      raw: {},
      fingerprint: 'f',
      trackingId,
    });
    await new Promise((r) => setTimeout(r, 1100));
    await t.gateway.maintenance?.runOnce();
    const ticket = await eventually(() => store.tickets.get(trackingId));
    expect(ticket.status).toBe('belum_terverifikasi');
    const replies = await eventually(async () => {
      const r = await store.replies.listForTicket(trackingId);
      return r.length > 0 && r.every((x) => x.status === 'delivered') ? r : null;
    });
    expect(replies).toHaveLength(1);
  });

  it('parks a message that fails every attempt as failed, visible and retryable', async () => {
    // A message for a channel that is not enabled here: its reply cannot be queued, so processing fails.
    const accepted = await submit(t, { channel: 'pager', externalId: 'pager-1', text: 'Sampah menumpuk di pasar sejak tiga hari.' });
    const parked = await eventually(async () => {
      const r = await t.gateway.store.inbox.get(accepted.key);
      return r?.state === 'failed' ? r : null;
    });
    expect(parked.attempts).toBe(2);
    expect(parked.error).toMatch(/pager/);

    const list = await fetch(`${t.baseUrl}/api/v1/inbox?state=failed`, { headers: auth });
    expect(list.status).toBe(200);
    const body = (await list.json()) as { items: { key: string; error: string }[]; counts: { failed: number } };
    expect(body.items.map((i) => i.key)).toContain(accepted.key);
    expect(JSON.stringify(body)).not.toContain('pager:pager-1');

    const retry = await fetch(`${t.baseUrl}/api/v1/inbox/${accepted.key}/retry`, { method: 'POST', headers: auth });
    expect(retry.status).toBe(202);
    await eventually(async () => (await t.gateway.store.inbox.get(accepted.key))?.state === 'failed');
    expect((await t.gateway.store.inbox.get(accepted.key))?.attempts).toBe(4);
  });

  it('drops a job whose message is not in the inbox instead of retrying it', async () => {
    const key = messageKey('mobile', 'never-stored');
    await t.gateway.queues.enqueueInbound(key);
    const state = await eventually(async () => {
      const s = await (await t.gateway.queues.inbound.getJob(inboundJobId(key)))?.getState();
      return s === 'completed' || s === 'failed' ? s : null;
    });
    expect(state).toBe('completed');
  });

  it('answers a status query with the ticket status, without making a ticket', async () => {
    const store = t.gateway.store;
    const citizen = { id: 'app:griya-asri' };
    const made = await submit(t, { channel: 'mobile', externalId: 'status-target', sender: citizen, text: 'Air PDAM tidak mengalir tiga hari di Perumahan Griya Asri.', fields: { privacy: 'rahasia' } });
    await eventually(() => store.tickets.get(made.trackingId));
    const query = await submit(t, { channel: 'mobile', externalId: 'status-question', sender: citizen, text: `CEK ${made.trackingId}` });
    const processed = await eventually(async () => {
      const r = await store.inbox.get(query.key);
      return r?.state === 'processed' ? r : null;
    });
    expect(processed.decision).toMatchObject({ kind: 'status_query', trackingId: made.trackingId });
    expect(await store.tickets.get(query.trackingId)).toBeNull();
    const answer = await eventually(async () => (await store.replies.get(`ack:${query.key}`)) ?? null);
    expect(answer.text).toContain(made.trackingId);
    expect(answer.text).not.toContain('PDAM');
  });

  it('integration API needs a token and filters tickets', async () => {
    expect((await fetch(`${t.baseUrl}/api/v1/tickets`)).status).toBe(401);
    expect((await fetch(`${t.baseUrl}/api/v1/tickets`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    const page = (await (await fetch(`${t.baseUrl}/api/v1/tickets?channel=mobile&pageSize=1`, { headers: auth })).json()) as {
      items: { channel: string; privacy: string; reporter: unknown }[];
      total: number;
    };
    expect(page.items).toHaveLength(1);
    expect(page.total).toBeGreaterThanOrEqual(2);
    const bad = await fetch(`${t.baseUrl}/api/v1/tickets?status=open`, { headers: auth });
    expect(bad.status).toBe(422);
    const all = (await (await fetch(`${t.baseUrl}/api/v1/tickets?pageSize=100`, { headers: auth })).json()) as typeof page;
    for (const item of all.items) if (item.privacy !== 'public') expect(item.reporter).toBeNull();
  });

  it('notifies the citizen when a ticket changes status, and keeps the history', async () => {
    const store = t.gateway.store;
    const made = await submit(t, { channel: 'mobile', externalId: 'lifecycle-1', text: 'Jembatan gantung di Desa Sukamaju putus, anak-anak tidak bisa sekolah.', fields: {} });
    // The acknowledgement first, so the conversation below is in the order the citizen lived it.
    await eventually(() => store.replies.get(`ack:${made.key}`));
    expect((await store.tickets.get(made.trackingId))?.status).toBe('belum_terverifikasi');
    await t.gateway.statuses.change({ trackingId: made.trackingId, to: 'terverifikasi', actor: 'operator:ani', note: null }, new Date());
    await t.gateway.statuses.change({ trackingId: made.trackingId, to: 'diteruskan', actor: 'operator:ani', note: 'Dinas PUPR' }, new Date());
    await expect(
      t.gateway.statuses.change({ trackingId: made.trackingId, to: 'belum_terverifikasi', actor: 'operator:ani', note: null }, new Date()),
    ).rejects.toThrow(/cannot move/);
    const history = await store.tickets.history(made.trackingId);
    expect(history.map((h) => h.to)).toEqual(['belum_terverifikasi', 'terverifikasi', 'diteruskan']);
    expect(history[2]).toMatchObject({ actor: 'operator:ani', note: 'Dinas PUPR' });
    expect((await store.tickets.get(made.trackingId))?.followUpDueAt).toBeInstanceOf(Date);
    const replies = await eventually(async () => {
      const r = await store.replies.listForTicket(made.trackingId);
      return r.length === 3 && r.every((x) => x.status === 'delivered') ? r : null;
    });
    expect(replies.map((r) => r.event)).toEqual(['ticket_created', 'status_changed', 'status_changed']);
  });
});

describe('pipeline: language and service-level closing', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(async () => {
    await t.stop();
  });

  it('answers a report written in English in English, and one in Indonesian in Indonesian', async () => {
    const en = await submit(t, { channel: 'mobile', externalId: 'english-1', text: 'The street light on my road is broken and the road is dark at night since last week.', fields: {} });
    const id = await submit(t, { channel: 'mobile', externalId: 'indonesian-1', text: 'Lampu jalan di depan rumah saya mati sejak minggu lalu dan jalan gelap.', fields: {} });
    const enReply = await eventually(async () => (await t.gateway.store.replies.get(`ack:${en.key}`)) ?? null);
    const idReply = await eventually(async () => (await t.gateway.store.replies.get(`ack:${id.key}`)) ?? null);
    expect(enReply.language).toBe('en');
    expect(idReply.language).toBe('id');
    expect(enReply.text).not.toBe(idReply.text.replace(id.trackingId, en.trackingId));
  });

  it('closes a ticket as Selesai when the reporter leaves a follow-up unanswered for 10 working days', async () => {
    const made = await submit(t, { channel: 'web', externalId: 'sla-close-1', text: 'Saluran air di Jl. Kenanga tersumbat dan meluap setiap hujan deras.', fields: {} });
    await eventually(() => t.gateway.store.tickets.get(made.trackingId));
    const start = new Date('2026-11-02T03:00:00Z');
    const actor = 'operator:budi';
    await t.gateway.statuses.change({ trackingId: made.trackingId, to: 'terverifikasi', actor, note: null }, start);
    await t.gateway.statuses.change({ trackingId: made.trackingId, to: 'diteruskan', actor, note: null }, start);
    await t.gateway.statuses.change({ trackingId: made.trackingId, to: 'ditindaklanjuti', actor: 'agency:pupr', note: 'Sudah dibersihkan' }, start);
    expect(await t.gateway.statuses.closeUnanswered(new Date('2026-11-13T03:00:00Z'))).toBe(0);
    expect(await t.gateway.statuses.closeUnanswered(new Date('2026-11-17T03:00:00Z'))).toBe(1);
    const closed = await t.gateway.store.tickets.get(made.trackingId);
    expect(closed?.status).toBe('selesai');
    const history = await t.gateway.store.tickets.history(made.trackingId);
    expect(history.at(-1)).toMatchObject({ to: 'selesai', actor: 'system:sla' });
  });
});

describe('pipeline: store down', () => {
  it('answers 503 and acknowledges nothing', async () => {
    const t = await startTestGateway();
    try {
      await t.gateway.store.close();
      const res = await postAppReport(t.baseUrl, 'store-down-0001', 'Jalan rusak parah di Jl. Diponegoro.');
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ error: 'unavailable' });
      const ready = await fetch(`${t.baseUrl}/readyz`);
      expect(ready.status).toBe(503);
    } finally {
      await t.stop().catch(() => undefined);
    }
  });
});

describe('pipeline: Redis down', () => {
  it('answers 503, stores nothing, and recovers by itself when Redis returns', async () => {
    const t = await startTestGateway();
    try {
      const port = t.redis.port;
      await t.redis.stop();
      await eventually(async () => !t.gateway.queues.ready);
      const res = await postAppReport(t.baseUrl, 'redis-down-0001', 'Jalan rusak parah di Jl. Ahmad Yani.');
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBeTruthy();
      expect(await inboxTotal(t)).toBe(0);

      const again = await startRedisServer({ dir: `${t.dataDir}/redis`, port });
      t.redis.stop = again.stop;
      await eventually(async () => t.gateway.queues.ready);
      const ok = await postAppReport(t.baseUrl, 'redis-down-0001', 'Jalan rusak parah di Jl. Ahmad Yani.');
      expect(ok.status).toBe(201);
      const { trackingId } = (await ok.json()) as { trackingId: string };
      await eventually(() => t.gateway.store.tickets.get(trackingId));
    } finally {
      await t.stop();
    }
  });
});
