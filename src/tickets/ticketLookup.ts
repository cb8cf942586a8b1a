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
}

/** What a reporter may see about their report, by tracking number: the status pages and the app API. */
export class TicketLookup {
  constructor(private readonly store: Store) {}

  async find(input: string): Promise<TicketView | null> {
    const trackingId = parseTrackingNumber(input);
    if (!trackingId) return null;
    return this.view(trackingId, true);
  }

  private async view(trackingId: string, followAttachment: boolean): Promise<TicketView | null> {
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
      };
    }
    const pending = await this.store.inbox.getByTrackingId(trackingId);
    if (!pending) return null;
    if (pending.state === 'processed') {
      // The citizen was given this number at once, but their message turned out to repeat or add
      // to a report of theirs: the number leads to that report. A number whose message was no
      // report at all (a status query, an empty message) leads nowhere.
      const attachedTo = pending.ticketId;
      return followAttachment && attachedTo !== null && attachedTo !== trackingId ? this.view(attachedTo, false) : null;
    }
    return {
      trackingId,
      status: 'belum_terverifikasi',
      processing: true,
      privacy: pending.fields?.privacy ?? 'public',
      receivedAt: pending.receivedAt,
      updatedAt: pending.updatedAt,
      history: [],
      replies: [],
      ticket: null,
    };
  }
}
