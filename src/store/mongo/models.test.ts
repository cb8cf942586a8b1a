import mongoose, { type Connection } from 'mongoose';
import { createModels, inboxSchema, replySchema, ticketSchema, type Models } from './models';

// No server: models on an unopened connection still validate and describe their indexes.
let conn: Connection;
let m: Models;

beforeAll(() => {
  conn = mongoose.createConnection();
  m = createModels(conn);
});

afterAll(async () => {
  await conn.close();
});

const sender = { id: '+628123' };

function inbox(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = new Date('2025-01-01T00:00:00Z');
  return {
    _id: 'k1',
    channel: 'sms',
    externalId: 'e1',
    sender,
    text: '',
    attachments: [],
    fields: null,
    receivedAt: now,
    rawJson: '{"a":1}',
    fingerprint: 'f',
    trackingId: 'LPR-1',
    state: 'received',
    attempts: 0,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

function ticket(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = new Date('2025-01-01T00:00:00Z');
  return {
    _id: 'LPR-1',
    sourceKey: 'k1',
    channel: 'sms',
    reporter: sender,
    title: 'Judul',
    text: 'Isi',
    category: 'umum',
    privacy: 'public',
    language: 'id',
    status: 'belum_terverifikasi',
    verifyDueAt: now,
    createdAt: now,
    updatedAt: now,
    history: [{ from: null, to: 'belum_terverifikasi', actor: 'system', at: now }],
    ...overrides,
  };
}

function reply(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = new Date('2025-01-01T00:00:00Z');
  return {
    _id: 'ack:k1',
    channel: 'sms',
    recipient: sender,
    text: 'Terima kasih',
    language: 'id',
    event: 'ack',
    status: 'queued',
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

function indexKeys(schema: mongoose.Schema): Array<[Record<string, unknown>, Record<string, unknown>]> {
  return schema.indexes() as Array<[Record<string, unknown>, Record<string, unknown>]>;
}

describe('mongo models', () => {
  test('a complete inbox document validates; empty text is allowed', async () => {
    await expect(new m.inbox(inbox()).validate()).resolves.toBeUndefined();
  });

  test.each([
    ['missing text', { text: undefined }],
    ['unknown state', { state: 'lost' }],
    ['sender without id', { sender: { name: 'x' } }],
    ['bad decision kind', { decision: { kind: 'guess' } }],
    ['negative attempts', { attempts: -1 }],
    ['missing rawJson', { rawJson: undefined }],
    ['bad privacy in fields', { fields: { privacy: 'secret' } }],
  ])('inbox rejects %s', async (_label, overrides) => {
    await expect(new m.inbox(inbox(overrides)).validate()).rejects.toThrow(/validation failed/i);
  });

  test('strict schemas drop unknown paths instead of storing them', () => {
    const doc = new m.inbox(inbox({ $where: 'sleep(1000)', extra: 1, sender: { id: 'a', evil: { $gt: '' } } }));
    const obj: object = doc.toObject();
    expect(obj).not.toHaveProperty('extra');
    expect(obj).not.toHaveProperty('$where');
    expect(obj).toHaveProperty('sender', { id: 'a' });
  });

  test('filters on unknown paths throw, and operator objects in values are neutralised', () => {
    expect(() => m.inbox.find({ nope: 1 } as Record<string, unknown>).cast()).toThrow();
    // What sanitizeFilter does with a value that smuggles an operator: it becomes a literal $eq.
    const filter = mongoose.sanitizeFilter({ trackingId: { $ne: null } } as Record<string, unknown>);
    expect(filter).toEqual({ trackingId: { $eq: { $ne: null } } });
  });

  test('inbox indexes: unique channel+externalId, unique trackingId, state+updatedAt', () => {
    const idx = indexKeys(inboxSchema);
    expect(idx).toContainEqual([{ channel: 1, externalId: 1 }, expect.objectContaining({ unique: true })]);
    expect(idx).toContainEqual([{ trackingId: 1 }, expect.objectContaining({ unique: true })]);
    expect(idx.map(([k]) => k)).toContainEqual({ state: 1, updatedAt: 1 });
  });

  test('a ticket validates with its first history entry; statuses are checked', async () => {
    await expect(new m.tickets(ticket()).validate()).resolves.toBeUndefined();
    await expect(new m.tickets(ticket({ status: 'hilang' })).validate()).rejects.toThrow(/status/);
    await expect(
      new m.tickets(ticket({ history: [{ from: 'x', to: 'selesai', actor: 'a', at: new Date() }] })).validate(),
    ).rejects.toThrow(/from/);
    await expect(new m.tickets(ticket({ language: 'jv' })).validate()).rejects.toThrow(/language/);
  });

  test('ticket indexes: unique sourceKey, status, category, channel, createdAt', () => {
    const idx = indexKeys(ticketSchema);
    expect(idx).toContainEqual([{ sourceKey: 1 }, expect.objectContaining({ unique: true })]);
    const keys = idx.map(([k]) => Object.keys(k)[0]);
    expect(keys).toEqual(expect.arrayContaining(['status', 'category', 'channel', 'createdAt', 'autoCloseAt']));
  });

  test('a reply validates; its _id is the reply id; status is checked', async () => {
    const doc = new m.replies(reply());
    await expect(doc.validate()).resolves.toBeUndefined();
    expect(doc._id).toBe('ack:k1');
    await expect(new m.replies(reply({ status: 'lost' })).validate()).rejects.toThrow(/status/);
    expect(indexKeys(replySchema).map(([k]) => k)).toContainEqual({ status: 1, updatedAt: 1 });
  });
});
