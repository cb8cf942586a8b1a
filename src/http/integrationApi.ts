import { Router } from 'express';
import type { ApiTokenEntry } from '../../config/apiTokenEntries';
import { canSeeReporter, historyFor, scopeFilter } from '../console/access';
import type { Store } from '../store/types';
import { scopedTicket } from '../tickets/scopedTicket';
import { parseTrackingNumber } from '../tickets/trackingNumber';
import { HttpError } from './errors';
import { apiClientOf, requireApiToken } from './apiTokens';
import { historyJson, replyJson, ticketSummaryJson } from './ticketJson';
import { TicketQuery } from './ticketSchemas';

const API_READER = { role: 'api' } as const;

/**
 * Read access for agency systems: GET /api/v1/tickets and /api/v1/tickets/:trackingId. A token
 * reads what a liaison of the agencies in its scope reads in the console (src/console/access.ts);
 * a ticket out of its reach answers exactly like a number no ticket has.
 */
export function integrationApi(store: Store, apiTokens: readonly ApiTokenEntry[]): Router {
  const router = Router();
  router.use('/api/v1/tickets', requireApiToken(apiTokens));

  router.get('/api/v1/tickets', async (req, res) => {
    const { scope } = apiClientOf(res);
    const q = TicketQuery.parse(req.query);
    const filter = scopeFilter(scope, {
      status: q.status,
      category: q.category,
      channel: q.channel,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      text: q.q,
    });
    const { items, total } = await store.tickets.list(filter, (q.page - 1) * q.pageSize, q.pageSize);
    res.json({ items: items.map((t) => ticketSummaryJson(t, canSeeReporter(API_READER, t))), page: q.page, pageSize: q.pageSize, total });
  });

  router.get('/api/v1/tickets/:trackingId', async (req, res) => {
    const { scope } = apiClientOf(res);
    const trackingId = parseTrackingNumber(req.params.trackingId);
    if (!trackingId) throw new HttpError(404, 'no ticket with this tracking number (check digit does not match)');
    const found = await scopedTicket(store, scope, trackingId);
    if (!found) throw new HttpError(404, 'no ticket with this tracking number');
    const { ticket, history } = found;
    const replies = await store.replies.listForTicket(trackingId);
    res.json({ ...ticketSummaryJson(ticket, canSeeReporter(API_READER, ticket)), history: historyFor(API_READER, history).map(historyJson), replies: replies.map(replyJson) });
  });

  return router;
}
