import { allItems } from '../../src/store/pages';
import type { InboxRecord, Store } from '../../src/store/types';
import { percentiles } from '../../bench/support/stats';

export interface ChannelSummary {
  channel: string;
  /** Actions the generator sent (resends included). */
  sent: number;
  /** Messages stored in the inbox (resends of the same id are stored once). */
  messages: number;
  tickets: number;
  duplicates: number;
  followups: number;
  statusQueries: number;
  reviewItems: number;
  repliesSent: number;
  repliesDelivered: number;
  /** Seconds from receipt to reply sent. */
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

async function allMessages(store: Store): Promise<InboxRecord[]> {
  const later = new Date(Date.now() + 60_000);
  const states = ['received', 'processed', 'failed'] as const;
  return (await Promise.all(states.map((s) => store.inbox.listByState(s, later, 1_000_000)))).flat();
}

/** What the store says happened, per channel: the demo's closing table. */
export async function summarise(store: Store, sentPerChannel: Map<string, number>): Promise<ChannelSummary[]> {
  const messages = await allMessages(store);
  const replies = await allItems((offset, limit) => store.replies.list({}, offset, limit), 1000);
  const received = new Map(messages.map((m) => [m.key, m.receivedAt.getTime()]));
  const channelsSeen = [...new Set([...sentPerChannel.keys(), ...messages.map((m) => m.channel)])];
  const rows: ChannelSummary[] = [];
  for (const channel of channelsSeen) {
    const mine = messages.filter((m) => m.channel === channel);
    const kinds = (k: string) => mine.filter((m) => m.decision?.kind === k).length;
    const theirReplies = replies.filter((r) => r.channel === channel);
    const latencies = theirReplies
      .filter((r) => r.sentAt && r.messageKey && received.has(r.messageKey))
      .map((r) => (r.sentAt!.getTime() - received.get(r.messageKey!)!) / 1000);
    const p = latencies.length > 0 ? percentiles(latencies) : null;
    const review = await store.review.list({ channel }, 0, 1);
    rows.push({
      channel,
      sent: sentPerChannel.get(channel) ?? 0,
      messages: mine.length,
      tickets: kinds('new_ticket'),
      duplicates: kinds('duplicate'),
      followups: kinds('followup'),
      statusQueries: kinds('status_query'),
      reviewItems: review.total,
      repliesSent: theirReplies.filter((r) => r.status === 'sent' || r.status === 'delivered').length,
      repliesDelivered: theirReplies.filter((r) => r.status === 'delivered').length,
      p50: p?.p50 ?? null,
      p95: p?.p95 ?? null,
      p99: p?.p99 ?? null,
    });
  }
  return rows;
}

export function summaryTable(rows: ChannelSummary[]): string {
  const head = ['channel', 'sent', 'messages', 'tickets', 'duplicates', 'follow-ups', 'status q.', 'review items', 'replies sent', 'delivered', 'p50 s', 'p95 s', 'p99 s'];
  const secs = (v: number | null) => (v === null ? '—' : v.toFixed(2));
  const total = (k: keyof ChannelSummary) => rows.reduce((s, r) => s + (r[k] as number), 0);
  const body = rows.map((r) => [r.channel, r.sent, r.messages, r.tickets, r.duplicates, r.followups, r.statusQueries, r.reviewItems, r.repliesSent, r.repliesDelivered, secs(r.p50), secs(r.p95), secs(r.p99)].map(String));
  body.push(['total', ...(['sent', 'messages', 'tickets', 'duplicates', 'followups', 'statusQueries', 'reviewItems', 'repliesSent', 'repliesDelivered'] as const).map((k) => String(total(k))), '', '', '']);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
