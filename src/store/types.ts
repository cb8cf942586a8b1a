import type { Attachment, MessageFlag, Privacy, ReportFields } from '../message/inboundMessage';
import type { ReporterVault, StoredSender } from '../privacy/reporterVault';
import type { TicketStatus } from '../tickets/status';

/** What the inbound worker decided about a message; kept on the inbox record for audit and for the APIs. */
export interface Decision {
  kind: 'new_ticket' | 'duplicate' | 'followup' | 'status_query' | 'greeting' | 'spam' | 'empty';
  /** The ticket made, attached to, or asked about. */
  trackingId?: string;
  reason?: string;
  /** Why the machine decided so, for operators (parser and dedup reasons). */
  reasons?: string[];
  /** Review items opened for this message (their ids). */
  reviewIds?: string[];
}



export type InboxState = 'received' | 'processed' | 'failed';

export interface NewInboxRecord {
  key: string;
  channel: string;
  externalId: string;
  /** Sealed for a rahasia message (src/store/sealing.ts); ReporterVault.reveal opens it. */
  sender: StoredSender;
  text: string;
  attachments: Attachment[];
  fields: ReportFields | null;
  receivedAt: Date;
  raw: unknown;
  /** sha256 of the message content, to tell a retry (same content) from a reuse of an id (other content). */
  fingerprint: string;
  /** Reserved at intake so web and app users get their number at once; used if the message becomes a ticket. */
  trackingId: string;
  flags: MessageFlag[];
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
  /** Sealed for a rahasia ticket (src/store/sealing.ts); ReporterVault.reveal opens it. */
  reporter: StoredSender;
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
  /**
   * Status moves made at creation by the same actor (intake verifying and forwarding a ticket it
   * is sure of): each is a history entry after the first, and the ticket is stored in the last.
   * One write instead of a change per step.
   */
  autoSteps?: { to: TicketStatus; note: string | null }[];
  /** Set with autoSteps that forward the ticket: the agency's follow-up deadline. */
  followUpDueAt?: Date | null;
  /** Agency unit the ticket is routed to (config/agencies), null until known. */
  agency: string | null;
  /** Most specific Kemendagri region code of the location (e.g. "32.73.01.1001"), null when unknown. */
  regionCode: string | null;
  /** Case (cluster) id shared by tickets of many citizens about one problem; the tickets stay separate. */
  caseId: string | null;
  /** Set when an operator found this ticket to repeat an earlier one of the same citizen. */
  duplicateOf: string | null;
}

export interface Ticket extends Omit<NewTicket, 'actor' | 'autoSteps' | 'followUpDueAt'> {
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
  /**
   * The agency the ticket was routed to when the change was made, recorded with it: which agency a
   * ticket was forwarded to, or handed back by, stays known after a re-route.
   */
  agency: string | null;
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
  agency?: string;
  /** only tickets of one of these agencies (a reader's scope; an empty list matches nothing) */
  agencies?: string[];
  /** region code or a prefix of it ("32" = Jawa Barat, "32.73" = Kota Bandung) */
  region?: string;
  /** reporter id, phone or handle, exact */
  reporter?: string;
  caseId?: string;
  /** tickets an operator marked as duplicates of this one */
  duplicateOf?: string;
  /** only tickets in one of these statuses */
  statuses?: TicketStatus[];
}

/** What an operator or the engine may change on a ticket besides its status. */
export interface TicketPatch {
  title?: string;
  category?: string;
  location?: string | null;
  regionCode?: string | null;
  agency?: string | null;
  caseId?: string | null;
  duplicateOf?: string | null;
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
  /** Stored as given: the sealed sender for a rahasia ticket; the outbound worker reveals it to send. */
  recipient: StoredSender;
  text: string;
  language: 'id' | 'en';
  event: string;
  createdAt: Date;
  /**
   * For channels where recording the reply is delivering it (the web status page and the app read
   * it from the store): stored as delivered at once, with no send job.
   */
  deliveredOnRecord?: boolean;
}

