import mongoose, { Schema, type Connection, type Model } from 'mongoose';
import { MESSAGE_FLAGS, type Attachment, type MessageFlag, type Privacy } from '../../message/inboundMessage';
import type { StoredSender } from '../../privacy/reporterVault';
import { TICKET_STATUSES, type TicketStatus } from '../../tickets/status';
import { OPERATOR_ROLES, REVIEW_REASONS, type Decision, type InboxState, type OperatorRole, type ReplyStatus, type ReviewReason, type ReviewState } from '../types';

/**
 * Documents as stored. Each collection's _id is the record's own key (inbox key, tracking id,
 * reply id), so the primary key index enforces idempotency with no extra lookup.
 */
export interface InboxDoc {
  _id: string;
  channel: string;
  externalId: string;
  sender: StoredSender;
  text: string;
  attachments: Attachment[];
  fields: {
    title?: string;
    location?: string;
    category?: string;
    occurredAt?: Date;
    privacy?: Privacy;
    language?: 'id' | 'en';
  } | null;
  receivedAt: Date;
  /**
   * The raw payload as JSON text. Stored as a string because raw platform JSON may hold keys that
   * MongoDB or mongoose treat specially ("$…", "a.b") and empty objects that minimize would drop.
   */
  rawJson: string;
  fingerprint: string;
  trackingId: string;
  state: InboxState;
  attempts: number;
  error: string | null;
  decision: Decision | null;
  ticketId: string | null;
  flags: MessageFlag[];
  createdAt: Date;
  updatedAt: Date;
}

export interface HistoryDoc {
  from: TicketStatus | null;
  to: TicketStatus;
  actor: string;
  note: string | null;
  at: Date;
  agency: string | null;
}

export interface TicketDoc {
  _id: string;
  sourceKey: string;
  channel: string;
  reporter: StoredSender;
  title: string;
  text: string;
  category: string;
  location: string | null;
  occurredAt: Date | null;
  privacy: Privacy;
  language: 'id' | 'en';
  status: TicketStatus;
  verifyDueAt: Date;
  followUpDueAt: Date | null;
  autoCloseAt: Date | null;
  agency: string | null;
  regionCode: string | null;
  caseId: string | null;
  duplicateOf: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** Embedded so a status change and its history entry are one atomic document update. */
  history: HistoryDoc[];
}

