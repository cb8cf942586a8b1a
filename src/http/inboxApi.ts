import { Router } from 'express';
import { z } from 'zod';
import type { Queues } from '../queue/queues';
import type { InboxRecord, Store } from '../store/types';
import type { ApiTokenEntry } from '../../config/apiTokenEntries';
import { requireApiToken, requireNationalScope } from './apiTokens';
import { HttpError } from './errors';

const InboxQuery = z.object({
  state: z.enum(['received', 'processed', 'failed']).default('failed'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const InboxEntry = z.object({
  key: z.string(),
  channel: z.string(),
  state: z.enum(['received', 'processed', 'failed']),
  attempts: z.number().int(),
  error: z.string().nullable(),
  receivedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

/** The answer of GET /api/v1/inbox, described in the OpenAPI document. */
export const InboxPage = z.object({
  items: z.array(InboxEntry),
  counts: z.object({ received: z.number().int(), processed: z.number().int(), failed: z.number().int() }),
});

/** What an operator needs to see about a parked message; never the sender's address or the text. */
function inboxJson(r: InboxRecord): z.infer<typeof InboxEntry> {
  return {
    key: r.key,
    channel: r.channel,
    state: r.state,
    attempts: r.attempts,
    error: r.error,
    receivedAt: r.receivedAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/**
 * Messages that failed every attempt are parked, not dropped: listed here and retried on request
 * once the cause is fixed (GET /api/v1/inbox?state=failed, POST /api/v1/inbox/:key/retry). Only
 * the national office's token (scope `*`) may: a parked message belongs to no agency yet.
 */
export function inboxApi(store: Store, queues: Queues, apiTokens: readonly ApiTokenEntry[]): Router {
  const router = Router();
  router.use('/api/v1/inbox', requireApiToken(apiTokens), requireNationalScope);

  router.get('/api/v1/inbox', async (req, res) => {
    const q = InboxQuery.parse(req.query);
    const items = await store.inbox.listByState(q.state, new Date(), q.limit);
    res.json({ items: items.map(inboxJson), counts: await store.inbox.countByState() });
  });

  router.post('/api/v1/inbox/:key/retry', async (req, res) => {
    const record = await store.inbox.get(req.params.key);
    if (!record) throw new HttpError(404, 'no message with this key');
    if (record.state !== 'failed') throw new HttpError(409, `message is ${record.state}, only failed messages are retried`);
    await store.inbox.markReceived(record.key, new Date());
    await queues.requeueInbound(record.key);
    res.status(202).json({ key: record.key, state: 'received' });
  });
  return router;
}
