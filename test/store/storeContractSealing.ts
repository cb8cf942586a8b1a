import { randomBytes } from 'node:crypto';
import { ReporterKeyError, ReporterVault } from '../../src/privacy/reporterVault';
import type { Store } from '../../src/store/types';
import { newInbox, newReply, newTicket } from './storeFixtures';

/** The stored row or document exactly as the database holds it, as JSON text: what a copy of the database shows. */
export type RawRowReader = (table: 'inbox' | 'tickets' | 'replies', key: string) => Promise<string>;

export interface SealingContext {
  store: Store;
  rawRow: RawRowReader;
  /** The vault the store was opened with, and its key. */
  vault: ReporterVault;
  key: Buffer;
}

const IDENTITY = { id: '+6281377712345', name: 'Rahmawati Saksi', phone: '+6281377712345', email: 'rahma.saksi@contoh.id', handle: 'rahma_saksi' };
const PLAINTEXT = ['81377712345', 'Rahmawati', 'rahma.saksi', 'rahma_saksi'];

function expectNoIdentity(row: string): void {
  for (const piece of PLAINTEXT) expect(row).not.toContain(piece);
}

/** Rahasia reporters' identities are sealed at rest in every adapter (src/store/sealing.ts). */
export function describeSealingContract(ctx: () => SealingContext): void {
  describe('rahasia reporter identity at rest', () => {
    test('the stored ticket row holds no plaintext name or phone; reveal with the key gives them back', async () => {
      const { store, rawRow, vault } = ctx();
      const t = newTicket({ privacy: 'rahasia', reporter: IDENTITY });
      const { ticket } = await store.tickets.create(t);
      expectNoIdentity(await rawRow('tickets', t.trackingId));
      const got = await store.tickets.get(t.trackingId);
      expect(got?.reporter.phone).toBeUndefined();
      expect(got?.reporter.id).toMatch(/^rahasia:/);
      expect(vault.reveal(got?.reporter ?? { id: '' })).toEqual(IDENTITY);
      expect(got).toEqual(ticket);
    });

    test('a public ticket keeps its reporter as it is', async () => {
      const { store, rawRow } = ctx();
      const t = newTicket({ privacy: 'public', reporter: IDENTITY });
      await store.tickets.create(t);
      expect(await rawRow('tickets', t.trackingId)).toContain('Rahmawati');
      expect((await store.tickets.get(t.trackingId))?.reporter).toEqual(IDENTITY);
    });

    test('a rahasia message: the inbox row seals sender and raw payload; the ticket and reply made from it stay sealed', async () => {
      const { store, rawRow, vault } = ctx();
      const raw = { text: 'Pungli di kantor kelurahan', reporter: { name: IDENTITY.name, phone: IDENTITY.phone } };
      const rec = newInbox({ sender: IDENTITY, fields: { privacy: 'rahasia' }, raw });
      const { record } = await store.inbox.insert(rec);
      expectNoIdentity(await rawRow('inbox', rec.key));
      expect(record.sender.name).toBeUndefined();
      expect(vault.reveal(record.sender)).toEqual(IDENTITY);
      expect(vault.revealRaw(record.raw)).toEqual(raw);

      const t = newTicket({ privacy: 'rahasia', reporter: record.sender, sourceKey: rec.key });
      const { ticket } = await store.tickets.create(t);
      expect(ticket.reporter).toEqual(record.sender);
      const r = newReply({ trackingId: t.trackingId, messageKey: rec.key, recipient: ticket.reporter });
      await store.replies.create(r);
      expectNoIdentity(await rawRow('replies', r.id));
      expect(vault.reveal((await store.replies.get(r.id))?.recipient ?? { id: '' })).toEqual(IDENTITY);
    });

    test("a rahasia message's fingerprint is stored keyed; a redelivery of the same content is still told from another", async () => {
      const { store, rawRow } = ctx();
      const plain = `fp-rahasia-${randomBytes(8).toString('hex')}`;
      const rec = newInbox({ sender: IDENTITY, fields: { privacy: 'rahasia' }, fingerprint: plain });
      await store.inbox.insert(rec);
      expect(await rawRow('inbox', rec.key)).not.toContain(plain);
      const again = await store.inbox.insert(rec);
      expect(again.inserted).toBe(false);
      expect(again.record.fingerprint).toBe(plain);
      const other = await store.inbox.insert({ ...rec, fingerprint: 'other content' });
      expect(other.record.fingerprint).not.toBe('other content');
    });

    test('a wrong key fails clearly; a rotated key still opens what the earlier key sealed', async () => {
      const { store, vault, key } = ctx();
      const t = newTicket({ privacy: 'rahasia', reporter: IDENTITY });
      await store.tickets.create(t);
      const sealed = (await store.tickets.get(t.trackingId))?.reporter ?? { id: '' };

      const stranger = new ReporterVault(randomBytes(32));
      expect(() => stranger.reveal(sealed)).toThrow(ReporterKeyError);
      expect(() => stranger.reveal(sealed)).toThrow(/neither REPORTER_KEY nor in REPORTER_KEYS_OLD/);
      const tampered = { ...sealed, sealed: `${sealed.sealed?.slice(0, -4)}AAAA` };
      expect(() => vault.reveal(tampered)).toThrow(/wrong key or altered/);

      const rotated = new ReporterVault(randomBytes(32), [key]);
      expect(rotated.reveal(sealed)).toEqual(IDENTITY);
    });
  });
}

/**
 * Key rotation to the end: every sealed copy moved to a new key, after which the old key can go.
 * Run last in a suite: it reseals every row of the shared store, other tests' rows included.
 */
export function describeResealContract(ctx: () => SealingContext): void {
  test('reseal moves every sealed copy to the new key; then the old key is no longer needed', async () => {
    const { store, rawRow, vault } = ctx();
    const rec = newInbox({ sender: IDENTITY, fields: { privacy: 'rahasia' }, raw: { phone: IDENTITY.phone } });
    const { record } = await store.inbox.insert(rec);
    const t = newTicket({ privacy: 'rahasia', reporter: record.sender, sourceKey: rec.key });
    await store.tickets.create(t);
    const r = newReply({ trackingId: t.trackingId, recipient: record.sender });
    await store.replies.create(r);

    const newKey = randomBytes(32);
    const rotated = new ReporterVault(newKey, [ctx().key]);
    let total = 0;
    for (let n = -1; n !== 0; total += n) n = await store.sealed.resealBatch(rotated, 2);
    expect(total).toBeGreaterThanOrEqual(4);
    expect(await store.sealed.resealBatch(rotated, 100)).toBe(0);

    const onlyNew = new ReporterVault(newKey);
    expect(onlyNew.reveal((await store.tickets.get(t.trackingId))?.reporter ?? { id: '' })).toEqual(IDENTITY);
    const inbox = await store.inbox.get(rec.key);
    expect(onlyNew.reveal(inbox?.sender ?? { id: '' })).toEqual(IDENTITY);
    expect(onlyNew.revealRaw(inbox?.raw)).toEqual({ phone: IDENTITY.phone });
    expect(onlyNew.reveal((await store.replies.get(r.id))?.recipient ?? { id: '' })).toEqual(IDENTITY);
    const after = (await store.tickets.get(t.trackingId))?.reporter ?? { id: '' };
    expect(() => vault.reveal(after)).toThrow(/neither REPORTER_KEY/);
    for (const [table, key] of [['tickets', t.trackingId], ['inbox', rec.key], ['replies', r.id]] as const) expectNoIdentity(await rawRow(table, key));
  });
}
