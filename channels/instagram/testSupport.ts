import { messageKey } from '../../src/message/inboundMessage';
import type { InboxRecord, Reply, Ticket } from '../../src/store/types';
import { needsReason, nextStatuses, type TicketStatus } from '../../src/tickets/status';
import { eventually, startTestGateway, type TestGateway } from '../../test/support/testGateway';
import { FakeGraphApi, type FakeSent } from './fakeGraphApi/fakeGraphApi';
import { postWebhook, WebhookFactory, type SignOptions, type WebhookBody } from './fakeGraphApi/webhooks';

export const ACCOUNT_ID = '17841400000000001';
export const APP_SECRET = 'ig-app-secret-0123456789abcdef';
export const VERIFY_TOKEN = 'verify-token-lapor1708';
export const ACCESS_TOKEN = 'IGAAfake-access-token-0123456789';

export interface InstagramHarness {
  t: TestGateway;
  graph: FakeGraphApi;
  hooks: WebhookFactory;
  post(body: WebhookBody | string, opts?: SignOptions): Promise<Response>;
  /** The stored message for an external id ("comment:…", "dm:…"), or null. */
  message(externalId: string): Promise<InboxRecord | null>;
  /** Waits until the message became a ticket and returns it. */
  ticketFor(externalId: string): Promise<Ticket>;
  /** Waits until the acknowledgement of a message is no longer queued and returns it. */
  ackFor(externalId: string): Promise<Reply>;
  /** Moves a ticket one step on (as an operator would), which notifies the citizen; returns the new status. */
  advance(trackingId: string, note: string | null): Promise<TicketStatus>;
  /** What the fake Graph API received for a target (comment, media or person). */
  sentTo(target: string): FakeSent[];
  stop(): Promise<void>;
}

/** A gateway with the Instagram channel on, talking to a fake Graph API on loopback. */
export async function startInstagramHarness(env: Record<string, string> = {}): Promise<InstagramHarness> {
  const graph = await new FakeGraphApi({ accountId: ACCOUNT_ID, accessToken: ACCESS_TOKEN }).start();
  const t = await startTestGateway({
    INSTAGRAM_APP_SECRET: APP_SECRET,
    INSTAGRAM_VERIFY_TOKEN: VERIFY_TOKEN,
    INSTAGRAM_ACCESS_TOKEN: ACCESS_TOKEN,
    INSTAGRAM_ACCOUNT_ID: ACCOUNT_ID,
    GRAPH_API_URL: graph.url,
    ...env,
  });
  const store = t.gateway.store;
  const message = (externalId: string) => store.inbox.get(messageKey('instagram', externalId));
  return {
    t,
    graph,
    hooks: new WebhookFactory(graph, ACCOUNT_ID),
    post: (body, opts) => postWebhook(t.baseUrl, APP_SECRET, body, opts),
    message,
    ticketFor: (externalId) =>
      eventually(async () => {
        const m = await message(externalId);
        return m?.ticketId ? store.tickets.get(m.ticketId) : null;
      }),
    ackFor: (externalId) =>
      eventually(async () => {
        const m = await message(externalId);
        const reply = m ? await store.replies.get(`ack:${m.key}`) : null;
        return reply && reply.status !== 'queued' ? reply : null;
      }),
    advance: async (trackingId, note) => {
      const ticket = await store.tickets.get(trackingId);
      const to = ticket ? nextStatuses(ticket.status).find((s) => !needsReason(s)) : undefined;
      if (!to) throw new Error(`ticket ${trackingId} cannot move on without a reason`);
      await t.gateway.statuses.change({ trackingId, to, actor: 'operator:test', note }, new Date());
      return to;
    },
    sentTo: (target) => graph.sent.filter((s) => s.target === target),
    stop: async () => {
      await t.stop();
      await graph.stop();
    },
  };
}
