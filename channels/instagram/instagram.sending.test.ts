import { eventually } from '../../test/support/testGateway';
import { startInstagramHarness, type InstagramHarness } from './testSupport';

let h: InstagramHarness;
beforeAll(async () => {
  h = await startInstagramHarness();
});
afterAll(async () => {
  await h.stop();
});

async function instagramHealth(): Promise<{ token: string; since: string | null }> {
  const body = (await (await fetch(`${h.t.baseUrl}/readyz`)).json()) as { channels: { instagram: { token: string; since: string | null } } };
  return body.channels.instagram;
}

describe('sending replies when the Graph API fails', () => {
  it('retries a 5xx until the reply is sent once', async () => {
    const { body, commentId } = h.hooks.comment({ id: '7770000000000001', username: 'warga_5xx' }, 'Got tersumbat di Jl. Dago bawah.');
    h.graph.failNext('server_error', new RegExp(`^/${commentId}/replies$`), 2);
    expect((await h.post(body)).status).toBe(200);
    const ack = await h.ackFor(`comment:${commentId}`);
    expect(ack.status).toBe('sent');
    expect(h.sentTo(commentId)).toHaveLength(1);
    expect(h.graph.requests.filter((r) => r.path === `/${commentId}/replies`)).toHaveLength(3);
  });

  it('marks the channel unhealthy on an expired token and keeps the reply queued instead of failing it', async () => {
    expect((await instagramHealth()).token).toBe('ok');
    const { body, commentId } = h.hooks.comment({ id: '7770000000000002', username: 'warga_190' }, 'Taman kota di Dago kotor tak terurus.');
    h.graph.failNext('token_expired', new RegExp(`^/${commentId}/replies$`));
    expect((await h.post(body)).status).toBe(200);
    const health = await eventually(async () => {
      const s = await instagramHealth();
      return s.token === 'expired' ? s : null;
    });
    expect(health.since).not.toBeNull();
    const message = await h.message(`comment:${commentId}`);
    const reply = await h.t.gateway.store.replies.get(`ack:${message?.key}`);
    expect(reply?.status).toBe('queued');
    expect(h.sentTo(commentId)).toEqual([]);
  });

  it('holds every reply while Meta asks us to wait after a rate limit (code 4)', async () => {
    const first = h.hooks.comment({ id: '7770000000000003', username: 'warga_rl1' }, 'Jalan Dipatiukur berlubang.');
    h.graph.failNext('rate_limit', new RegExp(`^/${first.commentId}/replies$`));
    expect((await h.post(first.body)).status).toBe(200);
    await eventually(async () => h.graph.requests.some((r) => r.path === `/${first.commentId}/replies`));
    const second = h.hooks.comment({ id: '7770000000000004', username: 'warga_rl2' }, 'Parkir liar di Dipatiukur.');
    expect((await h.post(second.body)).status).toBe(200);
    await h.ticketFor(`comment:${second.commentId}`);
    await new Promise((r) => setTimeout(r, 500));
    // The second reply waits without calling the API; neither is failed.
    expect(h.graph.requests.some((r) => r.path === `/${second.commentId}/replies`)).toBe(false);
    for (const c of [first, second]) {
      const m = await h.message(`comment:${c.commentId}`);
      expect((await h.t.gateway.store.replies.get(`ack:${m?.key}`))?.status).toBe('queued');
    }
  });
});
