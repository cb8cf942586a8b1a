import { z } from 'zod';
import { TICKET_STATUSES } from '../tickets/status';

/** Response shapes of the integration API; the OpenAPI document is generated from these. */
export const StatusLabel = z.object({ id: z.string(), en: z.string() });

export const ErrorResponse = z
  .object({
    error: z.string(),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  });

export const HistoryEntry = z.object({
  from: z.enum(TICKET_STATUSES).nullable(),
  to: z.enum(TICKET_STATUSES),
  actor: z.string(),
  note: z.string().nullable(),
  at: z.iso.datetime(),
});

export const ReplyEntry = z.object({
  channel: z.string(),
  text: z.string(),
  status: z.enum(['queued', 'sent', 'delivered', 'failed']),
  event: z.string(),
  createdAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
});

export const Reporter = z.object({
  name: z.string().optional(),
  phone: z.string().optional(),
  email: z.string().optional(),
  handle: z.string().optional(),
});

export const TicketSummary = z
  .object({
    trackingId: z.string().regex(/^\d{10}$/),
    status: z.enum(TICKET_STATUSES),
    statusLabel: StatusLabel,
    channel: z.string(),
    title: z.string(),
    text: z.string(),
    category: z.string(),
    location: z.string().nullable(),
    occurredAt: z.iso.datetime().nullable(),
    privacy: z.enum(['public', 'anonim', 'rahasia']),
    /** null for anonymous and confidential reports: agencies act on the content, not the person. */
    reporter: Reporter.nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    verifyDueAt: z.iso.datetime(),
    followUpDueAt: z.iso.datetime().nullable(),
  });

export const TicketDetail = TicketSummary.extend({
  history: z.array(HistoryEntry),
  replies: z.array(ReplyEntry),
});

export const TicketPage = z
  .object({
    items: z.array(TicketSummary),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  });

export const TicketQuery = z.object({
  status: z.enum(TICKET_STATUSES).optional(),
  category: z.string().max(100).optional(),
  channel: z.string().max(32).optional(),
  from: z.iso.date().or(z.iso.datetime()).optional(),
  to: z.iso.date().or(z.iso.datetime()).optional(),
  q: z.string().min(2).max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
