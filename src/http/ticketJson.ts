import type { z } from 'zod';
import type { Reply, StatusChange, Ticket } from '../store/types';
import { STATUS_LABELS } from '../tickets/status';
import type { HistoryEntry, ReplyEntry, TicketSummary } from './ticketSchemas';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** `showReporter` comes from the access rules (canSeeReporter); without it the reporter is null. */
export function ticketSummaryJson(t: Ticket, showReporter: boolean): z.infer<typeof TicketSummary> {
  return {
    trackingId: t.trackingId,
    status: t.status,
    statusLabel: STATUS_LABELS[t.status],
    channel: t.channel,
    title: t.title,
    text: t.text,
    category: t.category,
    location: t.location,
    occurredAt: iso(t.occurredAt),
    privacy: t.privacy,
    reporter: !showReporter
      ? null
      : { name: t.reporter.name, phone: t.reporter.phone, email: t.reporter.email, handle: t.reporter.handle },
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    verifyDueAt: t.verifyDueAt.toISOString(),
    followUpDueAt: iso(t.followUpDueAt),
  };
}

export function historyJson(h: StatusChange): z.infer<typeof HistoryEntry> {
  return { from: h.from, to: h.to, actor: h.actor, note: h.note, at: h.at.toISOString() };
}

export function replyJson(r: Reply): z.infer<typeof ReplyEntry> {
  return { channel: r.channel, text: r.text, status: r.status, event: r.event, createdAt: r.createdAt.toISOString(), sentAt: iso(r.sentAt) };
}
