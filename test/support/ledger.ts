import { allItems } from '../../src/store/pages';
import type { InboxRecord, Store } from '../../src/store/types';

/**
 * The books of a fault run: what the gateway acknowledged to its channels against what it made of
 * it. Every acknowledged message must end processed, as exactly one ticket or attached to one (or
 * answered as a status query, or parked as flood), with exactly one reply when a reply is due. The
 * differences are counted, not guessed: each must be zero.
 */
export interface Ledger {
  run: string;
  acknowledged: number;
  processed: number;
  tickets: number;
  /** Messages attached to an existing ticket (duplicate or follow-up) instead of making one. */
  attached: number;
  /** Processed without a ticket of their own or an attachment: status queries, greetings, flood parked. */
  other: number;
  replies: number;
  /** Sends the platform (SMSC, fake X/Graph API) saw, when the run counts them. */
  platformSends: number | null;
  /** acknowledged but not processed (yet or ever). */
  lost: number;
  /** tickets in the store that no acknowledged message accounts for, or more than one per message. */
  strayTickets: number;
  /** messages decided as a new ticket whose ticket is not in the store. */
  missingTickets: number;
  /** acknowledged messages due a reply that have none. */
  missingReplies: number;
  /** replies beyond one per message, in the store or at the platform. */
  duplicateReplies: number;
  differences: number;
}

export interface LedgerOptions {
  /** Whether a processed message is due one reply; by default all but flood-parked ones are. */
  replyDue?: (record: InboxRecord) => boolean;
  /** Sends the platform recorded per message key, to catch a reply sent twice on the wire. */
  platformSendsByKey?: Map<string, number>;
}

/** Counts the books of `acknowledgedKeys` (inbox message keys) against everything in `store`. */
export async function takeLedger(run: string, store: Store, acknowledgedKeys: Iterable<string>, options: LedgerOptions = {}): Promise<Ledger> {
  const keys = [...new Set(acknowledgedKeys)];
  const replyDue = options.replyDue ?? ((r: InboxRecord) => !r.flags.includes('flood'));
  const records = await Promise.all(keys.map((k) => store.inbox.get(k)));
  const tickets = await allItems((offset, limit) => store.tickets.list({}, offset, limit));
  const ticketsBySource = new Map<string, number>();
  for (const t of tickets) ticketsBySource.set(t.sourceKey, (ticketsBySource.get(t.sourceKey) ?? 0) + 1);
  const repliesByMessage = new Map<string, number>();
  const replies = await allItems((offset, limit) => store.replies.list({}, offset, limit));
  // Status changes made by operators have no message key; a fault run counts replies to messages.
  for (const r of replies) if (r.messageKey) repliesByMessage.set(r.messageKey, (repliesByMessage.get(r.messageKey) ?? 0) + 1);

  let processed = 0;
  let madeTickets = 0;
  let missingTickets = 0;
  let attached = 0;
  let other = 0;
  let missingReplies = 0;
  let duplicateReplies = 0;
  let replyCount = 0;
  let platformSends = 0;
  for (const record of records) {
    if (!record || record.state !== 'processed') continue;
    processed++;
    const kind = record.decision?.kind;
    // Suspected spam is filed as a ticket too (workers/inbound/fileReport.ts), for an operator to judge.
    if (kind === 'new_ticket' || kind === 'spam') {
      if (ticketsBySource.get(record.key) === 1) madeTickets++;
      else missingTickets++;
    } else if ((kind === 'duplicate' || kind === 'followup') && record.ticketId) attached++;
    else other++;
    const n = repliesByMessage.get(record.key) ?? 0;
    replyCount += n;
    const sent = options.platformSendsByKey?.get(record.key) ?? 0;
    platformSends += sent;
    if (replyDue(record)) {
      if (n === 0) missingReplies++;
      if (n > 1) duplicateReplies += n - 1;
      if (sent > 1) duplicateReplies += sent - 1;
    }
  }
  const lost = keys.length - processed;
  const strayTickets = tickets.length - madeTickets;
  return {
    run,
    acknowledged: keys.length,
    processed,
    tickets: tickets.length,
    attached,
    other,
    replies: replyCount,
    platformSends: options.platformSendsByKey ? platformSends : null,
    lost,
    strayTickets,
    missingTickets,
    missingReplies,
    duplicateReplies,
    differences: lost + strayTickets + missingTickets + missingReplies + duplicateReplies,
  };
}

const COLUMNS: (keyof Ledger)[] = [
  'run',
  'acknowledged',
  'processed',
  'tickets',
  'attached',
  'other',
  'replies',
  'platformSends',
  'lost',
  'strayTickets',
  'missingTickets',
  'missingReplies',
  'duplicateReplies',
  'differences',
];

/** The ledger as a fixed-width text table, one row per run. */
export function formatLedger(rows: Ledger[]): string {
  const cells = [COLUMNS.map(String), ...rows.map((r) => COLUMNS.map((c) => (r[c] === null ? '-' : String(r[c]))))];
  const widths = COLUMNS.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) => `| ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(cells[0] ?? []), rule, ...cells.slice(1).map(line)].join('\n');
}

/** Prints the ledger table (CI logs show it) and returns it for assertions. */
export function printLedger(...rows: Ledger[]): Ledger[] {
  // eslint-disable-next-line no-console
  console.log(`ledger\n${formatLedger(rows)}`);
  return rows;
}

/** Polls until every acknowledged message is processed and every due reply exists, then takes the ledger. */
export async function settledLedger(run: string, store: Store, keys: Iterable<string>, options: LedgerOptions & { timeoutMs?: number } = {}): Promise<Ledger> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    let ledger: Ledger | null = null;
    try {
      ledger = await takeLedger(run, store, keys, options);
    } catch {
      // the store may still be recovering from the fault
    }
    if (ledger && ledger.lost === 0 && ledger.missingReplies === 0) return ledger;
    if (Date.now() > deadline) return ledger ?? takeLedger(run, store, keys, options);
    await new Promise((r) => setTimeout(r, 250));
  }
}
