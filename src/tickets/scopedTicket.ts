import { canOpenTicket, type TicketScope } from '../console/access';
import type { StatusChange, Store, Ticket } from '../store/types';

/**
 * The ticket and its history when a reader with `scope` may open it, else null: "not yours" is
 * "not found". The ticket and its history are read together whether or not the ticket exists or is
 * in scope, so the time an answer takes tells neither (the console and the integration API alike).
 */
export async function scopedTicket(store: Store, scope: TicketScope, trackingId: string): Promise<{ ticket: Ticket; history: StatusChange[] } | null> {
  const [ticket, history] = await Promise.all([store.tickets.get(trackingId), store.tickets.history(trackingId)]);
  return ticket && canOpenTicket(scope, ticket, history) ? { ticket, history } : null;
}
