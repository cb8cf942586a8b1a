import { reportPrivacy } from '../../src/message/privacyTags';
import type { ParseResult } from '../../src/parse/parser';
import type { ReporterVault } from '../../src/privacy/reporterVault';
import type { InboxRecord, NewTicket, Store } from '../../src/store/types';
import { followUpDueAt, verifyDueAt } from '../../src/tickets/sla';
import type { WorkingCalendar } from '../../src/tickets/workingCalendar';
import type { DedupDecision, DedupInput, Deduplicator } from './deduplicator';
import type { Outcome } from './outcome';
import { senderIdentities, verifiedIdentities } from '../../src/dedup/senderIdentities';
import { advisoryItemFor, advisoryItemId, reviewItemFor, reviewItemId } from './reviewItem';

export interface ReportDeps {
  store: Store;
  dedup: Deduplicator;
  calendar: WorkingCalendar;
  /**
   * Opens a rahasia sender only to match it (dedup's sender identities, CEK by the reporter); the
   * ticket and the replies keep the sealed form.
   */
  vault: ReporterVault;
  now: () => Date;
}

export const SYSTEM_ACTOR = 'system:intake';

const NEW: DedupDecision = { kind: 'new', trackingId: null, caseId: null, similarity: 0, reasons: [] };

/**
 * A report (complaint, aspiration, information request, follow-up, suspected spam): attached to
 * the citizen's ticket when it repeats or adds to it, otherwise a ticket of its own, forwarded to
 * the agency at once when the machine is sure and left for an operator when it is not.
 */
export function fileReport(message: InboxRecord, parsed: ParseResult, deps: ReportDeps): Promise<Outcome> {
  const senderIds = senderIdentities(message.channel, deps.vault.reveal(message.sender));
  // Locked on what the channel vouches for only: a number typed into a form must not let a stranger
  // hold up the real owner's messages.
  return deps.dedup.withSenderLock(verifiedIdentities(senderIds), () => fileLocked(message, parsed, senderIds, deps));
}

