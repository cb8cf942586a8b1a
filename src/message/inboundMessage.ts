import { createHash } from 'node:crypto';
import { z } from 'zod';

/** Channel names are short lowercase identifiers: "web", "mobile", "sms", "twitter", … */
export const ChannelName = z.string().regex(/^[a-z][a-z0-9-]{1,31}$/, 'lowercase letters, digits and dashes');

export const Privacy = z.enum(['public', 'anonim', 'rahasia']);
export type Privacy = z.infer<typeof Privacy>;

/** Who sent a message, as far as the channel knows. `id` is the channel's address (phone, handle id, device). */
export const Sender = z.object({
  id: z.string().min(1).max(256),
  name: z.string().max(200).optional(),
  phone: z.string().max(32).optional(),
  email: z.string().max(254).optional(),
  handle: z.string().max(100).optional(),
});
export type Sender = z.infer<typeof Sender>;

export const Attachment = z.object({
  // Only web links: a javascript:, data: or file: URL from a citizen must never reach a page or a fetch.
  url: z.url({ protocol: /^https?$/ }).max(2048),
  name: z.string().max(255).optional(),
  contentType: z.string().max(100).optional(),
});
export type Attachment = z.infer<typeof Attachment>;

/** Structured fields that forms and apps provide; free-text channels leave them out and the parser fills them. */
export const ReportFields = z.object({
  title: z.string().max(200).optional(),
  location: z.string().max(500).optional(),
  category: z.string().max(100).optional(),
  occurredAt: z.coerce.date().optional(),
  privacy: Privacy.optional(),
  language: z.enum(['id', 'en']).optional(),
});
export type ReportFields = z.infer<typeof ReportFields>;

/**
 * Marks a channel sets on a message it could not take whole: a multipart SMS whose parts never
 * all arrived, a sender over the flood limit. The inbound worker turns each into a review item.
 */
export const MESSAGE_FLAGS = ['incomplete', 'flood'] as const;
export const MessageFlag = z.enum(MESSAGE_FLAGS);
export type MessageFlag = z.infer<typeof MessageFlag>;

/** The most text one message keeps (src/intake/clipText.ts cuts longer ones to this). */
export const MAX_MESSAGE_TEXT = 20_000;

export const InboundMessage = z.object({
  channel: ChannelName,
  externalId: z.string().min(1).max(512),
  sender: Sender,
  text: z.string().max(MAX_MESSAGE_TEXT),
  attachments: z.array(Attachment).max(10).default([]),
  receivedAt: z.coerce.date(),
  raw: z.unknown(),
  fields: ReportFields.optional(),
  flags: z.array(MessageFlag).max(MESSAGE_FLAGS.length).default([]),
});
export type InboundMessage = z.infer<typeof InboundMessage>;
export type InboundMessageInput = z.input<typeof InboundMessage>;

/**
 * The message key: one per channel + external id. It is a hash rather than the pair itself because
 * external ids contain any characters and BullMQ job ids must not contain ':'.
 */
export function messageKey(channel: string, externalId: string): string {
  return createHash('sha256').update(channel).update('\u0000').update(externalId).digest('hex').slice(0, 32);
}
