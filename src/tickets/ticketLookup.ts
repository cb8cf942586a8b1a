import type { Privacy } from '../message/inboundMessage';
import type { Store, Ticket } from '../store/types';
import type { TicketStatus } from './status';
import { parseTrackingNumber } from './trackingNumber';

export interface TicketView {
  trackingId: string;
  status: TicketStatus;
  /** Received and stored, but the pipeline has not made it a ticket yet. */
  processing: boolean;
  privacy: Privacy;
  receivedAt: Date;
  updatedAt: Date;
  history: { status: TicketStatus; at: Date; note: string | null }[];
  replies: { text: string; at: Date; status: string }[];
  /** Present only once the ticket exists. */
  ticket: Ticket | null;
  /** The message was taken into another ticket: the view shows only that, never the other ticket. */
  attached: boolean;
}

/** What a reporter may see about their report, by tracking number: the status pages and the app API. */
export class TicketLookup {
  constructor(private readonly store: Store) {}

  async find(input: string): Promise<TicketView | null> {
    const trackingId = parseTrackingNumber(input);
    if (!trackingId) return null;
    return this.view(trackingId);
  }

  private async view(trackingId: string): Promise<TicketView | null> {
    const ticket = await this.store.tickets.get(trackingId);
    if (ticket) {
      const [history, replies] = await Promise.all([
        this.store.tickets.history(trackingId),
        this.store.replies.listForTicket(trackingId),
      ]);
      return {
        trackingId,
        status: ticket.status,
        processing: false,
        privacy: ticket.privacy,
        receivedAt: ticket.createdAt,
        updatedAt: ticket.updatedAt,
        history: history.map((h) => ({ status: h.to, at: h.at, note: h.note })),
        replies: replies.map((r) => ({ text: r.text, at: r.sentAt ?? r.createdAt, status: r.status })),
        ticket,
        attached: false,
      };
    }
    const pending = await this.store.inbox.getByTrackingId(trackingId);
    if (!pending) return null;
    // Still being processed, or taken into another ticket (a resend, a follow-up): either way the
    // view holds only this message's own dates, never another ticket's, since whoever holds this
    // number (or its token) may not be that ticket's reporter.
    const own = {
      trackingId,
      privacy: pending.fields?.privacy ?? 'anonim',
      receivedAt: pending.receivedAt,
      updatedAt: pending.updatedAt,
      history: [],
      replies: [],
      ticket: null,
    };
    if (pending.state !== 'processed') return { ...own, status: 'belum_terverifikasi', processing: true, attached: false };
    // A message that was no report at all (a status query) leads nowhere.
    if (pending.ticketId === null || pending.ticketId === trackingId) return null;
    return { ...own, status: 'diarsipkan', processing: false, attached: true };
  }
}