export interface ReplyDoc {
  _id: string;
  trackingId: string | null;
  messageKey: string | null;
  channel: string;
  recipient: StoredSender;
  text: string;
  language: 'id' | 'en';
  event: string;
  status: ReplyStatus;
  providerId: string | null;
  error: string | null;
  attempts: number;
  sentAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

// strictQuery 'throw': a filter on a misspelt path must fail, not silently match everything.
// minimize false: an empty `fields` object stays an object instead of vanishing.
// bufferCommands false: fail at once while disconnected instead of queueing for 10 s (callers answer 503).
// autoIndex/autoCreate false: MongoStore.init() builds collections and indexes itself, awaited.
const options = {
  autoIndex: false,
  autoCreate: false,
  strict: true,
  strictQuery: 'throw',
  minimize: false,
  versionKey: false,
  timestamps: false,
  bufferCommands: false,
} as const;
const subOptions = { _id: false, strict: true, minimize: false } as const;

/**
 * mongoose's `required` rejects '' for strings; message text may legitimately be empty (an SMS
 * with only "LAPOR"), so these paths only require a string to be present.
 */
function stringPresent(path: string): { type: StringConstructor; required: () => boolean } {
  return {
    type: String,
    required: function (this: Record<string, unknown>): boolean {
      return typeof this[path] !== 'string';
    },
  };
}

const nullableString = { type: String, default: null };
const nullableDate = { type: Date, default: null };
const language = { type: String, enum: ['id', 'en'], required: true };

export const senderSchema = new Schema<StoredSender>(
  {
    id: { type: String, required: true },
    name: String,
    phone: String,
    email: String,
    handle: String,
    // A rahasia sender's identity, sealed (src/store/sealing.ts).
    sealed: String,
  },
  subOptions,
);

const attachmentSchema = new Schema<Attachment>(
  { url: { type: String, required: true }, name: String, contentType: String },
  subOptions,
);

const fieldsSchema = new Schema<NonNullable<InboxDoc['fields']>>(
  {
    title: String,
    location: String,
    category: String,
    occurredAt: Date,
    privacy: { type: String, enum: ['public', 'anonim', 'rahasia'] },
    language: { type: String, enum: ['id', 'en'] },
  },
  subOptions,
);

const decisionSchema = new Schema<Decision>(
  {
    kind: { type: String, enum: ['new_ticket', 'duplicate', 'followup', 'status_query', 'greeting', 'spam', 'empty'], required: true },
    trackingId: String,
    reason: String,
    reasons: { type: [String], default: undefined },
    reviewIds: { type: [String], default: undefined },
  },
  subOptions,
);

export const inboxSchema = new Schema<InboxDoc>(
  {
    _id: { type: String, required: true },
    channel: { type: String, required: true },
    externalId: { type: String, required: true },
    sender: { type: senderSchema, required: true },
    text: stringPresent('text'),
    attachments: { type: [attachmentSchema], default: [] },
    fields: { type: fieldsSchema, default: null },
    receivedAt: { type: Date, required: true },
    rawJson: { type: String, required: true },
    fingerprint: { type: String, required: true },
    trackingId: { type: String, required: true },
    state: { type: String, enum: ['received', 'processed', 'failed'], required: true },
    attempts: { type: Number, required: true, min: 0, default: 0 },
    error: nullableString,
    decision: { type: decisionSchema, default: null },
    ticketId: nullableString,
    flags: { type: [{ type: String, enum: MESSAGE_FLAGS }], default: [] },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { ...options, collection: 'inbox' },
);
inboxSchema.index({ channel: 1, externalId: 1 }, { unique: true });
inboxSchema.index({ trackingId: 1 }, { unique: true });
inboxSchema.index({ state: 1, updatedAt: 1 });
inboxSchema.index({ ticketId: 1, receivedAt: 1 }, { partialFilterExpression: { ticketId: { $type: 'string' } } });

const historySchema = new Schema<HistoryDoc>(
  {
    from: { type: String, enum: [...TICKET_STATUSES, null], default: null },
    to: { type: String, enum: TICKET_STATUSES, required: true },
    actor: { type: String, required: true },
    note: nullableString,
    at: { type: Date, required: true },
    agency: nullableString,
  },
  subOptions,
);

export const ticketSchema = new Schema<TicketDoc>(
  {
    _id: { type: String, required: true },
    sourceKey: { type: String, required: true },
    channel: { type: String, required: true },
    reporter: { type: senderSchema, required: true },
    title: stringPresent('title'),
    text: stringPresent('text'),
    category: stringPresent('category'),
    location: nullableString,
    occurredAt: nullableDate,
    privacy: { type: String, enum: ['public', 'anonim', 'rahasia'], required: true },
    language,
    status: { type: String, enum: TICKET_STATUSES, required: true },
    verifyDueAt: { type: Date, required: true },
    followUpDueAt: nullableDate,
    autoCloseAt: nullableDate,
    agency: nullableString,
    regionCode: nullableString,
    caseId: nullableString,
    duplicateOf: nullableString,
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    history: { type: [historySchema], default: [] },
  },
  { ...options, collection: 'tickets' },
);
ticketSchema.index({ sourceKey: 1 }, { unique: true });
ticketSchema.index({ status: 1, createdAt: -1 });
ticketSchema.index({ category: 1, createdAt: -1 });
ticketSchema.index({ channel: 1, createdAt: -1 });
ticketSchema.index({ createdAt: -1, _id: 1 });
ticketSchema.index({ autoCloseAt: 1 }, { partialFilterExpression: { autoCloseAt: { $type: 'date' } } });
ticketSchema.index({ agency: 1, createdAt: -1 }, { partialFilterExpression: { agency: { $type: 'string' } } });
ticketSchema.index({ regionCode: 1 }, { partialFilterExpression: { regionCode: { $type: 'string' } } });
ticketSchema.index({ caseId: 1 }, { partialFilterExpression: { caseId: { $type: 'string' } } });
ticketSchema.index({ 'reporter.id': 1, createdAt: -1 });
ticketSchema.index({ 'reporter.phone': 1, createdAt: -1 }, { partialFilterExpression: { 'reporter.phone': { $type: 'string' } } });
ticketSchema.index({ 'reporter.handle': 1, createdAt: -1 }, { partialFilterExpression: { 'reporter.handle': { $type: 'string' } } });

export const replySchema = new Schema<ReplyDoc>(
  {
    _id: { type: String, required: true },
    trackingId: nullableString,
    messageKey: nullableString,
    channel: { type: String, required: true },
    recipient: { type: senderSchema, required: true },
    text: stringPresent('text'),
    language,
    event: { type: String, required: true },
    status: { type: String, enum: ['queued', 'sent', 'delivered', 'failed'], required: true },
    providerId: nullableString,
    error: nullableString,
    attempts: { type: Number, required: true, min: 0, default: 0 },
    sentAt: nullableDate,
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { ...options, collection: 'replies' },
);
replySchema.index({ trackingId: 1, createdAt: 1 }, { partialFilterExpression: { trackingId: { $type: 'string' } } });
replySchema.index({ status: 1, updatedAt: 1 });
replySchema.index({ status: 1, createdAt: -1 });

export interface ReviewDoc {
  _id: string;
  reason: ReviewReason;
  channel: string;
  messageKey: string | null;
  trackingId: string | null;
  /** JSON text for the same reason as InboxDoc.rawJson: suggestions may carry arbitrary keys. */
  suggestionJson: string;
  reasons: string[];
  state: ReviewState;
  resolution: string | null;
  resolvedBy: string | null;
  resolvedAt: Date | null;
  createdAt: Date;
}

export const reviewSchema = new Schema<ReviewDoc>(
  {
    _id: { type: String, required: true },
    reason: { type: String, enum: REVIEW_REASONS, required: true },
    channel: { type: String, required: true },
    messageKey: nullableString,
    trackingId: nullableString,
    suggestionJson: { type: String, required: true },
    reasons: { type: [String], default: [] },
    state: { type: String, enum: ['open', 'resolved'], required: true },
    resolution: nullableString,
    resolvedBy: nullableString,
    resolvedAt: nullableDate,
    createdAt: { type: Date, required: true },
  },
  { ...options, collection: 'review_items' },
);
reviewSchema.index({ state: 1, createdAt: 1, _id: 1 });
reviewSchema.index({ trackingId: 1 }, { partialFilterExpression: { trackingId: { $type: 'string' } } });

export interface OperatorDoc {
  _id: string;
  email: string;
  name: string;
  role: OperatorRole;
  agency: string | null;
  passwordHash: string;
  disabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export const operatorSchema = new Schema<OperatorDoc>(
  {
    _id: { type: String, required: true },
    email: { type: String, required: true, lowercase: true },
    name: stringPresent('name'),
    role: { type: String, enum: OPERATOR_ROLES, required: true },
    agency: nullableString,
    passwordHash: { type: String, required: true },
    disabled: { type: Boolean, default: false },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { ...options, collection: 'operators' },
);
operatorSchema.index({ email: 1 }, { unique: true });

export interface AuditDoc {
  _id: mongoose.Types.ObjectId;
  actor: string;
  action: string;
  target: string;
  beforeJson: string;
  afterJson: string;
  at: Date;
}

export const auditSchema = new Schema<AuditDoc>(
  {
    actor: { type: String, required: true },
    action: { type: String, required: true },
    target: { type: String, required: true },
    beforeJson: { type: String, required: true },
    afterJson: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { ...options, collection: 'audit_log' },
);
auditSchema.index({ target: 1, _id: -1 });
auditSchema.index({ actor: 1, _id: -1 });

export interface Models {
  inbox: Model<InboxDoc>;
  tickets: Model<TicketDoc>;
  replies: Model<ReplyDoc>;
  review: Model<ReviewDoc>;
  operators: Model<OperatorDoc>;
  audit: Model<AuditDoc>;
}

/** Models bound to one connection, so several stores (tests, tools) never share mongoose's global state. */
export function createModels(conn: Connection): Models {
  return {
    inbox: conn.model<InboxDoc>('Inbox', inboxSchema),
    tickets: conn.model<TicketDoc>('Ticket', ticketSchema),
    replies: conn.model<ReplyDoc>('Reply', replySchema),
    review: conn.model<ReviewDoc>('ReviewItem', reviewSchema),
    operators: conn.model<OperatorDoc>('Operator', operatorSchema),
    audit: conn.model<AuditDoc>('AuditEntry', auditSchema),
  };
}
