import type { CaseIds } from '../dedup/caseIds';
import { isSameReporter } from '../dedup/senderIdentities';
import type { ReplyEvent } from '../replies/templates';
import type { ReplyService } from '../replies/replyService';
import { ReviewConflictError, type ReviewItem, type Store, type Ticket, type TicketPatch } from '../store/types';
import { canTransition } from '../tickets/status';
import type { TicketStatusService } from '../tickets/statusChange';
import { TicketNotFoundError } from '../tickets/statusChange';
import { InvalidInputError } from './validation';

/** Who acts: recorded as the actor of status changes and audit entries. */
export interface Operator {
  id: string;
  email: string;
}

export function actorOf(op: Operator): string {
  return `operator:${op.email}`;
}

export const ARCHIVE_REASONS = ['spam', 'tidak_jelas', 'lainnya'] as const;
export type ArchiveReason = (typeof ARCHIVE_REASONS)[number];

// What the citizen reads (unless it is spam, which gets no reply), in the ticket's language.
const ARCHIVE_NOTES: Record<Exclude<ArchiveReason, 'lainnya'>, { id: string; en: string }> = {
  spam: { id: 'Diarsipkan: terindikasi spam.', en: 'Archived: suspected spam.' },
  tidak_jelas: {
    id: 'Laporan tidak dapat dipahami. Silakan kirim laporan baru: apa masalahnya, di mana, dan kapan terjadi.',
    en: 'We could not understand the report. Please send a new one: what the problem is, where and when it happened.',
  },
};

export type AttachKind = 'duplicate' | 'followup';

export interface VerifyEdits {
  title: string;
  category: string;
  location: string | null;
  regionCode: string | null;
  agency: string;
  /** Agency name for the note the citizen reads ("Diteruskan ke …"). */
  agencyName: string;
}

/** The review item is not open any more: someone else acted first. */
export class ReviewClosedError extends Error {
  constructor(readonly item: ReviewItem) {
    super(`review item ${item.id} was already handled by ${item.resolvedBy ?? 'someone'}`);
    this.name = 'ReviewClosedError';
  }
}

export class AttachTargetError extends InvalidInputError {
  constructor(message: string) {
    super(message);
    this.name = 'AttachTargetError';
  }
}

function snapshot(t: Ticket): Record<string, unknown> {
  return {
    status: t.status,
    title: t.title,
    category: t.category,
    location: t.location,
    regionCode: t.regionCode,
    agency: t.agency,
    caseId: t.caseId,
    duplicateOf: t.duplicateOf,
  };
}

/**
 * LAPOR!'s verification steps on a review item. Each one changes the ticket, resolves the item,
 * records before/after in the audit log and answers the citizen (through TicketStatusService or
 * ReplyService, idempotent on `console:<reviewId>:<action>` ids). Steps already done are skipped,
 * so repeating an action that failed half-way finishes it.
 */
export class ReviewActions {
  constructor(
    private readonly store: Store,
    private readonly statuses: TicketStatusService,
    private readonly replies: ReplyService,
    private readonly now: () => Date,
    private readonly caseIds: CaseIds,
  ) {}

  async verifikasi(item: ReviewItem, op: Operator, edits: VerifyEdits): Promise<Ticket> {
    return this.act(item, op, 'verifikasi', async (ticket) => {
      const patch: TicketPatch = {
        title: edits.title,
        category: edits.category,
        location: edits.location,
        regionCode: edits.regionCode,
        agency: edits.agency,
      };
      let current = (await this.store.tickets.update(ticket.trackingId, patch, this.now())) ?? ticket;
      const note = `Diteruskan ke ${edits.agencyName}.`;
      // One message to the citizen: the forwarding, not the intermediate verification.
      if (current.status === 'belum_terverifikasi' || current.status === 'tunda') {
        current = await this.statuses.change({ trackingId: current.trackingId, to: 'terverifikasi', actor: actorOf(op), note, notify: false }, this.now());
      }
      if (current.status === 'terverifikasi') {
        current = await this.statuses.change({ trackingId: current.trackingId, to: 'diteruskan', actor: actorOf(op), note }, this.now());
      }
      return current;
    });
  }

  tunda(item: ReviewItem, op: Operator, question: string): Promise<Ticket> {
    return this.act(item, op, 'tunda', (ticket) => this.moveTo(ticket, 'tunda', op, question, true));
  }

  bukanWewenang(item: ReviewItem, op: Operator, note: string): Promise<Ticket> {
    return this.act(item, op, 'bukan_wewenang', (ticket) => this.moveTo(ticket, 'bukan_wewenang', op, note, true));
  }

  arsipkan(item: ReviewItem, op: Operator, reason: ArchiveReason, note: string | null): Promise<Ticket> {
    return this.act(item, op, `arsipkan:${reason}`, (ticket) => {
      const text = reason === 'lainnya' ? note : `${ARCHIVE_NOTES[reason][ticket.language]}${note ? ` ${note}` : ''}`;
      // Answering suspected spam tells the sender the number is live and feeds more of it.
      return this.moveTo(ticket, 'diarsipkan', op, text, reason !== 'spam');
    });
  }

