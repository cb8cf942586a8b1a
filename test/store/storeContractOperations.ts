import { DuplicateUserError, ReviewConflictError, type NewReviewItem, type NewUser, type Store } from '../../src/store/types';
import type { TicketStatus } from '../../src/tickets/status';
import { at, newInbox, newReply, newTicket, rnd } from './storeFixtures';

function newReview(overrides: Partial<NewReviewItem> = {}): NewReviewItem {
  const id = rnd();
  return {
    id: `review:${id}`,
    reason: 'low_confidence',
    channel: `ch-${id}`,
    messageKey: `k${id}`,
    trackingId: null,
    suggestion: { category: 'jalan_jembatan', confidence: 0.41, $where: 'kept as data', 'a.b': 1 },
    reasons: ['kategori tidak pasti'],
    createdAt: at('2025-04-01T08:00:00.000Z'),
    ...overrides,
  };
}

function newUser(overrides: Partial<NewUser> = {}): NewUser {
  const id = rnd();
  return {
    id: `u-${id}`,
    email: `Op.${id}@Lapor.go.id`,
    name: 'Sari Operator',
    role: 'verifier',
    agency: null,
    passwordHash: `scrypt$${id}`,
    createdAt: at('2025-04-01T08:00:00.000Z'),
    ...overrides,
  };
}

