import { Router } from 'express';
import { z } from 'zod';
import type { Queues } from '../queue/queues';
import type { InboxRecord, Store } from '../store/types';
import { requireApiToken } from './apiTokens';
import { HttpError } from './errors';

const InboxQuery = z.object({
  state: z.enum(['received', 'processed', 'failed']).default('failed'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** What an operator needs to see about a parked message; never the sender's address or the text. */
function inboxJson(r: InboxRecord) {
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
 * once the cause is fixed (GET /api/v1/inbox?state=failed, POST /api/v1/inbox/:key/retry).
 */
export function inboxApi(store: Store, queues: Queues, apiTokens: string[]): Router {
  const router = Router();
  router.use('/api/v1/inbox', requireApiToken(apiTokens));

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
