import type { TicketStatus } from '../../src/tickets/status';
import {
  StatusConflictError,
  DuplicateTrackingIdError,
  type NewTicket,
  type Store,
} from '../../src/store/types';
import { randomBytes } from 'node:crypto';
import { ReporterVault } from '../../src/privacy/reporterVault';
import { describeOperationsContract } from './storeContractOperations';
import { describeResealContract, describeSealingContract, type RawRowReader } from './storeContractSealing';
import { describeStatsContract } from './storeContractStats';
import { at, newInbox, newReply, newTicket, rnd } from './storeFixtures';

/**
 * Behaviour every Store adapter must show. One store instance serves the whole suite, so each
 * test makes its own random keys, channels and categories and never counts on a clean database.
 * Tests that look at "older than" queries use dates before 1980, which only they use.
 */

/** A time in the far past, unique to one test and step; no other test writes before 1980. */
const ancient = (base: number, minutes: number): Date => new Date(Date.UTC(1971, 0, 1) + base * 3_600_000 + minutes * 60_000);
let ancientBase = 0;

/** A store opened with the given vault, and a way to read its rows as the database holds them. */
export interface OpenedStore {
  store: Store;
  rawRow: RawRowReader;
}

export function describeStoreContract(name: string, open: (vault: ReporterVault) => Promise<OpenedStore>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    let rawRow: RawRowReader;
    const key = randomBytes(32);
    const vault = new ReporterVault(key);

    beforeAll(async () => {
      ({ store, rawRow } = await open(vault));
    });

    afterAll(async () => {
      await store?.close();
    });

    test('ping answers once initialised', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    describe('inbox', () => {
      test('insert stores a new record in state received', async () => {
        const rec = newInbox();
        const before = Date.now();
        const { record, inserted } = await store.inbox.insert(rec);
        expect(inserted).toBe(true);
        expect(record).toEqual({
          ...rec,
          state: 'received',
          attempts: 0,
          error: null,
          decision: null,
          ticketId: null,
          createdAt: expect.any(Date),
          updatedAt: expect.any(Date),
        });
        expect(record.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
        expect(await store.inbox.get(rec.key)).toEqual(record);
      });

      test('insert is idempotent on channel + externalId and returns the original', async () => {
        const rec = newInbox();
        const first = await store.inbox.insert(rec);
        const again = await store.inbox.insert({ ...rec, text: 'different text', fingerprint: 'other' });
        expect(again.inserted).toBe(false);
        expect(again.record).toEqual(first.record);
        expect(again.record.text).toBe(rec.text);
      });

      test('the same externalId on another channel is another message', async () => {
        const rec = newInbox({ channel: 'sms' });
        await store.inbox.insert(rec);
        const other = newInbox({ channel: 'twitter', externalId: rec.externalId });
        const res = await store.inbox.insert(other);
        expect(res.inserted).toBe(true);
        expect(res.record.key).toBe(other.key);
      });

      test('a reused tracking id is a DuplicateTrackingIdError, so intake draws another', async () => {
        const rec = newInbox();
        await store.inbox.insert(rec);
        const clash = newInbox({ trackingId: rec.trackingId });
        const err: unknown = await store.inbox.insert(clash).then(
          () => null,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(DuplicateTrackingIdError);
        expect(await store.inbox.get(clash.key)).toBeNull();
      });

      test('get and getByTrackingId return null when absent', async () => {
        expect(await store.inbox.get(`missing-${rnd()}`)).toBeNull();
        expect(await store.inbox.getByTrackingId(`LPR-missing-${rnd()}`)).toBeNull();
      });

      test('getByTrackingId finds the record', async () => {
        const rec = newInbox();
        const { record } = await store.inbox.insert(rec);
        expect(await store.inbox.getByTrackingId(rec.trackingId)).toEqual(record);
      });

      test('round-trips unicode text, nested raw JSON, fields with dates and attachments', async () => {
        const raw = {
          message: { text: 'Jalan berlubang 😡🙏 — mohon segera diperbaiki, Pak! Ñandú 中文' },
          nested: { a: [1, 2.5, { b: null, c: true, d: 'ü' }], empty: {}, list: [] },
          $weird: 'dollar key',
          'dotted.key': 'dot',
          big: 12345678901234,
        };
        const rec = newInbox({
          channel: 'mobile',
          sender: { id: 'device-1', name: 'Siti Nurhaliza 👩‍🌾', email: 'siti@example.id', handle: '@siti' },
          text: 'Sampah menumpuk di Jl. Ahmad Yani 🗑️🐀, baunya tidak tertahankan. Terima kasih 🙏',
          attachments: [
            { url: 'https://example.id/foto.jpg', name: 'foto jalan.jpg', contentType: 'image/jpeg' },
            { url: 'https://example.id/2.png' },
          ],
          fields: {
            title: 'Sampah menumpuk',
            location: 'Kelurahan Cibeunying, Bandung',
            category: 'lingkungan',
            occurredAt: at('2025-02-28T23:59:59.999Z'),
            privacy: 'rahasia',
            language: 'id',
          },
          receivedAt: at('2025-03-01T01:02:03.456Z'),
          raw,
        });
        await store.inbox.insert(rec);
        const got = await store.inbox.get(rec.key);
        expect(got).not.toBeNull();
        expect(got?.text).toBe(rec.text);
        // Rahasia: sender and raw are sealed at rest and come back whole through the vault.
        expect(vault.reveal(got?.sender ?? { id: '' })).toEqual(rec.sender);
        expect(got?.attachments).toEqual(rec.attachments);
        expect(got?.fields).toEqual(rec.fields);
        expect(got?.fields?.occurredAt).toBeInstanceOf(Date);
        expect(got?.receivedAt).toBeInstanceOf(Date);
        expect(got?.receivedAt.toISOString()).toBe('2025-03-01T01:02:03.456Z');
        expect(vault.revealRaw(got?.raw)).toEqual(raw);
      });

      test('raw may be any JSON value; an empty fields object stays an object', async () => {
        for (const raw of ['plain string', 42, [1, 'dua', { tiga: 3 }], null, true]) {
          const rec = newInbox({ raw, fields: {} });
          await store.inbox.insert(rec);
          const got = await store.inbox.get(rec.key);
          expect(got?.raw).toEqual(raw);
          expect(got?.fields).toEqual({});
        }
      });

      test('state changes: attempts, failed, received again, processed', async () => {
        const rec = newInbox();
        await store.inbox.insert(rec);
        expect(await store.inbox.claim(rec.key, at('2025-03-01T09:00:00.000Z'))).toMatchObject({ attempts: 1 });
        const claimed = await store.inbox.claim(rec.key, at('2025-03-01T09:01:00.000Z'));
        let got = await store.inbox.get(rec.key);
        expect(got).toMatchObject({ state: 'received', attempts: 2, updatedAt: at('2025-03-01T09:01:00.000Z') });
        expect(claimed).toEqual(got);

        await store.inbox.markFailed(rec.key, 'parser exploded: ü', at('2025-03-01T09:02:00.000Z'));
        got = await store.inbox.get(rec.key);
        expect(got).toMatchObject({ state: 'failed', error: 'parser exploded: ü', attempts: 2 });

        await store.inbox.markReceived(rec.key, at('2025-03-01T09:03:00.000Z'));
        got = await store.inbox.get(rec.key);
        expect(got).toMatchObject({ state: 'received', updatedAt: at('2025-03-01T09:03:00.000Z') });

        const decision = { kind: 'new_ticket' as const, trackingId: rec.trackingId, reason: 'baru' };
        await store.inbox.markProcessed(rec.key, decision, rec.trackingId, at('2025-03-01T09:04:00.000Z'));
        got = await store.inbox.get(rec.key);
        // A second job for a processed message finds it as it is, attempts not counted.
        expect(await store.inbox.claim(rec.key, at('2025-03-01T09:05:00.000Z'))).toEqual(got);
        expect(got).toMatchObject({
          state: 'processed',
          error: null,
          decision,
          ticketId: rec.trackingId,
          updatedAt: at('2025-03-01T09:04:00.000Z'),
        });
        expect(got?.createdAt.getTime()).toBeLessThan(at('2030-01-01T00:00:00Z').getTime());
      });

      test('markProcessed without a ticket keeps ticketId null', async () => {
        const rec = newInbox();
        await store.inbox.insert(rec);
        await store.inbox.markProcessed(rec.key, { kind: 'empty' }, null, at('2025-03-01T09:04:00.000Z'));
        expect(await store.inbox.get(rec.key)).toMatchObject({ state: 'processed', decision: { kind: 'empty' }, ticketId: null });
      });

      test('updates of a missing key fail; claiming one finds nothing', async () => {
        expect(await store.inbox.claim(`missing-${rnd()}`, new Date())).toBeNull();
        await expect(store.inbox.markFailed(`missing-${rnd()}`, 'x', new Date())).rejects.toThrow(/not found/);
      });

      test('listByState: state filter, olderThan is strict, oldest first, limit', async () => {
        const base = ++ancientBase;
        const recs = [newInbox(), newInbox(), newInbox(), newInbox()];
        for (const r of recs) await store.inbox.insert(r);
        // Updated at minutes 3, 1, 2 (failed) and 0 (processed).
        await store.inbox.markFailed(recs[0]!.key, 'e0', ancient(base, 3));
        await store.inbox.markFailed(recs[1]!.key, 'e1', ancient(base, 1));
        await store.inbox.markFailed(recs[2]!.key, 'e2', ancient(base, 2));
        await store.inbox.markProcessed(recs[3]!.key, { kind: 'empty' }, null, ancient(base, 0));

        const failed = await store.inbox.listByState('failed', ancient(base, 10), 10);
        expect(failed.map((r) => r.key)).toEqual([recs[1]!.key, recs[2]!.key, recs[0]!.key]);
        const older = await store.inbox.listByState('failed', ancient(base, 3), 10);
        expect(older.map((r) => r.key)).toEqual([recs[1]!.key, recs[2]!.key]);
        const limited = await store.inbox.listByState('failed', ancient(base, 10), 1);
        expect(limited.map((r) => r.key)).toEqual([recs[1]!.key]);
        const processed = await store.inbox.listByState('processed', ancient(base, 10), 10);
        expect(processed.map((r) => r.key)).toEqual([recs[3]!.key]);
        expect(failed[0]).toEqual(await store.inbox.get(recs[1]!.key));
      });

      test('countByState counts every state', async () => {
        const before = await store.inbox.countByState();
        expect(Object.keys(before).sort()).toEqual(['failed', 'processed', 'received']);
        const [a, b, c] = [newInbox(), newInbox(), newInbox()];
        for (const r of [a!, b!, c!]) await store.inbox.insert(r);
        await store.inbox.markFailed(b!.key, 'x', new Date());
        await store.inbox.markProcessed(c!.key, { kind: 'empty' }, null, new Date());
        const after = await store.inbox.countByState();
        expect(after).toEqual({
          received: before.received + 1,
          failed: before.failed + 1,
          processed: before.processed + 1,
        });
      });

      test('listForTicket returns the conversation oldest first', async () => {
        const trackingId = `LPR-C${rnd()}`;
        const late = newInbox({ receivedAt: at('2025-03-01T12:00:00Z') });
        const early = newInbox({ receivedAt: at('2025-03-01T08:00:00Z') });
        const middle = newInbox({ receivedAt: at('2025-03-01T10:00:00Z') });
        const unrelated = newInbox();
        for (const r of [late, early, middle, unrelated]) await store.inbox.insert(r);
        for (const r of [late, early, middle]) {
          await store.inbox.markProcessed(r.key, { kind: 'new_ticket', trackingId }, trackingId, new Date());
        }
        const conv = await store.inbox.listForTicket(trackingId);
        expect(conv.map((r) => r.key)).toEqual([early.key, middle.key, late.key]);
        expect(await store.inbox.listForTicket(`LPR-none-${rnd()}`)).toEqual([]);
      });
    });

    describe('tickets', () => {
      test('create stores the ticket and its first history entry; get returns it', async () => {
        const t = newTicket({
          reporter: { id: '@warga', handle: '@warga', name: 'Warga Peduli 🇮🇩' },
          location: 'Kec. Coblong, Kota Bandung',
          occurredAt: at('2025-03-01T07:30:00.000Z'),
          privacy: 'anonim',
          actor: 'worker:inbound',
        });
        const { ticket, created } = await store.tickets.create(t);
        expect(created).toBe(true);
        const { actor: _actor, ...expected } = t;
        expect(ticket).toEqual({ ...expected, followUpDueAt: null, autoCloseAt: null, updatedAt: t.createdAt });
        expect(await store.tickets.get(t.trackingId)).toEqual(ticket);
        expect(await store.tickets.history(t.trackingId)).toEqual([
          { trackingId: t.trackingId, from: null, to: t.status, actor: 'worker:inbound', note: null, at: t.createdAt, agency: t.agency },
        ]);
      });

      test('create is idempotent by sourceKey: one ticket, one history entry', async () => {
        const t = newTicket();
        const first = await store.tickets.create(t);
        const again = await store.tickets.create({ ...t, trackingId: `LPR-other-${rnd()}`, title: 'other' });
        expect(again.created).toBe(false);
        expect(again.ticket).toEqual(first.ticket);
        expect(await store.tickets.history(t.trackingId)).toHaveLength(1);
        expect(await store.tickets.get(`LPR-other-${rnd()}`)).toBeNull();
      });

      test('get of a missing ticket is null; its history is empty', async () => {
        const id = `LPR-missing-${rnd()}`;
        expect(await store.tickets.get(id)).toBeNull();
        expect(await store.tickets.history(id)).toEqual([]);
      });

      test('changeStatus moves the ticket, sets deadlines and appends history in order', async () => {
        const t = newTicket();
        await store.tickets.create(t);
        const t1 = at('2025-03-02T11:00:00.000Z');
        const t2 = at('2025-03-02T12:00:00.000Z');
        const t3 = at('2025-03-02T13:00:00.000Z');
        const due = at('2025-03-09T12:00:00.000Z');

        const a = await store.tickets.changeStatus({
          trackingId: t.trackingId,
          from: 'belum_terverifikasi',
          to: 'terverifikasi',
          actor: 'operator:ani',
          note: 'sudah dicek ✅',
          at: t1,
        });
        expect(a).toMatchObject({ status: 'terverifikasi', updatedAt: t1, followUpDueAt: null, autoCloseAt: null });

        const b = await store.tickets.changeStatus({
          trackingId: t.trackingId,
          from: 'terverifikasi',
          to: 'diteruskan',
          actor: 'operator:ani',
          note: null,
          at: t2,
          followUpDueAt: due,
        });
        expect(b).toMatchObject({ status: 'diteruskan', updatedAt: t2, followUpDueAt: due, autoCloseAt: null });

        // Leaving followUpDueAt out keeps it; null clears it.
        const c = await store.tickets.changeStatus({
          trackingId: t.trackingId,
          from: 'diteruskan',
          to: 'selesai',
          actor: 'agency:pupr',
          note: 'diperbaiki',
          at: t3,
          autoCloseAt: at('2025-03-12T13:00:00.000Z'),
        });
        expect(c).toMatchObject({ status: 'selesai', followUpDueAt: due, autoCloseAt: at('2025-03-12T13:00:00.000Z') });
        const d = await store.tickets.changeStatus({
          trackingId: t.trackingId,
          from: 'selesai',
          to: 'selesai',
          actor: 'system',
          note: null,
          at: t3,
          followUpDueAt: null,
        });
        expect(d.followUpDueAt).toBeNull();
        expect(await store.tickets.get(t.trackingId)).toEqual(d);

        const history = await store.tickets.history(t.trackingId);
        expect(history.map((h) => [h.from, h.to, h.actor, h.note])).toEqual([
          [null, 'belum_terverifikasi', 'system', null],
          ['belum_terverifikasi', 'terverifikasi', 'operator:ani', 'sudah dicek ✅'],
          ['terverifikasi', 'diteruskan', 'operator:ani', null],
          ['diteruskan', 'selesai', 'agency:pupr', 'diperbaiki'],
          ['selesai', 'selesai', 'system', null],
        ]);
        expect(history[1]!.at).toEqual(t1);
        expect(history.every((h) => h.trackingId === t.trackingId)).toBe(true);
      });

      test('changeStatus with a stale from throws StatusConflictError and changes nothing', async () => {
        const t = newTicket();
        await store.tickets.create(t);
        await store.tickets.changeStatus({
          trackingId: t.trackingId,
          from: 'belum_terverifikasi',
          to: 'terverifikasi',
          actor: 'op:1',
          note: null,
          at: at('2025-03-02T11:00:00Z'),
        });
        const before = await store.tickets.get(t.trackingId);
        const err: unknown = await store.tickets
          .changeStatus({
            trackingId: t.trackingId,
            from: 'belum_terverifikasi',
            to: 'bukan_wewenang',
            actor: 'op:2',
            note: null,
            at: at('2025-03-02T11:05:00Z'),
          })
          .then(
            () => null,
            (e: unknown) => e,
          );
        expect(err).toBeInstanceOf(StatusConflictError);
        expect(err).toMatchObject({ trackingId: t.trackingId, expected: 'belum_terverifikasi', actual: 'terverifikasi' });
        expect(await store.tickets.get(t.trackingId)).toEqual(before);
        expect(await store.tickets.history(t.trackingId)).toHaveLength(2);
      });

      test('changeStatus of a missing ticket throws StatusConflictError with actual null', async () => {
        const id = `LPR-missing-${rnd()}`;
        await expect(
          store.tickets.changeStatus({ trackingId: id, from: 'tunda', to: 'selesai', actor: 'x', note: null, at: new Date() }),
        ).rejects.toMatchObject({ name: 'StatusConflictError', trackingId: id, actual: null });
      });

      test('concurrent changes from the same status: exactly one wins', async () => {
        const t = newTicket();
        await store.tickets.create(t);
        const targets: TicketStatus[] = ['terverifikasi', 'bukan_wewenang', 'tunda'];
        const results = await Promise.allSettled(
          targets.map((to) =>
            store.tickets.changeStatus({
              trackingId: t.trackingId,
              from: 'belum_terverifikasi',
              to,
              actor: `op:${to}`,
              note: null,
              at: new Date(),
            }),
          ),
        );
        const won = results.filter((r) => r.status === 'fulfilled');
        expect(won).toHaveLength(1);
        for (const r of results) {
          if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(StatusConflictError);
        }
        expect(await store.tickets.history(t.trackingId)).toHaveLength(2);
      });

      describe('list', () => {
        // One channel and category per test keeps the other tests' tickets out of the counts.
        const scope = (): { channel: string; category: string } => ({ channel: `ch-${rnd()}`, category: `cat-${rnd()}` });

        test('orders by createdAt desc then trackingId, pages, and counts the total', async () => {
          const { channel } = scope();
          const made: string[] = [];
          for (let i = 0; i < 5; i++) {
            const t = newTicket({ channel, trackingId: `LPR-P${i}-${rnd()}`, createdAt: at(`2025-04-0${i + 1}T00:00:00Z`) });
            await store.tickets.create(t);
            made.push(t.trackingId);
          }
          // Same createdAt as the newest: ties break on trackingId ascending.
          const tieA = newTicket({ channel, trackingId: `LPR-PZa-${rnd()}`, createdAt: at('2025-04-05T00:00:00Z') });
          const tieB = newTicket({ channel, trackingId: `LPR-PZb-${rnd()}`, createdAt: at('2025-04-05T00:00:00Z') });
          await store.tickets.create(tieB);
          await store.tickets.create(tieA);
          const all = await store.tickets.list({ channel }, 0, 100);
          expect(all.total).toBe(7);
          const newest = [made[4]!, tieA.trackingId, tieB.trackingId].sort();
          expect(all.items.map((t) => t.trackingId)).toEqual([...newest, made[3], made[2], made[1], made[0]]);

          const page1 = await store.tickets.list({ channel }, 0, 2);
          expect(page1).toEqual({ items: all.items.slice(0, 2), total: 7 });
          const page4 = await store.tickets.list({ channel }, 6, 2);
          expect(page4).toEqual({ items: all.items.slice(6), total: 7 });
          expect(await store.tickets.list({ channel }, 20, 2)).toEqual({ items: [], total: 7 });
          expect(await store.tickets.list({ channel: `none-${rnd()}` }, 0, 10)).toEqual({ items: [], total: 0 });
        });

        test('filters by status, category and channel', async () => {
          const s = scope();
          const other = scope();
          const a = newTicket({ ...s });
          const b = newTicket({ ...s, status: 'diteruskan' });
          const c = newTicket({ channel: s.channel, category: other.category });
          const d = newTicket({ channel: other.channel, category: s.category });
          for (const t of [a, b, c, d]) await store.tickets.create(t);

          const ids = async (filter: Parameters<Store['tickets']['list']>[0]): Promise<string[]> =>
            (await store.tickets.list(filter, 0, 50)).items.map((t) => t.trackingId).sort();
          expect(await ids({ channel: s.channel })).toEqual([a, b, c].map((t) => t.trackingId).sort());
          expect(await ids({ category: s.category })).toEqual([a, b, d].map((t) => t.trackingId).sort());
          expect(await ids({ channel: s.channel, category: s.category })).toEqual([a, b].map((t) => t.trackingId).sort());
          expect(await ids({ channel: s.channel, status: 'diteruskan' })).toEqual([b.trackingId]);
          expect((await store.tickets.list({ channel: s.channel, status: 'belum_terverifikasi' }, 0, 50)).total).toBe(2);
        });

        test('filters by created from (inclusive) and to (exclusive)', async () => {
          const { channel } = scope();
          const ts = ['2025-05-01T00:00:00Z', '2025-05-02T00:00:00Z', '2025-05-03T00:00:00Z'].map((iso) =>
            newTicket({ channel, createdAt: at(iso) }),
          );
          for (const t of ts) await store.tickets.create(t);
          const got = await store.tickets.list(
            { channel, from: at('2025-05-02T00:00:00Z'), to: at('2025-05-03T00:00:00Z') },
            0,
            10,
          );
          expect(got.items.map((t) => t.trackingId)).toEqual([ts[1]!.trackingId]);
          expect((await store.tickets.list({ channel, from: at('2025-05-02T00:00:00Z') }, 0, 10)).total).toBe(2);
          expect((await store.tickets.list({ channel, to: at('2025-05-02T00:00:00Z') }, 0, 10)).total).toBe(1);
        });

        test('text filter: case-insensitive substring of title or text, wildcards taken literally', async () => {
          const { channel } = scope();
          const inTitle = newTicket({ channel, title: 'Jalan RUSAK parah', text: 'tolong' });
          const inText = newTicket({ channel, title: 'Keluhan', text: 'jalan rusak 100% di desa 😡' });
          const underscore = newTicket({ channel, title: 'kode a_b', text: 'x' });
          const plain = newTicket({ channel, title: 'Air PDAM mati', text: 'sudah tiga hari, kode aXb' });
          for (const t of [inTitle, inText, underscore, plain]) await store.tickets.create(t);

          const ids = async (text: string): Promise<string[]> =>
            (await store.tickets.list({ channel, text }, 0, 50)).items.map((t) => t.trackingId).sort();
          expect(await ids('jalan rusak')).toEqual([inTitle.trackingId, inText.trackingId].sort());
          expect(await ids('100%')).toEqual([inText.trackingId]);
          expect(await ids('%')).toEqual([inText.trackingId]);
          expect(await ids('a_b')).toEqual([underscore.trackingId]);
          expect(await ids('pdam')).toEqual([plain.trackingId]);
          expect(await ids('😡')).toEqual([inText.trackingId]);
          expect(await ids('.*')).toEqual([]);
          expect(await ids('tidak ada')).toEqual([]);
        });

        test('autoCloseBefore finds tickets due to close at or before the instant', async () => {
          const { channel } = scope();
          const [due, later, never] = [newTicket({ channel }), newTicket({ channel }), newTicket({ channel })];
          for (const t of [due!, later!, never!]) await store.tickets.create(t);
          const close = async (t: NewTicket, autoCloseAt: Date): Promise<void> => {
            await store.tickets.changeStatus({
              trackingId: t.trackingId,
              from: 'belum_terverifikasi',
              to: 'selesai',
              actor: 'x',
              note: null,
              at: new Date(),
              autoCloseAt,
            });
          };
          await close(due!, at('2025-06-01T00:00:00Z'));
          await close(later!, at('2025-06-10T00:00:00Z'));
          const got = await store.tickets.list({ channel, autoCloseBefore: at('2025-06-01T00:00:00Z') }, 0, 10);
          expect(got.items.map((t) => t.trackingId)).toEqual([due!.trackingId]);
          expect((await store.tickets.list({ channel, autoCloseBefore: at('2030-01-01T00:00:00Z') }, 0, 10)).total).toBe(2);
        });
      });
    });

    describe('replies', () => {
      test('create is idempotent by id and starts queued', async () => {
        const r = newReply();
        const first = await store.replies.create(r);
        expect(first.created).toBe(true);
        expect(first.reply).toEqual({
          ...r,
          status: 'queued',
          providerId: null,
          error: null,
          attempts: 0,
          sentAt: null,
          updatedAt: r.createdAt,
        });
        const again = await store.replies.create({ ...r, text: 'lain' });
        expect(again).toEqual({ reply: first.reply, created: false });
        expect(await store.replies.get(r.id)).toEqual(first.reply);
        expect(await store.replies.get(`missing-${rnd()}`)).toBeNull();
      });

      test('a reply may have no ticket and no message yet', async () => {
        const r = newReply({ trackingId: null, messageKey: null, text: 'Halo 👋 format: LAPOR#judul#isi' });
        const { reply } = await store.replies.create(r);
        expect(reply).toMatchObject({ trackingId: null, messageKey: null, text: r.text });
      });

      test('recordOutcome increments attempts and sets status, providerId, error and sentAt', async () => {
        const r = newReply();
        await store.replies.create(r);
        const t1 = at('2025-03-03T09:01:00.000Z');
        const t2 = at('2025-03-03T09:02:00.000Z');
        const t3 = at('2025-03-03T09:05:00.000Z');

        const failed = await store.replies.recordOutcome(r.id, { status: 'failed', error: 'SMSC throttled', at: t1 });
        expect(failed).toMatchObject({ status: 'failed', attempts: 1, error: 'SMSC throttled', sentAt: null, updatedAt: t1 });

        const sent = await store.replies.recordOutcome(r.id, { status: 'sent', providerId: 'msg-77', at: t2 });
        expect(sent).toMatchObject({ status: 'sent', attempts: 2, providerId: 'msg-77', error: null, sentAt: t2, updatedAt: t2 });

        const delivered = await store.replies.recordOutcome(r.id, { status: 'delivered', at: t3 });
        expect(delivered).toMatchObject({ status: 'delivered', attempts: 3, providerId: 'msg-77', sentAt: t2, updatedAt: t3 });
        expect(await store.replies.get(r.id)).toEqual(delivered);
      });

      test('recordOutcome of a missing reply fails', async () => {
        await expect(store.replies.recordOutcome(`missing-${rnd()}`, { status: 'sent', at: new Date() })).rejects.toThrow(
          /not found/,
        );
      });

      test('listForTicket returns the ticket’s replies oldest first', async () => {
        const trackingId = `LPR-RL${rnd()}`;
        const late = newReply({ trackingId, createdAt: at('2025-03-03T12:00:00Z') });
        const early = newReply({ trackingId, createdAt: at('2025-03-03T08:00:00Z') });
        for (const r of [late, early, newReply()]) await store.replies.create(r);
        const got = await store.replies.listForTicket(trackingId);
        expect(got.map((r) => r.id)).toEqual([early.id, late.id]);
        expect(await store.replies.listForTicket(`LPR-none-${rnd()}`)).toEqual([]);
      });

      test('listQueued: only queued, older than the instant, oldest first, limited', async () => {
        const base = ++ancientBase;
        const r0 = newReply({ createdAt: ancient(base, 0) });
        const r1 = newReply({ createdAt: ancient(base, 1) });
        const r2 = newReply({ createdAt: ancient(base, 2) });
        const sent = newReply({ createdAt: ancient(base, 0) });
        for (const r of [r2, r0, r1, sent]) await store.replies.create(r);
        await store.replies.recordOutcome(sent.id, { status: 'sent', at: ancient(base, 0) });

        const got = await store.replies.listQueued(ancient(base, 2), 10);
        expect(got.map((r) => r.id)).toEqual([r0.id, r1.id]);
        expect((await store.replies.listQueued(ancient(base, 5), 2)).map((r) => r.id)).toEqual([r0.id, r1.id]);
        expect((await store.replies.listQueued(ancient(base, 5), 10)).map((r) => r.id)).toEqual([r0.id, r1.id, r2.id]);
      });
    });

    describeOperationsContract(() => store);
    describeSealingContract(() => ({ store, rawRow, vault, key }));
    describeResealContract(() => ({ store, rawRow, vault, key }));
    describeStatsContract(() => store);
  });
}
