import { createHash } from 'node:crypto';
import type { InboundMessage } from '../message/inboundMessage';

/** Canonical JSON (sorted keys) so the same content always hashes the same. */
function canonical(value: unknown): string {
  if (value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/** What makes two deliveries "the same message": content, not arrival time or transport details. */
export function messageFingerprint(message: Pick<InboundMessage, 'sender' | 'text' | 'attachments' | 'fields'>): string {
  return createHash('sha256')
    .update(canonical({ sender: message.sender, text: message.text, attachments: message.attachments, fields: message.fields }))
    .digest('hex');
}