async function fileLocked(message: InboxRecord, parsed: ParseResult, senderIds: string[], deps: ReportDeps): Promise<Outcome> {
  const input: DedupInput = {
    messageKey: message.key,
    senderIds,
    channel: message.channel,
    text: message.text,
    normalizedText: parsed.normalizedText,
    intent: parsed.intent,
    category: parsed.category,
    regionCode: parsed.regionCode,
    receivedAt: message.receivedAt,
    attachmentCount: message.attachments.length,
  };
  // A retry after this message's ticket was made goes on with that ticket: by now the index knows
  // it and would call the message a duplicate of itself. A first attempt has nothing to find.
  const retry = message.attempts > 1;
  const own = retry ? await deps.store.tickets.get(message.trackingId) : null;
  const found = own ? NEW : await deps.dedup.check(input);
  const dedup = found.trackingId === message.trackingId ? NEW : found;
  const reasons = [...parsed.reasons, ...dedup.reasons, ...(dedup.advisory?.reasons ?? [])];
  // Suspected spam gets no answer until an operator has looked: replying feeds the sender. A
  // flooding sender is not answered either: each reply would be one more message to them.
  const silent = parsed.intent === 'spam' || message.flags.includes('flood');

  if ((dedup.kind === 'duplicate' || dedup.kind === 'followup') && dedup.trackingId) {
    const kind = dedup.kind;
    // A flood is mostly repeats: attached to the ticket all the same, but parked so an operator sees it.
    const flood = message.flags.includes('flood') ? reviewItemFor(message, parsed, dedup, dedup.trackingId, deps.now()) : null;
    const parked = flood ? await deps.store.review.create(flood) : null;
    return {
      decision: { kind, trackingId: dedup.trackingId, reasons, ...(flood ? { reviewIds: [flood.id] } : {}) },
      ticketId: dedup.trackingId,
      event: silent ? null : kind === 'duplicate' ? { kind: 'duplicate_received', trackingId: dedup.trackingId } : { kind: 'followup_received', trackingId: dedup.trackingId },
      ...(parked?.created ? { review: parked.item.reason } : {}),
    };
  }

  // The review item is stored before the ticket: a retry that finds the ticket finds the item too,
  // and never forwards a ticket a person was meant to look at.
  const earlier = retry ? await deps.store.review.get(reviewItemId(message.key)) : null;
  const review = earlier ?? (own ? null : reviewItemFor(message, parsed, dedup, message.trackingId, deps.now()));
  if (review && !earlier) await deps.store.review.create(review);
  // A match resting only on a typed phone or email: shown to operators, and the ticket goes on
  // exactly as it would with any other number (a stranger could have typed the victim's).
  const advised = retry && !review ? await deps.store.review.get(advisoryItemId(message.key)) : null;
  const advisory = advised ?? (own || review ? null : advisoryItemFor(message, parsed, dedup, message.trackingId, deps.now()));
  if (advisory && !advised) await deps.store.review.create(advisory);
  const opened = review ?? advisory;
  const caseId = dedup.kind === 'cluster' && dedup.trackingId ? await joinCase(dedup, deps) : null;
  const { ticket } = await deps.store.tickets.create({
    trackingId: message.trackingId,
    sourceKey: message.key,
    channel: message.channel,
    reporter: message.sender,
    title: parsed.title,
    text: message.text,
    category: parsed.category,
    location: parsed.locationText ?? message.fields?.location ?? null,
    occurredAt: message.fields?.occurredAt ?? null,
    privacy: reportPrivacy(message.fields?.privacy, message.text),
    language: parsed.language,
    status: 'belum_terverifikasi',
    createdAt: message.receivedAt,
    verifyDueAt: verifyDueAt(message.receivedAt, deps.calendar),
    actor: SYSTEM_ACTOR,
    agency: parsed.agency,
    regionCode: parsed.regionCode,
    caseId,
    duplicateOf: null,
    ...(review === null ? automaticSteps(parsed, deps) : {}),
  });
  await deps.dedup.remember({ ...input, trackingId: ticket.trackingId, caseId: ticket.caseId });

  return {
    decision: {
      kind: parsed.intent === 'spam' ? 'spam' : 'new_ticket',
      trackingId: ticket.trackingId,
      reason: review ? `review: ${review.reason}` : `forwarded to ${ticket.agency ?? '-'}`,
      reasons,
      ...(opened ? { reviewIds: [opened.id] } : {}),
    },
    ticketId: ticket.trackingId,
    event: silent ? null : { kind: 'ticket_created', trackingId: ticket.trackingId, status: ticket.status },
    ...(review && !earlier ? { review: review.reason } : {}),
    joinedCase: caseId !== null,
  };
}

/**
 * The case both tickets share. Dedup names it (the other ticket's case, or a new one derived from
 * that ticket, so concurrent workers agree); the other ticket gets it too when it had none.
 */
async function joinCase(dedup: DedupDecision, deps: ReportDeps): Promise<string> {
  const other = dedup.trackingId as string;
  const existing = await deps.store.tickets.get(other);
  if (existing?.caseId) return existing.caseId;
  const caseId = dedup.caseId ?? deps.dedup.caseIdFor(other);
  await deps.store.tickets.update(other, { caseId }, deps.now());
  await deps.dedup.attachCase(other, caseId);
  return caseId;
}

/**
 * What the machine does at once with a ticket nobody needs to review: spam it is sure of
 * (config/thresholds.json spam.discardAt) is archived without a reply, not deleted, so an operator
 * can still find it; a routed report is verified and forwarded to its agency. Both are written
 * with the ticket, so the history shows each step and a retry cannot do them twice.
 */
function automaticSteps(parsed: ParseResult, deps: ReportDeps): Pick<NewTicket, 'autoSteps' | 'followUpDueAt'> {
  if (parsed.intent === 'spam') {
    return { autoSteps: [{ to: 'diarsipkan', note: `Diarsipkan otomatis: spam (keyakinan ${parsed.intentConfidence.toFixed(2)})` }] };
  }
  if (parsed.agency === null) return {};
  const note = `Diverifikasi otomatis; diteruskan ke ${parsed.agency}`;
  return {
    autoSteps: [
      { to: 'terverifikasi', note },
      { to: 'diteruskan', note },
    ],
    followUpDueAt: followUpDueAt(deps.now(), deps.calendar),
  };
}
