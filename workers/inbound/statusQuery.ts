import type { ParseResult } from '../../src/parse/parser';
import type { ReporterVault } from '../../src/privacy/reporterVault';
import type { InboxRecord, Store } from '../../src/store/types';
import type { Outcome } from './outcome';
import { isSameReporter } from '../../src/dedup/senderIdentities';

/**
 * "CEK <nomor>": the status goes only to the citizen who filed the report; anyone else gets the
 * answer for an unknown number and learns nothing about it, not even that it exists.
 */
export async function answerStatusQuery(message: InboxRecord, parsed: ParseResult, store: Store, vault: ReporterVault): Promise<Outcome> {
  const asked = parsed.trackingId;
  if (!asked) {
    if (parsed.invalidTrackingId) {
      return {
        decision: { kind: 'status_query', reason: 'tracking number with a wrong check digit' },
        ticketId: null,
        event: { kind: 'tracking_invalid', query: parsed.invalidTrackingId },
      };
    }
    return {
      decision: { kind: 'status_query', reason: 'no valid tracking number in the text' },
      ticketId: null,
      event: { kind: 'tracking_not_found', query: '' },
    };
  }
  const ticket = await store.tickets.get(asked);
  if (!ticket) {
    return { decision: { kind: 'status_query', reason: 'unknown tracking number' }, ticketId: null, event: { kind: 'tracking_not_found', query: asked } };
  }
  if (!isSameReporter(vault.reveal(ticket.reporter), ticket.channel, vault.reveal(message.sender), message.channel)) {
    // The same answer as for a number never issued, so asking tells nobody that the report exists.
    return { decision: { kind: 'status_query', reason: 'asked by someone other than the reporter' }, ticketId: null, event: { kind: 'tracking_not_found', query: asked } };
  }
  return {
    decision: { kind: 'status_query', trackingId: asked },
    // The answer is a reply to this message, not part of the ticket's own conversation.
    ticketId: null,
    event: { kind: 'status_answer', trackingId: asked, status: ticket.status, updatedAt: ticket.updatedAt },
  };
}
