import type { Attachment, Privacy, ReportFields, Sender } from '../message/inboundMessage';
import type { TicketStatus } from '../tickets/status';

/** What the inbound worker decided about a message; kept on the inbox record for audit and for the APIs. */
export interface Decision {
  kind: 'new_ticket' | 'status_query' | 'empty';
  trackingId?: string;
  reason?: string;
}

export type InboxState = 'received' | 'processed' | 'failed';

export interface NewInboxRecord {
  key: string;
  channel: string;
  externalId: string;
  sender: Sender;
  text: string;
  attachments: Attachment[];
  fields: ReportFields | null;
  receivedAt: Date;
  raw: unknown;
  /** sha256 of the message content, to tell a retry (same content) from a reuse of an id (other content). */
  fingerprint: string;
  /** Reserved at intake so web and app users get their number at once; used if the message becomes a ticket. */
  trackingId: string;
}

export interface InboxRecord extends NewInboxRecord {
  state: InboxState;
  attempts: number;
  error: string | null;
  decision: Decision | null;
  /** The ticket this message created or was attached to. */
  ticketId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewTicket {
  trackingId: string;
  /** Inbox key of the message that created the ticket: unique, so a retried job finds the ticket it made. */
  sourceKey: string;
  channel: string;
  reporter: Sender;
  title: string;
  text: string;
  category: string;
  location: string | null;
  occurredAt: Date | null;
  privacy: Privacy;
  language: 'id' | 'en';
  status: TicketStatus;
  createdAt: Date;
  verifyDueAt: Date;
  /** Who or what created it, recorded as the first history entry. */
  actor: string;
}

export interface Ticket extends Omit<NewTicket, 'actor'> {
  followUpDueAt: Date | null;
  autoCloseAt: Date | null;
  updatedAt: Date;
}

export interface StatusChange {
  trackingId: string;
  from: TicketStatus | null;
  to: TicketStatus;
  actor: string;
  note: string | null;
  at: Date;
}

export interface StatusChangeRequest {
  trackingId: string;
  /** The status the caller saw; the change fails with StatusConflictError if the ticket moved meanwhile. */
  from: TicketStatus;
  to: TicketStatus;
  actor: string;
  note: string | null;
  at: Date;
  followUpDueAt?: Date | null;
  autoCloseAt?: Date | null;
}

export interface TicketFilter {
  status?: TicketStatus;
  category?: string;
  channel?: string;
  /** created at or after */
  from?: Date;
  /** created before */
  to?: Date;
  /** case-insensitive substring of title or text */
  text?: string;
  /** tickets whose autoCloseAt is at or before this instant (the auto-close sweep) */
  autoCloseBefore?: Date;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export type ReplyStatus = 'queued' | 'sent' | 'delivered' | 'failed';

export interface NewReply {
  /** Idempotency key of the reply: one per event (e.g. "ack:<messageKey>"), so retries never send twice. */
  id: string;
  trackingId: string | null;
  messageKey: string | null;
  channel: string;
  recipient: Sender;
  text: string;
  language: 'id' | 'en';
  event: string;
  createdAt: Date;
}

export interface Reply extends NewReply {
  status: ReplyStatus;
  providerId: string | null;
  error: string | null;
  attempts: number;
  sentAt: Date | null;
  updatedAt: Date;
}

export interface ReplyOutcome {
  status: ReplyStatus;
  providerId?: string | null;
  error?: string | null;
  at: Date;
}

export interface InboxStore {
  /** Inserts unless channel+externalId exists; returns the stored record either way. */
  insert(record: NewInboxRecord): Promise<{ record: InboxRecord; inserted: boolean }>;
  get(key: string): Promise<InboxRecord | null>;
  getByTrackingId(trackingId: string): Promise<InboxRecord | null>;
  /** Counts a processing attempt (for visibility of retries). */
  recordAttempt(key: string, at: Date): Promise<void>;
  markProcessed(key: string, decision: Decision, ticketId: string | null, at: Date): Promise<void>;
  markFailed(key: string, error: string, at: Date): Promise<void>;
  /** Puts a failed message back to 'received' so recovery or a retry processes it again. */
  markReceived(key: string, at: Date): Promise<void>;
  /** Messages in `state` whose last update is older than `olderThan`, oldest first. */
  listByState(state: InboxState, olderThan: Date, limit: number): Promise<InboxRecord[]>;
  countByState(): Promise<Record<InboxState, number>>;
  /** Messages attached to a ticket, oldest first: the conversation. */
  listForTicket(trackingId: string): Promise<InboxRecord[]>;
}

export interface TicketStore {
  /** Inserts unless a ticket with the same sourceKey exists; returns the stored ticket either way. */
  create(ticket: NewTicket): Promise<{ ticket: Ticket; created: boolean }>;
  get(trackingId: string): Promise<Ticket | null>;
  list(filter: TicketFilter, offset: number, limit: number): Promise<Page<Ticket>>;
  /** Atomically moves a ticket from `from` to `to` and records the change. */
  changeStatus(change: StatusChangeRequest): Promise<Ticket>;
  history(trackingId: string): Promise<StatusChange[]>;
}

export interface ReplyStore {
  /** Inserts unless a reply with the same id exists; returns the stored reply either way. */
  create(reply: NewReply): Promise<{ reply: Reply; created: boolean }>;
  get(id: string): Promise<Reply | null>;
  /** Records a send attempt's outcome; increments attempts. */
  recordOutcome(id: string, outcome: ReplyOutcome): Promise<Reply>;
  listForTicket(trackingId: string): Promise<Reply[]>;
  /** Replies still 'queued' whose last update is older than `olderThan` (lost jobs), oldest first. */
  listQueued(olderThan: Date, limit: number): Promise<Reply[]>;
}

export interface Store {
  readonly kind: 'pglite' | 'postgres' | 'mongodb';
  /** Connects and applies migrations / indexes. */
  init(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
  readonly inbox: InboxStore;
  readonly tickets: TicketStore;
  readonly replies: ReplyStore;
}

export class StatusConflictError extends Error {
  constructor(
    readonly trackingId: string,
    readonly expected: TicketStatus,
    readonly actual: TicketStatus | null,
  ) {
    super(`ticket ${trackingId} is ${actual ?? 'missing'}, not ${expected}`);
    this.name = 'StatusConflictError';
  }
}

/** Thrown when the backing database cannot be reached; intake answers 503 on it. */
export class StoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`store unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'StoreUnavailableError';
  }
}

/**
 * Tracking numbers are random, so two messages can draw the same one (rarely: 9·10^8 numbers).
 * inbox.insert throws this on that collision and the caller draws again.
 */
export class DuplicateTrackingIdError extends Error {
  constructor(readonly trackingId: string) {
    super(`tracking id ${trackingId} is taken`);
    this.name = 'DuplicateTrackingIdError';
  }
}
