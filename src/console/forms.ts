import { z } from 'zod';
import { OPERATOR_ROLES, REVIEW_REASONS } from '../store/types';
import { TICKET_STATUSES } from '../tickets/status';
import { parseTrackingNumber } from '../tickets/trackingNumber';
import { MIN_PASSWORD_LENGTH } from './password';
import { ARCHIVE_REASONS } from './reviewActions';

/** Every console input, validated here before anything reads it. Strings are trimmed; empty optional fields become undefined. */

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((s) => (s === undefined || s === '' ? undefined : s));
const requiredText = (min: number, max: number) => z.string().trim().min(min).max(max);

/** A ticket number as people type it (spaces, dashes, '#', 'LPR'), check digit verified. */
export const trackingNumber = z
  .string()
  .trim()
  .max(40)
  .transform((s, ctx) => {
    const parsed = parseTrackingNumber(s);
    if (!parsed) {
      ctx.addIssue({ code: 'custom', message: 'not a valid tracking number' });
      return z.NEVER;
    }
    return parsed;
  });

const regionCode = optionalText(20).refine((s) => s === undefined || /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/.test(s), {
  message: 'region codes look like 32, 32.73, 32.73.01 or 32.73.01.1001',
});

const dateOnly = optionalText(10).refine((s) => s === undefined || /^\d{4}-\d{2}-\d{2}$/.test(s), { message: 'YYYY-MM-DD' });

export const LoginForm = z.object({
  email: requiredText(3, 254).toLowerCase(),
  password: z.string().min(1).max(1024),
  next: optionalText(500),
});

export const ReviewQuery = z.object({
  reason: z.enum(REVIEW_REASONS).optional().catch(undefined),
  channel: optionalText(40),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});

export const VerifyForm = z.object({
  title: requiredText(3, 200),
  category: requiredText(1, 60),
  location: optionalText(300),
  regionCode,
  agency: requiredText(1, 120),
});

export const QuestionForm = z.object({ note: requiredText(5, 1000) });
export const OptionalNoteForm = z.object({ note: optionalText(1000) });

export const ArchiveForm = z
  .object({ reason: z.enum(ARCHIVE_REASONS), note: optionalText(1000) })
  .refine((f) => f.reason !== 'lainnya' || f.note !== undefined, { path: ['note'], message: 'a note is needed for other reasons' });

export const AttachForm = z.object({ target: trackingNumber, kind: z.enum(['duplicate', 'followup']) });
export const LinkCaseForm = z.object({ target: trackingNumber });

export const TicketQuery = z.object({
  nomor: optionalText(40),
  q: optionalText(200),
  reporter: optionalText(120),
  status: z.enum(TICKET_STATUSES).optional().catch(undefined),
  category: optionalText(60),
  agency: optionalText(120),
  channel: optionalText(40),
  region: regionCode.catch(undefined),
  from: dateOnly.catch(undefined),
  to: dateOnly.catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});

export const StatusForm = z.object({ to: z.enum(TICKET_STATUSES), note: optionalText(1000) });

export const TicketEditForm = z.object({
  title: requiredText(3, 200),
  category: requiredText(1, 60),
  location: optionalText(300),
  regionCode,
  agency: optionalText(120),
});

export const NewUserForm = z.object({
  email: z.email().max(254).transform((s) => s.toLowerCase()),
  name: requiredText(1, 120),
  role: z.enum(OPERATOR_ROLES),
  agency: optionalText(120),
  password: z.string().min(MIN_PASSWORD_LENGTH).max(1024),
}).refine((f) => f.role !== 'liaison' || f.agency !== undefined, { path: ['agency'], message: 'a liaison needs an agency' });

export const UserUpdateForm = z.discriminatedUnion('op', [
  z.object({ op: z.literal('disable') }),
  z.object({ op: z.literal('enable') }),
  z.object({ op: z.literal('password'), password: z.string().min(MIN_PASSWORD_LENGTH).max(1024) }),
]);