  /**
   * The report repeats (duplicate) or adds to (follow-up) ticket `target`: this ticket is archived
   * pointing at it, silently, and the citizen gets one reply. It names the target number only when
   * the channels vouch that both came from one citizen; when the only link is a phone or email typed
   * into a form, the sender may be a stranger who typed the victim's number, so the reply and the
   * note the sender can read name nothing but their own report.
   */
  attach(item: ReviewItem, op: Operator, target: string, kind: AttachKind): Promise<Ticket> {
    const action = kind === 'duplicate' ? 'attach_duplicate' : 'attach_followup';
    return this.act(item, op, action, async (ticket) => {
      const other = await this.requireTarget(ticket, target);
      // Checked before anything changes: a ticket already forwarded (the machine acted, as on an
      // advisory match of a typed phone) cannot be archived into another, only linked in a case.
      if (ticket.status !== 'diarsipkan' && !canTransition(ticket.status, 'diarsipkan')) {
        throw new AttachTargetError(`ticket ${ticket.trackingId} is ${ticket.status}: link it in a case instead`);
      }
      const sameReporter = isSameReporter(other.reporter, other.channel, ticket.reporter, ticket.channel);
      let current = (await this.store.tickets.update(ticket.trackingId, { duplicateOf: target }, this.now())) ?? ticket;
      if (current.status !== 'diarsipkan') {
        const named = kind === 'duplicate' ? `Duplikat dari ${target}` : `Tambahan untuk laporan ${target}`;
        const note = sameReporter ? named : 'Informasi dicatat oleh petugas';
        current = await this.statuses.change({ trackingId: current.trackingId, to: 'diarsipkan', actor: actorOf(op), note, notify: false }, this.now());
      }
      const event: ReplyEvent = !sameReporter
        ? { kind: 'report_noted', trackingId: current.trackingId }
        : kind === 'duplicate'
          ? { kind: 'duplicate_received', trackingId: target }
          : { kind: 'followup_received', trackingId: target };
      await this.replies.queue(
        {
          id: `console:${item.id}:${action}`,
          event,
          channel: current.channel,
          recipient: current.reporter,
          language: current.language,
          trackingId: current.trackingId,
          messageKey: item.messageKey,
        },
        this.now(),
      );
      return current;
    });
  }

  /**
   * Puts this ticket in the same case as `target` (many citizens, one problem; the tickets stay
   * separate). The item stays open: the ticket itself still needs verifying.
   */
  async linkCase(item: ReviewItem, op: Operator, target: string): Promise<Ticket> {
    const ticket = await this.ticketOf(item);
    const other = await this.requireTarget(ticket, target);
    const caseId = other.caseId ?? ticket.caseId ?? this.caseIds.for(other.trackingId);
    const at = this.now();
    if (other.caseId !== caseId) await this.store.tickets.update(other.trackingId, { caseId }, at);
    const updated = (await this.store.tickets.update(ticket.trackingId, { caseId }, at)) ?? ticket;
    await this.store.audit.record({
      actor: actorOf(op),
      action: 'review.link_case',
      target: `review:${item.id}`,
      before: { ticket: snapshot(ticket), other: { trackingId: other.trackingId, caseId: other.caseId } },
      after: { ticket: snapshot(updated), other: { trackingId: other.trackingId, caseId } },
      at,
    });
    return updated;
  }

  /** reply_impossible items: an operator has seen that a reply could not be delivered. */
  async markHandled(item: ReviewItem, op: Operator, note: string | null): Promise<ReviewItem> {
    this.requireOpen(item);
    const resolved = await this.resolve(item, op, 'handled');
    await this.store.audit.record({
      actor: actorOf(op),
      action: 'review.handled',
      target: `review:${item.id}`,
      before: { state: item.state },
      after: { state: resolved.state, resolution: resolved.resolution, note },
      at: this.now(),
    });
    return resolved;
  }

  private async act(item: ReviewItem, op: Operator, action: string, change: (ticket: Ticket) => Promise<Ticket>): Promise<Ticket> {
    this.requireOpen(item);
    const before = await this.ticketOf(item);
    const after = await change(before);
    const resolved = await this.resolve(item, op, action);
    await this.store.audit.record({
      actor: actorOf(op),
      action: `review.${action.split(':')[0] ?? action}`,
      target: `review:${item.id}`,
      before: { item: { state: item.state }, ticket: snapshot(before) },
      after: { item: { state: resolved.state, resolution: resolved.resolution }, ticket: snapshot(after) },
      at: this.now(),
    });
    return after;
  }

  private async moveTo(ticket: Ticket, to: 'tunda' | 'bukan_wewenang' | 'diarsipkan', op: Operator, note: string | null, notify: boolean): Promise<Ticket> {
    if (ticket.status === to) return ticket;
    return this.statuses.change({ trackingId: ticket.trackingId, to, actor: actorOf(op), note, notify }, this.now());
  }

  private requireOpen(item: ReviewItem): void {
    if (item.state !== 'open') throw new ReviewClosedError(item);
  }

  private async resolve(item: ReviewItem, op: Operator, resolution: string): Promise<ReviewItem> {
    try {
      return await this.store.review.resolve(item.id, resolution, actorOf(op), this.now());
    } catch (error) {
      if (!(error instanceof ReviewConflictError)) throw error;
      const current = await this.store.review.get(item.id);
      throw new ReviewClosedError(current ?? item);
    }
  }

  private async ticketOf(item: ReviewItem): Promise<Ticket> {
    const ticket = item.trackingId === null ? null : await this.store.tickets.get(item.trackingId);
    if (!ticket) throw new TicketNotFoundError(item.trackingId ?? '(none)');
    return ticket;
  }

  private async requireTarget(ticket: Ticket, target: string): Promise<Ticket> {
    if (target === ticket.trackingId) throw new AttachTargetError('a ticket cannot be attached to itself');
    const other = await this.store.tickets.get(target);
    if (!other) throw new AttachTargetError(`no ticket ${target}`);
    return other;
  }
}
