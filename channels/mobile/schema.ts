import { z } from 'zod';
import { TICKET_STATUSES } from '../../src/tickets/status';

const httpUrl = z
  .url({ protocol: /^https?$/, hostname: z.regexes.domain })
  .max(2048)
  .describe('http(s) URL of a file the app uploaded; the gateway stores the link and never fetches it at intake');

/** POST /api/v1/reports body. Unknown keys are refused so typos do not silently drop data. */
export const ReportRequest = z.strictObject({
  text: z.string().trim().min(1, 'text is required').max(5000),
  title: z.string().trim().max(200).optional(),
  location: z.string().trim().max(500).optional(),
  category: z.string().trim().max(100).optional(),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  privacy: z.enum(['public', 'anonim', 'rahasia']).default('public'),
  language: z.enum(['id', 'en']).optional(),
  reporter: z
    .strictObject({
      name: z.string().trim().max(200).optional(),
      phone: z.string().trim().regex(/^\+?[0-9][0-9 -]{6,18}[0-9]$/, 'phone must be digits, optionally with + and spaces').optional(),
      email: z.email().max(254).optional(),
    })
    .optional(),
  attachments: z
    .array(z.strictObject({ url: httpUrl, name: z.string().max(255).optional(), contentType: z.string().max(100).optional() }))
    .max(5)
    .default([]),
});
export type ReportRequest = z.infer<typeof ReportRequest>;

export const IdempotencyKey = z.string().min(8, 'Idempotency-Key must be 8 to 255 characters').max(255).regex(/^[\x21-\x7e]+$/, 'Idempotency-Key must be printable ASCII');

export const ReportCreated = z.object({
  trackingId: z.string().regex(/^\d{10}$/),
  accessToken: z.string(),
  status: z.enum(TICKET_STATUSES),
  receivedAt: z.iso.datetime(),
  statusUrl: z.string(),
});

export const ReportStatus = z.object({
  trackingId: z.string().regex(/^\d{10}$/),
  status: z.enum(TICKET_STATUSES),
  statusLabel: z.object({ id: z.string(), en: z.string() }),
  processing: z.boolean(),
  receivedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  history: z.array(z.object({ status: z.enum(TICKET_STATUSES), at: z.iso.datetime(), note: z.string().nullable() })),
  replies: z.array(z.object({ text: z.string(), at: z.iso.datetime(), status: z.string() })),
});
