import type { ReplyService } from '../replies/replyService';
import type { Store, Ticket } from '../store/types';
import { autoCloseAt, followUpDueAt } from './sla';
import { canTransition, needsReason, type TicketStatus } from './status';
import type { WorkingCalendar } from './workingCalendar';

export class InvalidTransitionError extends Error {
  constructor(from: TicketStatus, to: TicketStatus) {
    super(`a ticket cannot move from ${from} to ${to}`);
    this.name = 'InvalidTransitionError';
  }
}

export class ReasonRequiredError extends Error {
  constructor(to: TicketStatus) {
    super(`moving a ticket to ${to} needs a reason`);
    this.name = 'ReasonRequiredError';
  }
}

export class TicketNotFoundError extends Error {
  constructor(trackingId: string) {
    super(`no ticket ${trackingId}`);
    this.name = 'TicketNotFoundError';
  }
}

export interface StatusChangeInput {
  trackingId: string;
  to: TicketStatus;
  actor: string;
  note: string | null;
  /**
   * false when the citizen has just been told in another reply (intake auto-forwarding a ticket
   * it created in the same step): one SMS instead of three.
   */
  notify?: boolean;
}

/**
 * Every status change goes through here: the lifecycle is checked, the service-level clocks are
 * set, the change is recorded with who and when, and the citizen is told on their own channel.
 */
export class TicketStatusService {
  constructor(
    private readonly store: Store,
    private readonly replies: ReplyService,
    private readonly calendar: WorkingCalendar,
  ) {}

  async change(input: StatusChangeInput, now: Date): Promise<Ticket> {
    const current = await this.store.tickets.get(input.trackingId);
    if (!current) throw new TicketNotFoundError(input.trackingId);
    if (!canTransition(current.status, input.to)) throw new InvalidTransitionError(current.status, input.to);
    const note = input.note?.trim() || null;
    if (needsReason(input.to) && !note) throw new ReasonRequiredError(input.to);

    const ticket = await this.store.tickets.changeStatus({
      trackingId: input.trackingId,
      from: current.status,
      to: input.to,
      actor: input.actor,
      note,
      at: now,
      followUpDueAt: input.to === 'diteruskan' ? followUpDueAt(now, this.calendar) : current.followUpDueAt,
      // Selesai follows automatically when the reporter does not answer an agency's follow-up.
      autoCloseAt: input.to === 'ditindaklanjuti' ? autoCloseAt(now, this.calendar) : null,
    });
    if (input.notify === false) return ticket;
    await this.replies.queue(
      {
        id: `status:${ticket.trackingId}:${now.toISOString()}:${input.to}`,
        event: { kind: 'status_changed', trackingId: ticket.trackingId, to: input.to, note },
        channel: ticket.channel,
        recipient: ticket.reporter,
        language: ticket.language,
        trackingId: ticket.trackingId,
        messageKey: null,
      },
      now,
    );
    return ticket;
  }

  /** Closes tickets whose follow-up went unanswered for the service-level period. */
  async closeUnanswered(now: Date, limit = 200): Promise<number> {
    const { items } = await this.store.tickets.list({ status: 'ditindaklanjuti', autoCloseBefore: now }, 0, limit);
    for (const ticket of items) {
      await this.change(
        { trackingId: ticket.trackingId, to: 'selesai', actor: 'system:sla', note: 'Ditutup otomatis: tidak ada tanggapan pelapor dalam 10 hari kerja.' },
        now,
      );
    }
    return items.length;
  }
}
