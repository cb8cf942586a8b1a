import type { ParseResult } from '../../src/parse/parser';
import type { InboxRecord, NewReviewItem, ReviewReason } from '../../src/store/types';
import type { DedupDecision } from './deduplicator';

// When several reasons apply, the item is filed under the one an operator must see first:
// what the citizen sent is incomplete or abusive before what the machine could not classify.
const PRIORITY: readonly ReviewReason[] = [
  'incomplete_sms',
  'flood',
  'possible_duplicate',
  'possible_spam',
  'parse_budget',
  'unroutable',
  'unknown_location',
  'low_confidence',
];

export function reviewItemId(messageKey: string): string {
  return `review:${messageKey}`;
}

/** Its own id, so a retry that looks for the item holding a ticket back never mistakes an advisory for one. */
export function advisoryItemId(messageKey: string): string {
  return `advisory:${messageKey}`;
}

/**
 * One review item per message that needs a person, carrying every reason, so an operator settles
 * a message in one step. Null when the machine is sure.
 */
export function reviewItemFor(message: InboxRecord, parsed: ParseResult, dedup: DedupDecision, trackingId: string, now: Date): NewReviewItem | null {
  const reasons = new Set<ReviewReason>(parsed.needsReview ? parsed.reviewReasons : []);
  if (message.flags.includes('incomplete')) reasons.add('incomplete_sms');
  if (message.flags.includes('flood')) reasons.add('flood');
  if (dedup.kind === 'review') reasons.add('possible_duplicate');
  if (parsed.needsReview && reasons.size === 0) reasons.add('low_confidence');
  const primary = PRIORITY.find((r) => reasons.has(r));
  if (!primary) return null;
  const explained = [...parsed.reasons, ...dedup.reasons, ...(dedup.advisory?.reasons ?? [])];
  if (message.flags.includes('incomplete')) explained.unshift('SMS multipart: tidak semua bagian pesan diterima');
  // The advisory rides along for the operator but adds no reason: the item's reason is counted on
  // the public /metrics, and must be what it would be had any other number been typed.
  const advisory = dedup.kind !== 'review' && dedup.advisory ? dedup.advisory : null;
  return {
    id: reviewItemId(message.key),
    reason: primary,
    channel: message.channel,
    messageKey: message.key,
    trackingId,
    suggestion: {
      ...suggested(parsed, dedup),
      reasons: PRIORITY.filter((r) => reasons.has(r)),
      ...(advisory ? { duplicateOf: advisory.trackingId, similarity: advisory.similarity, advisory: true } : {}),
    },
    reasons: explained,
    createdAt: now,
  };
}

/**
 * An operator-only note for a report the machine handled as usual (forwarded, or filed) whose only
 * link to an earlier ticket is a phone or email typed into a form. It holds nothing back, is not
 * counted on /metrics, and the sender never hears of it. Null without such a link.
 */
export function advisoryItemFor(message: InboxRecord, parsed: ParseResult, dedup: DedupDecision, trackingId: string, now: Date): NewReviewItem | null {
  const advisory = dedup.advisory;
  if (!advisory) return null;
  return {
    id: advisoryItemId(message.key),
    reason: 'possible_duplicate',
    channel: message.channel,
    messageKey: message.key,
    trackingId,
    suggestion: { ...suggested(parsed, dedup), reasons: ['possible_duplicate'], duplicateOf: advisory.trackingId, similarity: advisory.similarity, advisory: true },
    reasons: [...dedup.reasons, ...advisory.reasons],
    createdAt: now,
  };
}

function suggested(parsed: ParseResult, dedup: DedupDecision): Record<string, unknown> {
  return {
    intent: parsed.intent,
    title: parsed.title,
    category: parsed.category,
    categoryConfidence: parsed.categoryConfidence,
    agency: parsed.agency,
    agencyConfidence: parsed.agencyConfidence,
    regionCode: parsed.regionCode,
    location: parsed.locationText,
    duplicateOf: dedup.kind === 'review' ? dedup.trackingId : null,
    similarity: dedup.kind === 'review' ? dedup.similarity : null,
  };
}
