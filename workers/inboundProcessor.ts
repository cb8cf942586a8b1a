import type { Logger } from '../src/log/logger';
import type { Metrics } from '../src/metrics/metrics';
import type { Parser, ParseResult } from '../src/parse/parser';
import type { ReplyService } from '../src/replies/replyService';
import type { Decision, InboxRecord } from '../src/store/types';
import { nextTurn } from '../src/system/eventLoopTurn';
import { fileReport, type ReportDeps } from './inbound/fileReport';
import type { Outcome } from './inbound/outcome';
import { answerStatusQuery } from './inbound/statusQuery';

export interface InboundDeps extends ReportDeps {
  parser: Parser;
  replies: ReplyService;
  log: Logger;
  metrics: Metrics;
}

/**
 * One stored message → one decision, one ticket at most, one reply at most. Each step is
 * idempotent (ticket unique on its source message, review item and reply unique on their ids), so
 * a retry after a crash at any point finishes the work without doing any of it twice.
 */
export async function processInbound(key: string, deps: InboundDeps): Promise<Decision | null> {
  const message = await deps.store.inbox.claim(key, deps.now());
  if (!message) {
    deps.log.warn({ key }, 'inbound job for a message that is not in the inbox; dropping the job');
    return null;
  }
  if (message.state === 'processed') return message.decision;

  const timer = deps.metrics.inboundSeconds.startTimer();
  // Parsing is synchronous and can use its whole budget: one parse per turn of the event loop, so
  // that however many jobs run at once, HTTP is answered between any two of them.
  await nextTurn();
  const parsed = deps.parser.parse(message);
  const outcome = await decide(message, parsed, deps);
  if (outcome.event) {
    await deps.replies.queue(
      {
        id: `ack:${key}`,
        event: outcome.event,
        channel: message.channel,
        recipient: message.sender,
        language: parsed.language,
        trackingId: outcome.ticketId,
        messageKey: key,
        receivedAt: message.receivedAt,
      },
      deps.now(),
    );
  }
  await deps.store.inbox.markProcessed(key, outcome.decision, outcome.ticketId, deps.now());
  timer();
  deps.metrics.decisions.inc({ channel: message.channel, kind: outcome.decision.kind });
  if (outcome.review) deps.metrics.reviewItems.inc({ reason: outcome.review });
  if (outcome.joinedCase) deps.metrics.cases.inc();
  return outcome.decision;
}

function decide(message: InboxRecord, parsed: ParseResult, deps: InboundDeps): Promise<Outcome> | Outcome {
  switch (parsed.intent) {
    case 'status_query':
      return answerStatusQuery(message, parsed, deps.store, deps.vault);
    case 'empty':
      return { decision: { kind: 'empty', reason: 'no readable text' }, ticketId: null, event: { kind: 'empty_message' } };
    case 'greeting':
      // Only a sure greeting goes unfiled: a fragment of an SMS that lost parts, or a text the model
      // barely calls a greeting, may be a complaint, and a person decides.
      if (parsed.needsReview || message.flags.length > 0) return fileReport(message, parsed, deps);
      return { decision: { kind: 'greeting', reasons: parsed.reasons }, ticketId: null, event: { kind: 'greeting' } };
    default:
      return fileReport(message, parsed, deps);
  }
}
