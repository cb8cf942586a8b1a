import { hmacSha256 } from '../../src/http/webhookSignature';
import { startRedisServer } from '../../src/redis/redisServer';
import { eventually, inboxTotal } from '../../test/support/testGateway';
import { batch, fixture } from './fakeGraphApi/webhooks';
import { APP_SECRET, startInstagramHarness, type InstagramHarness } from './testSupport';

let h: InstagramHarness;
beforeAll(async () => {
  h = await startInstagramHarness();
});
afterAll(async () => {
  await h.stop();
});

const citizen = { id: '2323232323232399', username: 'warga_sukajadi' };

describe('POST /webhooks/instagram refuses what it cannot trust or read, and stores nothing', () => {
  it.each([
    ['no signature', null],
    ['a signature made with another secret', 'sha256=0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0'],
    ['a signature without the sha256= prefix', 'abcdef'],
  ])('answers 401 to %s', async (_label, signature) => {
    const before = await inboxTotal(h.t);
    const { body, commentId } = h.hooks.comment(citizen, 'Sampah menumpuk di depan Pasar Sukajadi sejak Sabtu.');
    const res = await h.post(body, { signature });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'unauthorized' });
    expect(await inboxTotal(h.t)).toBe(before);
    expect(await h.message(`comment:${commentId}`)).toBeNull();
  });

  it('answers 401 when the body was changed after signing', async () => {
    const { body } = h.hooks.comment(citizen, 'Trotoar rusak di Jl. Sukajadi.');
    const signedFor = JSON.stringify(body);
    const res = await h.post(signedFor.replace('Trotoar', 'Jembatan'), { signature: `sha256=${hmacSha256(APP_SECRET, signedFor, 'hex')}` });
    expect(res.status).toBe(401);
  });

  it('answers 400 to a signed body that is not JSON', async () => {
    const before = await inboxTotal(h.t);
    const res = await h.post('{"object":"instagram","entry":[{"id":"1"');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'bad_request', message: 'malformed JSON body' });
    expect(await inboxTotal(h.t)).toBe(before);
  });

  it('answers 400 to a signed body for another object', async () => {
    const res = await h.post({ ...fixture('comment-changes'), object: 'page' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'bad_request', fields: [{ path: 'object' }] });
  });
});

describe('redeliveries and batches', () => {
  it('makes one ticket of a batch that holds the same comment twice, and none when Meta redelivers it', async () => {
    const { body, commentId } = h.hooks.comment(citizen, 'Pohon tumbang menutup Jl. Sukajadi dekat Pasar, belum dibersihkan.');
    const twice = batch(body, JSON.parse(JSON.stringify(body)));
    const first = await h.post(twice);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ received: 2, stored: 1, redelivered: 0 });
    const ticket = await h.ticketFor(`comment:${commentId}`);
    await h.ackFor(`comment:${commentId}`);

    const before = await inboxTotal(h.t);
    const again = await h.post(twice);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ stored: 0, redelivered: 1 });
    expect(await inboxTotal(h.t)).toBe(before);
    await new Promise((r) => setTimeout(r, 300));
    const tickets = await h.t.gateway.store.tickets.list({ reporter: citizen.id }, 0, 50);
    expect(tickets.items.filter((t) => t.trackingId === ticket.trackingId)).toHaveLength(1);
    expect(h.sentTo(commentId)).toHaveLength(1);
  });

  it('stores every message of a mixed batch before answering 200', async () => {
    const a = h.hooks.comment({ id: '2323232323232401', username: 'a_warga' }, 'Drainase mampet di Jl. Setiabudi, banjir tiap hujan.');
    const b = h.hooks.flatComment({ id: '2323232323232402', username: 'b_warga' }, 'Angkot ngetem sembarangan di Jl. Setiabudi bikin macet.');
    const c = h.hooks.dm('1234567890123401', 'Pelayanan KTP di Kecamatan Sukasari lambat sekali.');
    const res = await h.post(batch(a.body, b.body, c.body));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ received: 3, stored: 3 });
    // Acknowledged means stored: every message is in the inbox the moment the 200 arrives.
    for (const id of [`comment:${a.commentId}`, `comment:${b.commentId}`, `dm:${c.mid}`]) expect(await h.message(id)).not.toBeNull();
  });

  it('skips echoes of our own DMs, deleted messages, reads and reactions', async () => {
    const before = await inboxTotal(h.t);
    const res = await h.post(batch(fixture('dm-echo'), fixture('dm-deleted'), fixture('dm-read-and-reaction')));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ received: 0, stored: 0, skipped: 4 });
    expect(await inboxTotal(h.t)).toBe(before);
  });
});

describe('when intake cannot store', () => {
  it('answers 503 so Meta retries, stores nothing, and takes the redelivery once Redis is back', async () => {
    const port = h.t.redis.port;
    await h.t.redis.stop();
    await eventually(async () => !h.t.gateway.queues.ready);
    const { body, commentId } = h.hooks.comment(citizen, 'Lampu lalu lintas perempatan Sukajadi mati.');
    const res = await h.post(body);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).not.toBeNull();
    expect(await h.message(`comment:${commentId}`)).toBeNull();

    const again = await startRedisServer({ dir: `${h.t.dataDir}/redis`, port });
    h.t.redis.stop = again.stop;
    await eventually(async () => h.t.gateway.queues.ready);
    expect((await h.post(body)).status).toBe(200);
    await h.ticketFor(`comment:${commentId}`);
  });
});
