import type { PipelineStage } from 'mongoose';
import type { TicketStatus } from '../../tickets/status';
import type { ChannelDayCount, OverdueTicket, Page, SlaClock, SlaCount, SlaStanding, StatsStore } from '../types';
import { guard } from './mongoErrors';
import type { Models } from './models';

const VERIFYING: TicketStatus[] = ['belum_terverifikasi', 'terverifikasi'];
const RUNNING: TicketStatus[] = [...VERIFYING, 'diteruskan'];

// The clock running on a ticket and its deadline (see StatsStore), as aggregation expressions.
const CLOCK = { $cond: [{ $in: ['$status', VERIFYING] }, 'verify', 'follow_up'] };
const DUE = { $cond: [{ $in: ['$status', VERIFYING] }, '$verifyDueAt', '$followUpDueAt'] };

function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export class MongoStatsStore implements StatsStore {
  constructor(private readonly m: Models) {}

  messagesPerDay(from: Date, to: Date): Promise<ChannelDayCount[]> {
    return guard(async () => {
      const rows = await this.m.inbox.aggregate<{ _id: { day: string; channel: string }; count: number }>([
        { $match: { receivedAt: { $gte: from, $lt: to } } },
        // WIB is UTC+7 all year.
        { $group: { _id: { day: { $dateToString: { format: '%Y-%m-%d', date: '$receivedAt', timezone: '+07:00' } }, channel: '$channel' }, count: { $sum: 1 } } },
        { $sort: { '_id.day': 1, '_id.channel': 1 } },
      ]);
      return rows.map((r) => ({ day: r._id.day, channel: r._id.channel, count: r.count }));
    });
  }

  medianFirstReplySeconds(from: Date, to: Date): Promise<number | null> {
    return guard(async () => {
      const rows = await this.m.inbox.aggregate<{ seconds: number[] }>([
        { $match: { receivedAt: { $gte: from, $lt: to } } },
        {
          $lookup: {
            from: this.m.replies.collection.collectionName,
            let: { key: '$_id' },
            pipeline: [
              { $match: { $expr: { $and: [{ $eq: ['$messageKey', '$$key'] }, { $ne: ['$sentAt', null] }] } } },
              { $group: { _id: null, first: { $min: '$sentAt' } } },
            ],
            as: 'reply',
          },
        },
        { $unwind: '$reply' },
        { $project: { s: { $divide: [{ $subtract: ['$reply.first', '$receivedAt'] }, 1000] } } },
        { $sort: { s: 1 } },
        { $group: { _id: null, seconds: { $push: '$s' } } },
      ]);
      return median(rows[0]?.seconds ?? []);
    });
  }

  openTicketsBySla(now: Date, soonMs: number): Promise<SlaCount[]> {
    return guard(async () => {
      const soon = new Date(now.getTime() + soonMs);
      const rows = await this.m.tickets.aggregate<{ _id: { clock: SlaClock; standing: SlaStanding }; count: number }>([
        { $match: { status: { $in: RUNNING } } },
        { $project: { clock: CLOCK, due: DUE } },
        { $match: { due: { $ne: null } } },
        {
          $group: {
            _id: {
              clock: '$clock',
              standing: { $switch: { branches: [{ case: { $lt: ['$due', now] }, then: 'overdue' }, { case: { $lt: ['$due', soon] }, then: 'due_soon' }], default: 'on_track' } },
            },
            count: { $sum: 1 },
          },
        },
        { $sort: { '_id.clock': 1, '_id.standing': 1 } },
      ]);
      return rows.map((r) => ({ clock: r._id.clock, standing: r._id.standing, count: r.count }));
    });
  }

  overdueTickets(now: Date, offset: number, limit: number): Promise<Page<OverdueTicket>> {
    return guard(async () => {
      const stages: PipelineStage[] = [
        { $match: { status: { $in: RUNNING } } },
        { $project: { title: 1, status: 1, agency: 1, clock: CLOCK, dueAt: DUE } },
        { $match: { dueAt: { $ne: null, $lt: now } } },
      ];
      const [counted] = await this.m.tickets.aggregate<{ total: number }>([...stages, { $count: 'total' }]);
      const rows = await this.m.tickets.aggregate<{ _id: string; title: string; status: TicketStatus; agency: string | null; clock: SlaClock; dueAt: Date }>([
        ...stages,
        { $sort: { dueAt: 1, _id: 1 } },
        { $skip: Math.max(0, Math.floor(offset)) },
        { $limit: Math.max(1, Math.floor(limit)) },
      ]);
      return {
        total: counted?.total ?? 0,
        items: rows.map((r) => ({ trackingId: r._id, title: r.title, status: r.status, agency: r.agency ?? null, clock: r.clock, dueAt: r.dueAt })),
      };
    });
  }

  failedRepliesPerChannel(from: Date, to: Date): Promise<{ channel: string; count: number }[]> {
    return guard(async () => {
      const rows = await this.m.replies.aggregate<{ _id: string; count: number }>([
        { $match: { status: 'failed', createdAt: { $gte: from, $lt: to } } },
        { $group: { _id: '$channel', count: { $sum: 1 } } },
        { $sort: { _id: 1 } },
      ]);
      return rows.map((r) => ({ channel: r._id, count: r.count }));
    });
  }
}
