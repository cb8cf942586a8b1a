import { randomUUID } from 'node:crypto';
import type { NewInboxRecord, NewReply, NewTicket } from '../../src/store/types';

/** Records for the store contract: random keys so tests never collide in a shared database. */
export const rnd = (): string => randomUUID().replace(/-/g, '').slice(0, 12);
export const at = (iso: string): Date => new Date(iso);

export function newInbox(overrides: Partial<NewInboxRecord> = {}): NewInboxRecord {
  const id = rnd();
  return {
    key: `k${id}`,
    channel: 'web',
    externalId: `ext-${id}`,
    sender: { id: `sender-${id}`, name: 'Budi Santoso', phone: '+6281234567890' },
    text: 'Jalan rusak di depan pasar',
    attachments: [],
    fields: null,
    receivedAt: at('2025-03-01T08:00:00.123Z'),
    raw: { body: 'Jalan rusak' },
    fingerprint: `fp-${id}`,
    trackingId: `LPR-${id}`,
    flags: [],
    ...overrides,
  };
}

export function newTicket(overrides: Partial<NewTicket> = {}): NewTicket {
  const id = rnd();
  return {
    trackingId: `LPR-T${id}`,
    sourceKey: `src-${id}`,
    channel: 'sms',
    reporter: { id: '+6281200000000', phone: '+6281200000000' },
    title: 'Lampu jalan mati',
    text: 'Lampu jalan di RT 03 mati sejak seminggu',
    category: 'infrastruktur',
    location: null,
    occurredAt: null,
    privacy: 'public',
    language: 'id',
    status: 'belum_terverifikasi',
    createdAt: at('2025-03-02T10:00:00.000Z'),
    verifyDueAt: at('2025-03-05T10:00:00.000Z'),
    actor: 'system',
    agency: null,
    regionCode: null,
    caseId: null,
    duplicateOf: null,
    ...overrides,
  };
}

export function newReply(overrides: Partial<NewReply> = {}): NewReply {
  const id = rnd();
  return {
    id: `ack:${id}`,
    trackingId: `LPR-R${id}`,
    messageKey: `k${id}`,
    channel: 'sms',
    recipient: { id: '+6281300000000' },
    text: 'Laporan Anda diterima. Nomor: LPR-123',
    language: 'id',
    event: 'ack',
    createdAt: at('2025-03-03T09:00:00.000Z'),
    ...overrides,
  };
}
