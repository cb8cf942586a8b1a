import type { Logger } from '../src/log/logger';
import type { Parser, ParseResult } from '../src/parse/parser';
import type { ReplyService } from '../src/replies/replyService';
import type { ReplyEvent } from '../src/replies/templates';
import type { Decision, InboxRecord, Store } from '../src/store/types';
import { verifyDueAt } from '../src/tickets/sla';
import type { WorkingCalendar } from '../src/tickets/workingCalendar';

export interface InboundDeps {
  store: Store;
  parser: Parser;
  replies: ReplyService;
  calendar: WorkingCalendar;
  log: Logger;
  now: () => Date;
}

export const SYSTEM_ACTOR = 'system:intake';

/**
 * One stored message → one decision, one ticket at most, one acknowledgement. Each step is
 * idempotent (ticket unique on its source message, reply unique on its id), so a retry after a
 * crash at any point finishes the work without doing any of it twice.
 */
export async function processInbound(key: string, deps: InboundDeps): Promise<Decision | null> {
  const message = await deps.store.inbox.get(key);
  if (!message) {
    deps.log.warn({ key }, 'inbound job for a message that is not in the inbox; dropping the job');
    return null;
  }
  if (message.state === 'processed') return message.decision;
  await deps.store.inbox.recordAttempt(key, deps.now());

  const parsed = deps.parser.parse(message);
  const { decision, ticketId, event } = await decide(message, parsed, deps);
  await deps.replies.queue(
    {
      id: `ack:${key}`,
      event,
      channel: message.channel,
      recipient: message.sender,
      language: parsed.language,
      trackingId: ticketId,
      messageKey: key,
    },
    deps.now(),
  );
  await deps.store.inbox.markProcessed(key, decision, ticketId, deps.now());
  return decision;
}

interface Outcome {
  decision: Decision;
  ticketId: string | null;
  event: ReplyEvent;
}

async function decide(message: InboxRecord, parsed: ParseResult, deps: InboundDeps): Promise<Outcome> {
  if (parsed.intent === 'status_query') return answerStatusQuery(parsed, deps);
  if (parsed.intent === 'empty') {
    return { decision: { kind: 'empty', reason: 'no readable text' }, ticketId: null, event: { kind: 'empty_message' } };
  }
  const { ticket } = await deps.store.tickets.create({
    trackingId: message.trackingId,
    sourceKey: message.key,
    channel: message.channel,
    reporter: message.sender,
    title: parsed.title,
    text: message.text,
    category: parsed.category,
    location: parsed.location,
    occurredAt: message.fields?.occurredAt ?? null,
    privacy: message.fields?.privacy ?? 'public',
    language: parsed.language,
    status: 'belum_terverifikasi',
    createdAt: message.receivedAt,
    verifyDueAt: verifyDueAt(message.receivedAt, deps.calendar),
    actor: SYSTEM_ACTOR,
  });
  return {
    decision: { kind: 'new_ticket', trackingId: ticket.trackingId, reason: `category ${parsed.category} (confidence ${parsed.confidence.toFixed(2)})` },
    ticketId: ticket.trackingId,
    event: { kind: 'ticket_created', trackingId: ticket.trackingId },
  };
}

async function answerStatusQuery(parsed: ParseResult, deps: InboundDeps): Promise<Outcome> {
  const asked = parsed.trackingId;
  const ticket = asked ? await deps.store.tickets.get(asked) : null;
  if (!asked || !ticket) {
    return {
      decision: { kind: 'status_query', reason: asked ? 'unknown tracking number' : 'no valid tracking number in the text' },
      ticketId: null,
      event: { kind: 'tracking_not_found', query: asked ?? '' },
    };
  }
  return {
    decision: { kind: 'status_query', trackingId: asked },
    // The answer is not part of the asked ticket's conversation: the asker may not be its reporter.
    ticketId: null,
    event: { kind: 'status_answer', trackingId: asked, status: ticket.status, updatedAt: ticket.updatedAt },
  };
}
