import { renderReply } from '../../src/replies/templates';
import type { Reply, Store } from '../../src/store/types';

/**
 * The text of a reply that will be read in public (under a comment or a mention). Our templates
 * carry only the tracking number and the status, except an operator's note on a status change:
 * that is written to the citizen and may repeat the complaint, so in public the change is told
 * without it (the note still reaches the citizen by DM when a conversation is open).
 */
export async function publicText(reply: Reply, store: Store, maxLength: number): Promise<string> {
  if (reply.event !== 'status_changed' || !reply.trackingId) return reply.text;
  const ticket = await store.tickets.get(reply.trackingId);
  if (!ticket) return reply.text;
  // The change this reply announces was recorded at the same instant as the reply.
  const history = await store.tickets.history(reply.trackingId);
  const change = history.find((h) => h.at.getTime() === reply.createdAt.getTime());
  return renderReply(
    { kind: 'status_changed', trackingId: ticket.trackingId, to: change?.to ?? ticket.status, note: null },
    reply.language,
    { maxLength },
  );
}