export interface Reply extends Omit<NewReply, 'deliveredOnRecord'> {
  status: ReplyStatus;
  providerId: string | null;
  error: string | null;
  attempts: number;
  sentAt: Date | null;
  updatedAt: Date;
}

export interface ReplyFilter {
  status?: ReplyStatus;
  channel?: string;
}

/** A delivery receipt's verdict (SMS DLR, platform callbacks); does not count as a send attempt. */
export interface DeliveryReport {
  status: 'delivered' | 'failed';
  error?: string | null;
  at: Date;
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
  /**
   * Starts a processing attempt: counts it and returns the record as it now is, in one round trip.
   * A processed message is returned unchanged (its job ran twice); a missing one gives null.
   */
  claim(key: string, at: Date): Promise<InboxRecord | null>;
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
  /** Changes fields other than the status; returns null for an unknown ticket. */
  update(trackingId: string, patch: TicketPatch, at: Date): Promise<Ticket | null>;
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
  /** Records a receipt for a sent reply; a reply already 'delivered' stays so. Returns null for an unknown id. */
  recordDelivery(id: string, report: DeliveryReport): Promise<Reply | null>;
  /** Newest first. */
  list(filter: ReplyFilter, offset: number, limit: number): Promise<Page<Reply>>;
}

/** Why the machine asked a person. */
export const REVIEW_REASONS = [
  'low_confidence',
  'unknown_location',
  'unroutable',
  'possible_duplicate',
  'incomplete_sms',
  'possible_spam',
  'reply_impossible',
  'flood',
  // The message took longer to parse than PARSE_BUDGET_MS: a person reads it instead.
  'parse_budget',
] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];
export type ReviewState = 'open' | 'resolved';

export interface NewReviewItem {
  /** Idempotency key, e.g. "review:<messageKey>:<reason>": a retried job opens the item once. */
  id: string;
  reason: ReviewReason;
  channel: string;
  messageKey: string | null;
  trackingId: string | null;
  /** What the machine proposes (category, agency, region, the ticket it may duplicate, …). */
  suggestion: Record<string, unknown>;
  /** Human-readable reasons behind the suggestion. */
  reasons: string[];
  createdAt: Date;
}

export interface ReviewItem extends NewReviewItem {
  state: ReviewState;
  /** The operator's action: verifikasi, tunda, bukan_wewenang, arsipkan, attach_duplicate, … */
  resolution: string | null;
  resolvedBy: string | null;
  resolvedAt: Date | null;
}

export interface ReviewFilter {
  state?: ReviewState;
  reason?: ReviewReason;
  channel?: string;
  trackingId?: string;
}

export interface ReviewStore {
  /** Inserts unless an item with the same id exists; returns the stored item either way. */
  create(item: NewReviewItem): Promise<{ item: ReviewItem; created: boolean }>;
  get(id: string): Promise<ReviewItem | null>;
  /** Oldest first: the queue operators work. */
  list(filter: ReviewFilter, offset: number, limit: number): Promise<Page<ReviewItem>>;
  /** Closes an open item; throws ReviewConflictError when someone else closed it first. */
  resolve(id: string, resolution: string, actor: string, at: Date): Promise<ReviewItem>;
  countOpen(): Promise<Record<ReviewReason, number>>;
}

