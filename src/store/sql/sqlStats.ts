import type { ChannelDayCount, OverdueTicket, Page, SlaClock, SlaCount, SlaStanding, StatsStore } from '../types';
import type { TicketStatus } from '../../tickets/status';
import type { SqlClient } from './sqlClient';

// WIB is UTC+7 all year (no daylight saving), so a fixed shift gives the Jakarta calendar day
// without relying on the time zone database, which PGlite builds may lack.
const WIB_DAY = `to_char((received_at AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY-MM-DD')`;

// The deadline of the clock running on a ticket; NULL when none runs (see StatsStore).
const CLOCK = `CASE WHEN status IN ('belum_terverifikasi', 'terverifikasi') THEN 'verify' ELSE 'follow_up' END`;
const DUE = `CASE WHEN status IN ('belum_terverifikasi', 'terverifikasi') THEN verify_due_at ELSE follow_up_due_at END`;
const RUNNING = `status IN ('belum_terverifikasi', 'terverifikasi', 'diteruskan')`;

export class SqlStatsStore implements StatsStore {
  constructor(private readonly db: SqlClient) {}

  async messagesPerDay(from: Date, to: Date): Promise<ChannelDayCount[]> {
    const rows = await this.db.query<ChannelDayCount>(
      `SELECT ${WIB_DAY} AS day, channel, count(*)::int AS count
       FROM inbox WHERE received_at >= $1 AND received_at < $2
       GROUP BY 1, 2 ORDER BY 1, 2`,
      [from, to],
    );
    return rows.map((r) => ({ day: r.day, channel: r.channel, count: r.count }));
  }

  async medianFirstReplySeconds(from: Date, to: Date): Promise<number | null> {
    const rows = await this.db.query<{ median: number | null }>(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_sent - received_at))::float8 AS median
       FROM (
         SELECT i.received_at, min(r.sent_at) AS first_sent
         FROM inbox i JOIN replies r ON r.message_key = i.key
         WHERE i.received_at >= $1 AND i.received_at < $2 AND r.sent_at IS NOT NULL
         GROUP BY i.key, i.received_at
       ) answered`,
      [from, to],
    );
    const median = rows[0]?.median;
    return median === null || median === undefined ? null : Number(median);
  }

  async openTicketsBySla(now: Date, soonMs: number): Promise<SlaCount[]> {
    const rows = await this.db.query<{ clock: SlaClock; standing: SlaStanding; count: number }>(
      `SELECT clock, standing, count(*)::int AS count FROM (
         SELECT ${CLOCK} AS clock,
                CASE WHEN ${DUE} < $1 THEN 'overdue' WHEN ${DUE} < $2 THEN 'due_soon' ELSE 'on_track' END AS standing
         FROM tickets WHERE ${RUNNING} AND ${DUE} IS NOT NULL
       ) t GROUP BY clock, standing ORDER BY clock, standing`,
      [now, new Date(now.getTime() + soonMs)],
    );
    return rows.map((r) => ({ clock: r.clock, standing: r.standing, count: r.count }));
  }

  async overdueTickets(now: Date, offset: number, limit: number): Promise<Page<OverdueTicket>> {
    const where = `WHERE ${RUNNING} AND ${DUE} < $1`;
    const counted = await this.db.query<{ total: number }>(`SELECT count(*)::int AS total FROM tickets ${where}`, [now]);
    const total = counted[0]?.total ?? 0;
    const rows = await this.db.query<{ tracking_id: string; title: string; status: TicketStatus; agency: string | null; clock: SlaClock; due_at: Date }>(
      `SELECT tracking_id, title, status, agency, ${CLOCK} AS clock, ${DUE} AS due_at
       FROM tickets ${where} ORDER BY due_at, tracking_id OFFSET $2 LIMIT $3`,
      [now, Math.max(0, Math.floor(offset)), Math.max(0, Math.floor(limit))],
    );
    return {
      total,
      items: rows.map((r) => ({ trackingId: r.tracking_id, title: r.title, status: r.status, agency: r.agency, clock: r.clock, dueAt: r.due_at })),
    };
  }

  async failedRepliesPerChannel(from: Date, to: Date): Promise<{ channel: string; count: number }[]> {
    const rows = await this.db.query<{ channel: string; count: number }>(
      `SELECT channel, count(*)::int AS count FROM replies
       WHERE status = 'failed' AND created_at >= $1 AND created_at < $2
       GROUP BY channel ORDER BY channel`,
      [from, to],
    );
    return rows.map((r) => ({ channel: r.channel, count: r.count }));
  }
}
