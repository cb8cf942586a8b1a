import { Router } from 'express';
import type { Store } from '../store/types';
import { parseTrackingNumber } from '../tickets/trackingNumber';
import { HttpError } from './errors';
import { requireApiToken } from './apiTokens';
import { historyJson, replyJson, ticketSummaryJson } from './ticketJson';
import { TicketQuery } from './ticketSchemas';

/** Read access for agency systems: GET /api/v1/tickets and /api/v1/tickets/:trackingId. */
export function integrationApi(store: Store, apiTokens: string[]): Router {
  const router = Router();
  router.use('/api/v1/tickets', requireApiToken(apiTokens));

  router.get('/api/v1/tickets', async (req, res) => {
    const q = TicketQuery.parse(req.query);
    const { items, total } = await store.tickets.list(
      {
        status: q.status,
        category: q.category,
        channel: q.channel,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
        text: q.q,
      },
      (q.page - 1) * q.pageSize,
      q.pageSize,
    );
    res.json({ items: items.map(ticketSummaryJson), page: q.page, pageSize: q.pageSize, total });
  });

  router.get('/api/v1/tickets/:trackingId', async (req, res) => {
    const trackingId = parseTrackingNumber(req.params.trackingId);
    if (!trackingId) throw new HttpError(404, 'no ticket with this tracking number (check digit does not match)');
    const ticket = await store.tickets.get(trackingId);
    if (!ticket) throw new HttpError(404, 'no ticket with this tracking number');
    const [history, replies] = await Promise.all([store.tickets.history(trackingId), store.replies.listForTicket(trackingId)]);
    res.json({ ...ticketSummaryJson(ticket), history: history.map(historyJson), replies: replies.map(replyJson) });
  });

  return router;
}