export const OPERATOR_ROLES = ['verifier', 'liaison', 'supervisor', 'admin'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

export interface NewUser {
  id: string;
  /** Stored lower-case; unique. */
  email: string;
  name: string;
  role: OperatorRole;
  /** The agency a liaison (pejabat penghubung) works for; null for other roles. */
  agency: string | null;
  passwordHash: string;
  createdAt: Date;
}

export interface User extends NewUser {
  disabled: boolean;
  updatedAt: Date;
}

export interface UserPatch {
  name?: string;
  role?: OperatorRole;
  agency?: string | null;
  passwordHash?: string;
  disabled?: boolean;
}

export interface UserStore {
  /** Throws DuplicateUserError when the email is taken. */
  create(user: NewUser): Promise<User>;
  get(id: string): Promise<User | null>;
  getByEmail(email: string): Promise<User | null>;
  list(): Promise<User[]>;
  update(id: string, patch: UserPatch, at: Date): Promise<User | null>;
}

export interface NewAuditEntry {
  actor: string;
  /** e.g. "review.verifikasi", "ticket.status", "user.create" */
  action: string;
  /** What was acted on: "ticket:<id>", "review:<id>", "user:<id>" */
  target: string;
  before: unknown;
  after: unknown;
  at: Date;
}

export interface AuditEntry extends NewAuditEntry {
  id: string;
}

export interface AuditStore {
  record(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Newest first. */
  list(filter: { target?: string; actor?: string }, offset: number, limit: number): Promise<Page<AuditEntry>>;
}

/** Inbound messages of one channel on one calendar day in WIB ("2025-03-01"). */
export interface ChannelDayCount {
  day: string;
  channel: string;
  count: number;
}

/** The service-level clock running on an open ticket: verification, or the agency's follow-up. */
export type SlaClock = 'verify' | 'follow_up';
/** Where an open ticket stands against its clock at a given instant. */
export type SlaStanding = 'on_track' | 'due_soon' | 'overdue';

export interface SlaCount {
  clock: SlaClock;
  standing: SlaStanding;
  count: number;
}

export interface OverdueTicket {
  trackingId: string;
  title: string;
  status: TicketStatus;
  agency: string | null;
  clock: SlaClock;
  dueAt: Date;
}

/**
 * Aggregates for the operators' dashboard. Clocks: 'verify' runs on belum_terverifikasi and
 * terverifikasi tickets (verifyDueAt), 'follow_up' on diteruskan tickets (followUpDueAt); other
 * statuses have no running clock. The review backlog is ReviewStore.countOpen.
 */
export interface StatsStore {
  /** Messages received in [from, to) per channel per WIB day, by day then channel. */
  messagesPerDay(from: Date, to: Date): Promise<ChannelDayCount[]>;
  /** Median seconds from a message's arrival to the first reply sent for it, over messages received in [from, to); null when none was answered. */
  medianFirstReplySeconds(from: Date, to: Date): Promise<number | null>;
  /** Open tickets with a running clock by standing at `now`; due_soon = due within `soonMs` from now. */
  openTicketsBySla(now: Date, soonMs: number): Promise<SlaCount[]>;
  /** Tickets whose running clock's deadline passed before `now`, most overdue first. */
  overdueTickets(now: Date, offset: number, limit: number): Promise<Page<OverdueTicket>>;
  /** Replies created in [from, to) that failed, per channel. */
  failedRepliesPerChannel(from: Date, to: Date): Promise<{ channel: string; count: number }[]>;
}

/** Key rotation for the sealed identities of rahasia reporters (src/store/sealing.ts). */
export interface SealedIdentityStore {
  /**
   * Re-encrypts up to `limit` sealed copies not yet under the vault's current key; returns how
   * many it did (0: none left, the earlier keys may go). Throws ReporterKeyError on a copy no key
   * of the vault opens.
   */
  resealBatch(vault: ReporterVault, limit: number): Promise<number>;
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
  readonly review: ReviewStore;
  readonly users: UserStore;
  readonly audit: AuditStore;
  readonly stats: StatsStore;
  readonly sealed: SealedIdentityStore;
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

export class ReviewConflictError extends Error {
  constructor(readonly id: string) {
    super(`review item ${id} is not open`);
    this.name = 'ReviewConflictError';
  }
}

export class DuplicateUserError extends Error {
  constructor(readonly email: string) {
    super('an operator with this email exists');
    this.name = 'DuplicateUserError';
  }
}
