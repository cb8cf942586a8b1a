import { randomInt } from 'node:crypto';
import type { Store } from '../../src/store/types';
import { newInbox, newReply, newTicket, rnd } from './storeFixtures';

const DAY = 86_400_000;

/**
 * Dashboard aggregates. Each test works in a window of its own in 1975–1979 (no other contract
 * test writes there) or on channels named for it, so other tests' records never count.
 */
export function describeStatsContract(store: () => Store): void {
  // A random day in 1975–1979 per run, so a persistent test database never sees a window twice.
  const epoch = (): number => Date.UTC(1975, 0, 1) + randomInt(0, 1700) * DAY;

  describe('stats', () => {
    test('messagesPerDay counts per channel per WIB day, within [from, to)', async () => {
      const a = `st-a-${rnd()}`;
      const b = `st-b-${rnd()}`;
      const day0 = epoch();
      const at = (ms: number) => new Date(day0 + ms);
      // 16:59 UTC is 23:59 WIB the same day; 17:00 UTC is already the next day in WIB.
      for (const [channel, t] of [
        [a, at(2 * 3_600_000)],
        [a, at(16 * 3_600_000 + 59 * 60_000)],
        [a, at(17 * 3_600_000)],
        [b, at(17 * 3_600_000 + 1)],
        [a, at(3 * DAY)],
      ] as const) {
        await store().inbox.insert(newInbox({ channel, receivedAt: t }));
      }
      const rows = (await store().stats.messagesPerDay(at(-DAY), at(3 * DAY))).filter((r) => r.channel === a || r.channel === b);
      const dayName = (ms: number) => new Date(day0 + ms).toISOString().slice(0, 10);
      expect(rows).toEqual([
        { day: dayName(0), channel: a, count: 2 },
        { day: dayName(DAY), channel: a, count: 1 },
        { day: dayName(DAY), channel: b, count: 1 },
      ]);
    });

    test('medianFirstReplySeconds takes the first sent reply of each answered message', async () => {
      const t0 = epoch();
      const received = (n: number) => new Date(t0 + n * 60_000);
      const delays = [10, 30, 100];
      for (const [i, seconds] of delays.entries()) {
        const msg = newInbox({ receivedAt: received(i) });
        await store().inbox.insert(msg);
        const first = newReply({ messageKey: msg.key, createdAt: received(i) });
        const later = newReply({ messageKey: msg.key, createdAt: received(i) });
        await store().replies.create(first);
        await store().replies.create(later);
        await store().replies.recordOutcome(later.id, { status: 'sent', at: new Date(received(i).getTime() + seconds * 1000 + 50_000) });
        await store().replies.recordOutcome(first.id, { status: 'sent', at: new Date(received(i).getTime() + seconds * 1000) });
      }
      // Received in the window but never answered (still queued): not counted.
      const unanswered = newInbox({ receivedAt: received(5) });
      await store().inbox.insert(unanswered);
      await store().replies.create(newReply({ messageKey: unanswered.key, createdAt: received(5) }));

      expect(await store().stats.medianFirstReplySeconds(received(0), received(10))).toBeCloseTo(30, 3);
      // Two answered messages: the mean of the middle pair.
      expect(await store().stats.medianFirstReplySeconds(received(1), received(10))).toBeCloseTo(65, 3);
      expect(await store().stats.medianFirstReplySeconds(received(20), received(30))).toBeNull();
    });

    test('openTicketsBySla and overdueTickets judge the clock each status runs', async () => {
      const now = new Date(epoch());
      const rel = (ms: number) => new Date(now.getTime() + ms);
      const soonMs = DAY;
      const before = await store().stats.openTicketsBySla(now, soonMs);

      const overdueVerify = newTicket({ verifyDueAt: rel(-3_600_000), title: 'lewat verifikasi' });
      const soonVerify = newTicket({ status: 'terverifikasi', verifyDueAt: rel(3_600_000) });
      const onTrack = newTicket({ verifyDueAt: rel(5 * DAY) });
      const forwarded = newTicket({ verifyDueAt: rel(-9 * DAY), agency: 'dinas-x' });
      // On hold: no clock runs, however old its verification deadline.
      const onHold = newTicket({ status: 'tunda', verifyDueAt: rel(-20 * DAY) });
      for (const t of [overdueVerify, soonVerify, onTrack, forwarded, onHold]) await store().tickets.create(t);
      await store().tickets.changeStatus({
        trackingId: forwarded.trackingId,
        from: 'belum_terverifikasi',
        to: 'diteruskan',
        actor: 'test',
        note: null,
        at: rel(-8 * DAY),
        followUpDueAt: rel(-2 * DAY),
      });

      const after = await store().stats.openTicketsBySla(now, soonMs);
      const delta = (clock: string, standing: string) =>
        (after.find((c) => c.clock === clock && c.standing === standing)?.count ?? 0) -
        (before.find((c) => c.clock === clock && c.standing === standing)?.count ?? 0);
      expect(delta('verify', 'overdue')).toBe(1);
      expect(delta('verify', 'due_soon')).toBe(1);
      expect(delta('verify', 'on_track')).toBe(1);
      expect(delta('follow_up', 'overdue')).toBe(1);
      expect(delta('follow_up', 'due_soon')).toBe(0);

      const overdue = await store().stats.overdueTickets(now, 0, 100);
      const mine = overdue.items.filter((o) => [overdueVerify, forwarded, onHold].some((t) => t.trackingId === o.trackingId));
      expect(mine).toEqual([
        { trackingId: forwarded.trackingId, title: forwarded.title, status: 'diteruskan', agency: 'dinas-x', clock: 'follow_up', dueAt: rel(-2 * DAY) },
        { trackingId: overdueVerify.trackingId, title: 'lewat verifikasi', status: 'belum_terverifikasi', agency: null, clock: 'verify', dueAt: rel(-3_600_000) },
      ]);
      expect(overdue.total).toBeGreaterThanOrEqual(2);
      const paged = await store().stats.overdueTickets(now, 0, 1);
      expect(paged.items).toHaveLength(1);
      expect(paged.total).toBe(overdue.total);
    });

    test('failedRepliesPerChannel counts failed replies created in the window', async () => {
      const channel = `st-f-${rnd()}`;
      const t0 = epoch();
      const failed = [newReply({ channel, createdAt: new Date(t0) }), newReply({ channel, createdAt: new Date(t0 + 1000) })];
      const sent = newReply({ channel, createdAt: new Date(t0 + 2000) });
      const outside = newReply({ channel, createdAt: new Date(t0 + 2 * DAY) });
      for (const r of [...failed, sent, outside]) await store().replies.create(r);
      for (const r of [...failed, outside]) await store().replies.recordOutcome(r.id, { status: 'failed', error: 'rejected', at: new Date(t0 + 5000) });
      await store().replies.recordOutcome(sent.id, { status: 'sent', at: new Date(t0 + 5000) });

      const rows = await store().stats.failedRepliesPerChannel(new Date(t0), new Date(t0 + DAY));
      expect(rows.filter((r) => r.channel === channel)).toEqual([{ channel, count: 2 }]);
    });
  });
}
