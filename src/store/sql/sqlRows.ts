import type { Attachment, MessageFlag, Privacy, ReportFields } from '../../message/inboundMessage';
import type { StoredSender } from '../../privacy/reporterVault';
import type { TicketStatus } from '../../tickets/status';
import type {
  AuditEntry,
  Decision,
  InboxRecord,
  InboxState,
  OperatorRole,
  Reply,
  ReplyStatus,
  ReviewItem,
  ReviewReason,
  ReviewState,
  StatusChange,
  Ticket,
  User,
} from '../types';

/** Rows as pg and PGlite return them: timestamptz already a Date, jsonb already parsed. */
export interface InboxRow {
  key: string;
  channel: string;
  external_id: string;
  sender: StoredSender;
  text: string;
  attachments: Attachment[];
  fields: (Omit<ReportFields, 'occurredAt'> & { occurredAt?: string }) | null;
  received_at: Date;
  raw: unknown;
  fingerprint: string;
  tracking_id: string;
  state: InboxState;
  attempts: number;
  error: string | null;
  decision: Decision | null;
  ticket_id: string | null;
  flags: MessageFlag[];
  created_at: Date;
  updated_at: Date;
}

export interface TicketRow {
  tracking_id: string;
  source_key: string;
  channel: string;
  reporter: StoredSender;
  title: string;
  text: string;
  category: string;
  location: string | null;
  occurred_at: Date | null;
  privacy: Privacy;
  language: 'id' | 'en';
  status: TicketStatus;
  verify_due_at: Date;
  follow_up_due_at: Date | null;
  auto_close_at: Date | null;
  agency: string | null;
  region_code: string | null;
  case_id: string | null;
  duplicate_of: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface HistoryRow {
  tracking_id: string;
  from_status: TicketStatus | null;
  to_status: TicketStatus;
  actor: string;
  note: string | null;
  at: Date;
  agency: string | null;
}

export interface ReplyRow {
  id: string;
  tracking_id: string | null;
  message_key: string | null;
  channel: string;
  recipient: StoredSender;
  text: string;
  language: 'id' | 'en';
  event: string;
  status: ReplyStatus;
  provider_id: string | null;
  error: string | null;
  attempts: number;
  sent_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** jsonb parameters are sent as JSON text: pg would turn a JS array into a PostgreSQL array literal. */
export function jsonParam(value: unknown): string {
  // undefined has no JSON form; a raw payload that was absent is stored as JSON null.
  return JSON.stringify(value ?? null);
}

// jsonb keeps the date in `fields` as an ISO string; callers expect the Date they stored.
function fieldsFromRow(fields: InboxRow['fields']): ReportFields | null {
  if (fields === null) return null;
  const { occurredAt, ...rest } = fields;
  return occurredAt === undefined ? rest : { ...rest, occurredAt: new Date(occurredAt) };
}

export function inboxFromRow(r: InboxRow): InboxRecord {
  return {
    key: r.key,
    channel: r.channel,
    externalId: r.external_id,
    sender: r.sender,
    text: r.text,
    attachments: r.attachments,
    fields: fieldsFromRow(r.fields),
    receivedAt: r.received_at,
    raw: r.raw,
    fingerprint: r.fingerprint,
    trackingId: r.tracking_id,
    state: r.state,
    attempts: r.attempts,
    error: r.error,
    decision: r.decision,
    ticketId: r.ticket_id,
    flags: r.flags,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function ticketFromRow(r: TicketRow): Ticket {
  return {
    trackingId: r.tracking_id,
    sourceKey: r.source_key,
    channel: r.channel,
    reporter: r.reporter,
    title: r.title,
    text: r.text,
    category: r.category,
    location: r.location,
    occurredAt: r.occurred_at,
    privacy: r.privacy,
    language: r.language,
    status: r.status,
    createdAt: r.created_at,
    verifyDueAt: r.verify_due_at,
    followUpDueAt: r.follow_up_due_at,
    autoCloseAt: r.auto_close_at,
    agency: r.agency,
    regionCode: r.region_code,
    caseId: r.case_id,
    duplicateOf: r.duplicate_of,
    updatedAt: r.updated_at,
  };
}

export function historyFromRow(r: HistoryRow): StatusChange {
  return { trackingId: r.tracking_id, from: r.from_status, to: r.to_status, actor: r.actor, note: r.note, at: r.at, agency: r.agency };
}

export function replyFromRow(r: ReplyRow): Reply {
  return {
    id: r.id,
    trackingId: r.tracking_id,
    messageKey: r.message_key,
    channel: r.channel,
    recipient: r.recipient,
    text: r.text,
    language: r.language,
    event: r.event,
    createdAt: r.created_at,
    status: r.status,
    providerId: r.provider_id,
    error: r.error,
    attempts: r.attempts,
    sentAt: r.sent_at,
    updatedAt: r.updated_at,
  };
}

export interface ReviewRow {
  id: string;
  reason: ReviewReason;
  channel: string;
  message_key: string | null;
  tracking_id: string | null;
  suggestion: Record<string, unknown>;
  reasons: string[];
  state: ReviewState;
  resolution: string | null;
  resolved_by: string | null;
  resolved_at: Date | null;
  created_at: Date;
}

export function reviewFromRow(r: ReviewRow): ReviewItem {
  return {
    id: r.id,
    reason: r.reason,
    channel: r.channel,
    messageKey: r.message_key,
    trackingId: r.tracking_id,
    suggestion: r.suggestion,
    reasons: r.reasons,
    state: r.state,
    resolution: r.resolution,
    resolvedBy: r.resolved_by,
    resolvedAt: r.resolved_at,
    createdAt: r.created_at,
  };
}

export interface OperatorRow {
  id: string;
  email: string;
  name: string;
  role: OperatorRole;
  agency: string | null;
  password_hash: string;
  disabled: boolean;
  created_at: Date;
  updated_at: Date;
}

export function userFromRow(r: OperatorRow): User {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    agency: r.agency,
    passwordHash: r.password_hash,
    disabled: r.disabled,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export interface AuditRow {
  // bigserial: pg returns it as a string, PGlite as a number.
  id: string | number;
  actor: string;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
  at: Date;
}

export function auditFromRow(r: AuditRow): AuditEntry {
  return { id: String(r.id), actor: r.actor, action: r.action, target: r.target, before: r.before, after: r.after, at: r.at };
}

/** Escapes LIKE wildcards so user text matches literally (used with ESCAPE '\'). */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}