/** The parts of the store the parser, dedup, review queue and console rely on. */
export function describeOperationsContract(store: () => Store): void {
  describe('message flags', () => {
    test('flags given at intake come back with the record', async () => {
      const rec = newInbox({ flags: ['incomplete'] });
      const { record } = await store().inbox.insert(rec);
      expect(record.flags).toEqual(['incomplete']);
      expect((await store().inbox.get(rec.key))?.flags).toEqual(['incomplete']);
    });
  });

  describe('ticket routing fields', () => {
    test('agency, region, case and duplicate link are stored and updatable', async () => {
      const t = newTicket({ agency: 'pemkot-32.73', regionCode: '32.73.01', caseId: null });
      const { ticket } = await store().tickets.create(t);
      expect(ticket).toMatchObject({ agency: 'pemkot-32.73', regionCode: '32.73.01', caseId: null, duplicateOf: null });

      const later = at('2025-03-04T00:00:00.000Z');
      const updated = await store().tickets.update(t.trackingId, { caseId: 'CASE-1', title: 'Jalan berlubang', duplicateOf: 'LPR-X' }, later);
      expect(updated).toMatchObject({ caseId: 'CASE-1', title: 'Jalan berlubang', duplicateOf: 'LPR-X', agency: 'pemkot-32.73', updatedAt: later });
      expect(await store().tickets.get(t.trackingId)).toEqual(updated);
      expect(await store().tickets.update(`LPR-missing-${rnd()}`, { title: 'x' }, later)).toBeNull();
    });

    test('automatic steps at creation end the ticket in the last status with a history entry each', async () => {
      const due = at('2025-03-09T10:00:00.000Z');
      const t = newTicket({
        agency: 'pemkot-32.73',
        autoSteps: [
          { to: 'terverifikasi', note: 'otomatis' },
          { to: 'diteruskan', note: 'ke pemkot-32.73' },
        ],
        followUpDueAt: due,
      });
      const { ticket } = await store().tickets.create(t);
      expect(ticket).toMatchObject({ status: 'diteruskan', followUpDueAt: due });
      expect(await store().tickets.history(t.trackingId)).toEqual([
        { trackingId: t.trackingId, from: null, to: 'belum_terverifikasi', actor: 'system', note: null, at: t.createdAt, agency: 'pemkot-32.73' },
        { trackingId: t.trackingId, from: 'belum_terverifikasi', to: 'terverifikasi', actor: 'system', note: 'otomatis', at: t.createdAt, agency: 'pemkot-32.73' },
        { trackingId: t.trackingId, from: 'terverifikasi', to: 'diteruskan', actor: 'system', note: 'ke pemkot-32.73', at: t.createdAt, agency: 'pemkot-32.73' },
      ]);
      const again = await store().tickets.create({ ...t, autoSteps: [] });
      expect(again).toEqual({ ticket, created: false });
      expect(await store().tickets.history(t.trackingId)).toHaveLength(3);
    });

    test('each history entry records the agency the ticket had at that change; a re-route leaves earlier entries as they were', async () => {
      const t = newTicket({ agency: 'pemkot-32.73' });
      await store().tickets.create(t);
      const when = at('2025-03-02T11:00:00.000Z');
      const move = (from: TicketStatus, to: TicketStatus) => store().tickets.changeStatus({ trackingId: t.trackingId, from, to, actor: 'operator:ani', note: 'x', at: when });
      await move('belum_terverifikasi', 'terverifikasi');
      await store().tickets.update(t.trackingId, { agency: null }, when);
      await store().tickets.update(t.trackingId, { agency: 'pdam-32.73' }, when);
      await move('terverifikasi', 'diteruskan');
      await move('diteruskan', 'bukan_wewenang');
      await store().tickets.update(t.trackingId, { agency: 'pemkab-32.04' }, when);
      expect((await store().tickets.history(t.trackingId)).map((h) => [h.to, h.agency])).toEqual([
        ['belum_terverifikasi', 'pemkot-32.73'],
        ['terverifikasi', 'pemkot-32.73'],
        ['diteruskan', 'pdam-32.73'],
        ['bukan_wewenang', 'pdam-32.73'],
      ]);
    });

    test('list filters by agency, region prefix, reporter, case and a set of statuses', async () => {
      const agency = `dinas-${rnd()}`;
      const phone = `+62812${rnd().replace(/\D/g, '').padEnd(7, '1').slice(0, 7)}`;
      const a = newTicket({ agency, regionCode: '32.73.01.1001', reporter: { id: `sms:${phone}`, phone } });
      const b = newTicket({ agency, regionCode: '32.730', caseId: `case-${rnd()}` });
      const c = newTicket({ agency, regionCode: '32.04', status: 'selesai', reporter: { id: 'tw:1', handle: `h${rnd()}` } });
      for (const t of [a, b, c]) await store().tickets.create(t);
      const ids = async (filter: Parameters<Store['tickets']['list']>[0]) =>
        (await store().tickets.list({ agency, ...filter }, 0, 50)).items.map((t) => t.trackingId).sort();

      expect(await ids({})).toEqual([a.trackingId, b.trackingId, c.trackingId].sort());
      expect(await ids({ region: '32.73' })).toEqual([a.trackingId]);
      expect(await ids({ region: '32' })).toEqual([a.trackingId, b.trackingId, c.trackingId].sort());
      expect(await ids({ reporter: phone })).toEqual([a.trackingId]);
      expect(await ids({ reporter: `sms:${phone}` })).toEqual([a.trackingId]);
      expect(await ids({ reporter: c.reporter.handle ?? '' })).toEqual([c.trackingId]);
      expect(await ids({ caseId: b.caseId ?? '' })).toEqual([b.trackingId]);
      await store().tickets.update(c.trackingId, { duplicateOf: a.trackingId }, at('2025-03-05T00:00:00.000Z'));
      expect(await ids({ duplicateOf: a.trackingId })).toEqual([c.trackingId]);
      expect(await ids({ statuses: ['selesai', 'diarsipkan'] })).toEqual([c.trackingId]);
      expect(await ids({ statuses: [] })).toEqual([]);
      expect(await ids({ agencies: [agency, 'another'] })).toEqual([a.trackingId, b.trackingId, c.trackingId].sort());
      expect(await ids({ agencies: ['another'] })).toEqual([]);
      expect(await ids({ agencies: [] })).toEqual([]);
    });
  });

  describe('reply receipts', () => {
    test('a receipt sets the delivery status without counting an attempt; delivered stays delivered', async () => {
      const r = newReply();
      await store().replies.create(r);
      await store().replies.recordOutcome(r.id, { status: 'sent', providerId: 'msg-1', at: at('2025-03-03T09:00:01.000Z') });
      const delivered = await store().replies.recordDelivery(r.id, { status: 'delivered', at: at('2025-03-03T09:00:05.000Z') });
      expect(delivered).toMatchObject({ status: 'delivered', attempts: 1, providerId: 'msg-1' });
      const late = await store().replies.recordDelivery(r.id, { status: 'failed', error: 'UNDELIV', at: at('2025-03-03T09:01:00.000Z') });
      expect(late).toMatchObject({ status: 'delivered', error: null });
      expect(await store().replies.recordDelivery(`none-${rnd()}`, { status: 'delivered', at: at('2025-03-03T09:00:05.000Z') })).toBeNull();
    });

    test('a receipt that arrives before the send is recorded is not undone by it', async () => {
      const r = newReply();
      await store().replies.create(r);
      await store().replies.recordDelivery(r.id, { status: 'delivered', at: at('2025-03-03T09:00:01.000Z') });
      const recorded = await store().replies.recordOutcome(r.id, { status: 'sent', providerId: 'msg-9', at: at('2025-03-03T09:00:02.000Z') });
      expect(recorded).toMatchObject({ status: 'delivered', providerId: 'msg-9', attempts: 1 });
    });

    test('a failed receipt marks a sent reply failed with the reason', async () => {
      const r = newReply();
      await store().replies.create(r);
      await store().replies.recordOutcome(r.id, { status: 'sent', at: at('2025-03-03T09:00:01.000Z') });
      const failed = await store().replies.recordDelivery(r.id, { status: 'failed', error: 'UNDELIV err:034', at: at('2025-03-03T09:02:00.000Z') });
      expect(failed).toMatchObject({ status: 'failed', error: 'UNDELIV err:034', attempts: 1 });
    });

    test('a reply delivered by being recorded is stored delivered, with nothing left to send', async () => {
      const r = newReply({ deliveredOnRecord: true });
      const { reply } = await store().replies.create(r);
      expect(reply).toMatchObject({ status: 'delivered', attempts: 1, sentAt: r.createdAt });
      expect((await store().replies.listQueued(at('2099-01-01T00:00:00.000Z'), 1000)).some((q) => q.id === r.id)).toBe(false);
    });

    test('list filters by status and channel, newest first', async () => {
      const channel = `ch${rnd()}`.slice(0, 20);
      const r1 = newReply({ channel, createdAt: at('2025-05-01T00:00:00.000Z') });
      const r2 = newReply({ channel, createdAt: at('2025-05-02T00:00:00.000Z') });
      const r3 = newReply({ channel, createdAt: at('2025-05-03T00:00:00.000Z') });
      for (const r of [r1, r2, r3]) await store().replies.create(r);
      await store().replies.recordOutcome(r2.id, { status: 'failed', error: 'bad number', at: at('2025-05-02T00:00:01.000Z') });
      const all = await store().replies.list({ channel }, 0, 10);
      expect(all.total).toBe(3);
      expect(all.items.map((r) => r.id)).toEqual([r3.id, r2.id, r1.id]);
      const failed = await store().replies.list({ channel, status: 'failed' }, 0, 10);
      expect(failed).toEqual({ total: 1, items: [expect.objectContaining({ id: r2.id, error: 'bad number' })] });
    });
  });

  describe('review items', () => {
    test('create is idempotent on the id and keeps the suggestion as data', async () => {
      const item = newReview();
      const first = await store().review.create(item);
      expect(first.created).toBe(true);
      expect(first.item).toEqual({ ...item, state: 'open', resolution: null, resolvedBy: null, resolvedAt: null });
      const again = await store().review.create({ ...item, reasons: ['other'] });
      expect(again).toEqual({ item: first.item, created: false });
      expect(await store().review.get(item.id)).toEqual(first.item);
    });

    test('list is oldest first and filters by state, reason, channel and ticket', async () => {
      const channel = `rc-${rnd()}`;
      const a = newReview({ channel, createdAt: at('2025-04-02T00:00:00.000Z'), reason: 'possible_duplicate', trackingId: 'LPR-D1' });
      const b = newReview({ channel, createdAt: at('2025-04-01T00:00:00.000Z'), reason: 'incomplete_sms' });
      const c = newReview({ channel, createdAt: at('2025-04-03T00:00:00.000Z') });
      for (const i of [a, b, c]) await store().review.create(i);
      await store().review.resolve(c.id, 'arsipkan', 'op:1', at('2025-04-04T00:00:00.000Z'));

      const open = await store().review.list({ channel, state: 'open' }, 0, 10);
      expect(open.total).toBe(2);
      expect(open.items.map((i) => i.id)).toEqual([b.id, a.id]);
      expect((await store().review.list({ channel, reason: 'possible_duplicate' }, 0, 10)).items.map((i) => i.id)).toEqual([a.id]);
      expect((await store().review.list({ channel, trackingId: 'LPR-D1' }, 0, 10)).items.map((i) => i.id)).toEqual([a.id]);
      expect((await store().review.list({ channel }, 1, 1)).items.map((i) => i.id)).toEqual([a.id]);
    });

    test('resolve closes once; a second resolver gets a conflict', async () => {
      const item = newReview();
      await store().review.create(item);
      const when = at('2025-04-05T10:00:00.000Z');
      const done = await store().review.resolve(item.id, 'verifikasi', 'op:sari', when);
      expect(done).toMatchObject({ state: 'resolved', resolution: 'verifikasi', resolvedBy: 'op:sari', resolvedAt: when });
      await expect(store().review.resolve(item.id, 'arsipkan', 'op:budi', when)).rejects.toBeInstanceOf(ReviewConflictError);
      await expect(store().review.resolve(`review:none-${rnd()}`, 'arsipkan', 'op:budi', when)).rejects.toBeInstanceOf(ReviewConflictError);
    });

    test('countOpen counts open items per reason, every reason present', async () => {
      const before = await store().review.countOpen();
      await store().review.create(newReview({ reason: 'flood' }));
      await store().review.create(newReview({ reason: 'flood' }));
      const after = await store().review.countOpen();
      expect(after.flood).toBe(before.flood + 2);
      expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
      expect(after.unroutable).toBeGreaterThanOrEqual(0);
    });
  });

  describe('operators', () => {
    test('email is unique and case-insensitive; update changes what it names', async () => {
      const u = newUser();
      const created = await store().users.create(u);
      expect(created).toMatchObject({ id: u.id, email: u.email.toLowerCase(), role: 'verifier', disabled: false });
      expect(await store().users.getByEmail(u.email.toUpperCase())).toEqual(created);
      await expect(store().users.create(newUser({ email: u.email.toUpperCase() }))).rejects.toBeInstanceOf(DuplicateUserError);

      const later = at('2025-04-06T00:00:00.000Z');
      const updated = await store().users.update(u.id, { role: 'liaison', agency: 'pemkot-32.73', disabled: true }, later);
      expect(updated).toMatchObject({ role: 'liaison', agency: 'pemkot-32.73', disabled: true, passwordHash: u.passwordHash, updatedAt: later });
      expect(await store().users.get(u.id)).toEqual(updated);
      expect(await store().users.update(`u-none-${rnd()}`, { name: 'x' }, later)).toBeNull();
      expect((await store().users.list()).some((x) => x.id === u.id)).toBe(true);
    });
  });

  describe('audit log', () => {
    test('entries keep before and after and list newest first per target or actor', async () => {
      const target = `ticket:${rnd()}`;
      const actor = `op:${rnd()}`;
      const first = await store().audit.record({ actor, action: 'ticket.status', target, before: { status: 'terverifikasi' }, after: { status: 'diteruskan' }, at: at('2025-04-07T00:00:00.000Z') });
      const second = await store().audit.record({ actor, action: 'ticket.update', target, before: null, after: { $set: 'kept', title: 'x' }, at: at('2025-04-07T00:01:00.000Z') });
      expect(first.id).not.toEqual(second.id);
      const byTarget = await store().audit.list({ target }, 0, 10);
      expect(byTarget.total).toBe(2);
      expect(byTarget.items).toEqual([second, first]);
      expect(byTarget.items[0]?.after).toEqual({ $set: 'kept', title: 'x' });
      expect((await store().audit.list({ actor }, 0, 1)).items).toEqual([second]);
    });
  });
}
