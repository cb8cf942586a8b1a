import {
  DuplicateTrackingIdError,
  StatusConflictError,
  type Decision,
  type InboxRecord,
  type InboxState,
  type InboxStore,
  type NewInboxRecord,
  type NewReply,
  type NewTicket,
  type Page,
  type AuditStore,
  type DeliveryReport,
  type Reply,
  type ReplyFilter,
  type ReplyOutcome,
  type ReviewStore,
  type TicketPatch,
  type UserStore,
  type ReplyStore,
  type StatusChange,
  type StatusChangeRequest,
  type Store,
  type Ticket,
  type TicketFilter,
  type TicketStore,
} from '../types';
import type { TicketStatus } from '../../tickets/status';
import type { ReporterVault } from '../../privacy/reporterVault';
import { asFoundByInsert, sealInboxRecord, sealTicket } from '../sealing';
import { migrate } from './migrations';
import { SqlAuditStore } from './sqlAuditStore';
import { pageOf, Where } from './sqlQuery';
import { SqlReviewStore } from './sqlReviewStore';
import { SqlSealedIdentities } from './sqlSealedIdentities';
import { SqlStatsStore } from './sqlStats';
import { SqlUserStore } from './sqlUserStore';
import type { SqlClient } from './sqlClient';
import {
  historyFromRow,
  inboxFromRow,
  jsonParam,
  likeContains,
  replyFromRow,
  ticketFromRow,
  type HistoryRow,
  type InboxRow,
  type ReplyRow,
  type TicketRow,
} from './sqlRows';

/** The first history entry and one per automatic step, in order. */
function historyEntries(ticket: NewTicket): { from: TicketStatus | null; to: TicketStatus; note: string | null }[] {
  const entries: { from: TicketStatus | null; to: TicketStatus; note: string | null }[] = [{ from: null, to: ticket.status, note: null }];
  for (const step of ticket.autoSteps ?? []) entries.push({ from: entries.at(-1)?.to ?? null, to: step.to, note: step.note });
  return entries;
}

/** A unique violation on the tracking number (only channel+externalId conflicts are absorbed). */
function isTrackingIdClash(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  return e?.code === '23505' && /tracking_id/.test(e.constraint ?? e.message ?? '');
}

function isKeyClash(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string };
  return e?.code === '23505' && (e.constraint === 'inbox_pkey' || e.constraint === 'inbox_channel_external_id_key');
}

function first<T>(rows: T[], what: string): T {
  const row = rows[0];
  if (row === undefined) throw new Error(`${what} not found`);
  return row;
}

class SqlInboxStore implements InboxStore {
  constructor(
    private readonly db: SqlClient,
    private readonly vault: ReporterVault,
  ) {}

  async insert(given: NewInboxRecord): Promise<{ record: InboxRecord; inserted: boolean }> {
    const record = sealInboxRecord(given, this.vault);
    // The store's clock, not receivedAt: a message polled late must not look stale to recovery at once.
    const now = new Date();
    const rows = await this.db.query<InboxRow>(
      `INSERT INTO inbox (key, channel, external_id, sender, text, attachments, fields, received_at, raw,
         fingerprint, tracking_id, flags, state, attempts, created_at, updated_at)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6::jsonb, $7::jsonb, $8, $9::jsonb, $10, $11, $13::jsonb, 'received', 0, $12, $12)
       ON CONFLICT (channel, external_id) DO NOTHING
       RETURNING *`,
      [
        record.key,
        record.channel,
        record.externalId,
        jsonParam(record.sender),
        record.text,
        jsonParam(record.attachments),
        record.fields === null ? null : jsonParam(record.fields),
        record.receivedAt,
        jsonParam(record.raw),
        record.fingerprint,
        record.trackingId,
        now,
        jsonParam(record.flags),
      ],
    ).catch((error: unknown) => {
      if (isTrackingIdClash(error)) throw new DuplicateTrackingIdError(record.trackingId);
      // ON CONFLICT covers one constraint only: two deliveries of one message racing (a webhook
      // redelivered on two connections at once) can meet on the primary key instead. Same outcome.
      if (isKeyClash(error)) return [];
      throw error;
    });
    if (rows[0]) return { record: inboxFromRow(rows[0]), inserted: true };
    const existing = await this.db.query<InboxRow>('SELECT * FROM inbox WHERE channel = $1 AND external_id = $2', [
      record.channel,
      record.externalId,
    ]);
    return { record: asFoundByInsert(inboxFromRow(first(existing, `inbox record ${record.channel}/${record.externalId}`)), given, this.vault), inserted: false };
  }

  async get(key: string): Promise<InboxRecord | null> {
    const rows = await this.db.query<InboxRow>('SELECT * FROM inbox WHERE key = $1', [key]);
    return rows[0] ? inboxFromRow(rows[0]) : null;
  }

  async getByTrackingId(trackingId: string): Promise<InboxRecord | null> {
    const rows = await this.db.query<InboxRow>('SELECT * FROM inbox WHERE tracking_id = $1', [trackingId]);
    return rows[0] ? inboxFromRow(rows[0]) : null;
  }

  async claim(key: string, at: Date): Promise<InboxRecord | null> {
    const rows = await this.db.query<InboxRow>(
      `UPDATE inbox SET attempts = attempts + 1, updated_at = $2 WHERE key = $1 AND state <> 'processed' RETURNING *`,
      [key, at],
    );
    if (rows[0]) return inboxFromRow(rows[0]);
    return this.get(key);
  }

  async markProcessed(key: string, decision: Decision, ticketId: string | null, at: Date): Promise<void> {
    await this.update(key, `state = 'processed', decision = $2::jsonb, ticket_id = $3, error = NULL, updated_at = $4`, [
      jsonParam(decision),
      ticketId,
      at,
    ]);
  }

  async markFailed(key: string, error: string, at: Date): Promise<void> {
    await this.update(key, `state = 'failed', error = $2, updated_at = $3`, [error, at]);
  }

  async markReceived(key: string, at: Date): Promise<void> {
    // The last error stays for the operator until the message is processed.
    await this.update(key, `state = 'received', updated_at = $2`, [at]);
  }

  async listByState(state: InboxState, olderThan: Date, limit: number): Promise<InboxRecord[]> {
    const rows = await this.db.query<InboxRow>(
      'SELECT * FROM inbox WHERE state = $1 AND updated_at < $2 ORDER BY updated_at, key LIMIT $3',
      [state, olderThan, limit],
    );
    return rows.map(inboxFromRow);
  }

  async countByState(): Promise<Record<InboxState, number>> {
    const rows = await this.db.query<{ state: InboxState; n: number }>(
      'SELECT state, count(*)::int AS n FROM inbox GROUP BY state',
    );
    const counts: Record<InboxState, number> = { received: 0, processed: 0, failed: 0 };
    for (const r of rows) counts[r.state] = r.n;
    return counts;
  }

  async listForTicket(trackingId: string): Promise<InboxRecord[]> {
    const rows = await this.db.query<InboxRow>(
      'SELECT * FROM inbox WHERE ticket_id = $1 ORDER BY received_at, created_at, key',
      [trackingId],
    );
    return rows.map(inboxFromRow);
  }

  private async update(key: string, set: string, params: unknown[]): Promise<void> {
    const rows = await this.db.query(`UPDATE inbox SET ${set} WHERE key = $1 RETURNING key`, [key, ...params]);
    first(rows, `inbox record ${key}`);
  }
}

class SqlTicketStore implements TicketStore {
  constructor(
    private readonly db: SqlClient,
    private readonly vault: ReporterVault,
  ) {}

  create(given: NewTicket): Promise<{ ticket: Ticket; created: boolean }> {
    const ticket = sealTicket(given, this.vault);
    const steps = ticket.autoSteps ?? [];
    const finalStatus = steps.at(-1)?.to ?? ticket.status;
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<TicketRow>(
        `INSERT INTO tickets (tracking_id, source_key, channel, reporter, title, text, category, location,
           occurred_at, privacy, language, status, verify_due_at, created_at, updated_at,
           agency, region_code, case_id, duplicate_of, follow_up_due_at)
         VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $15, $16, $17, $18, $19)
         ON CONFLICT (source_key) DO NOTHING
         RETURNING *`,
        [
          ticket.trackingId,
          ticket.sourceKey,
          ticket.channel,
          jsonParam(ticket.reporter),
          ticket.title,
          ticket.text,
          ticket.category,
          ticket.location,
          ticket.occurredAt,
          ticket.privacy,
          ticket.language,
          finalStatus,
          ticket.verifyDueAt,
          ticket.createdAt,
          ticket.agency,
          ticket.regionCode,
          ticket.caseId,
          ticket.duplicateOf,
          ticket.followUpDueAt ?? null,
        ],
      );
      if (rows[0]) {
        const entries = historyEntries(ticket);
        await tx.query(
          `INSERT INTO ticket_history (tracking_id, from_status, to_status, actor, note, at, agency)
           SELECT $1, e->>'from', e->>'to', $2, e->>'note', $3, $5 FROM jsonb_array_elements($4::jsonb) WITH ORDINALITY AS x(e, n) ORDER BY n`,
          [ticket.trackingId, ticket.actor, ticket.createdAt, jsonParam(entries), ticket.agency],
        );
        return { ticket: ticketFromRow(rows[0]), created: true };
      }
      const existing = await tx.query<TicketRow>('SELECT * FROM tickets WHERE source_key = $1', [ticket.sourceKey]);
      return { ticket: ticketFromRow(first(existing, `ticket from ${ticket.sourceKey}`)), created: false };
    });
  }

  async get(trackingId: string): Promise<Ticket | null> {
    const rows = await this.db.query<TicketRow>('SELECT * FROM tickets WHERE tracking_id = $1', [trackingId]);
    return rows[0] ? ticketFromRow(rows[0]) : null;
  }

  list(filter: TicketFilter, offset: number, limit: number): Promise<Page<Ticket>> {
    const where = new Where();
    if (filter.status !== undefined) where.add((p) => `status = ${p}`, filter.status);
    if (filter.statuses !== undefined) where.add((p) => `status = ANY(${p}::text[])`, filter.statuses);
    if (filter.category !== undefined) where.add((p) => `category = ${p}`, filter.category);
    if (filter.channel !== undefined) where.add((p) => `channel = ${p}`, filter.channel);
    if (filter.agency !== undefined) where.add((p) => `agency = ${p}`, filter.agency);
    if (filter.agencies !== undefined) where.add((p) => `agency = ANY(${p}::text[])`, filter.agencies);
    if (filter.caseId !== undefined) where.add((p) => `case_id = ${p}`, filter.caseId);
    if (filter.duplicateOf !== undefined) where.add((p) => `duplicate_of = ${p}`, filter.duplicateOf);
    if (filter.region !== undefined) {
      // "32.73" matches itself and everything under it, never "32.730…" (codes are dot-separated).
      where.add((p) => `(region_code = ${p} OR region_code LIKE ${p} || '.%')`, filter.region);
    }
    if (filter.reporter !== undefined) {
      where.add((p) => `(reporter->>'id' = ${p} OR reporter->>'phone' = ${p} OR reporter->>'handle' = ${p})`, filter.reporter);
    }
    if (filter.from !== undefined) where.add((p) => `created_at >= ${p}`, filter.from);
    if (filter.to !== undefined) where.add((p) => `created_at < ${p}`, filter.to);
    if (filter.autoCloseBefore !== undefined) where.add((p) => `auto_close_at <= ${p}`, filter.autoCloseBefore);
    if (filter.text !== undefined && filter.text !== '') {
      where.add((p) => `(title ILIKE ${p} ESCAPE '\\' OR text ILIKE ${p} ESCAPE '\\')`, likeContains(filter.text));
    }
    return pageOf(this.db, 'tickets', where, 'created_at DESC, tracking_id', offset, limit, ticketFromRow);
  }

  async update(trackingId: string, patch: TicketPatch, at: Date): Promise<Ticket | null> {
    const params: unknown[] = [trackingId, at];
    const sets = ['updated_at = $2'];
    const columns: Record<keyof TicketPatch, string> = {
      title: 'title',
      category: 'category',
      location: 'location',
      regionCode: 'region_code',
      agency: 'agency',
      caseId: 'case_id',
      duplicateOf: 'duplicate_of',
    };
    for (const [field, column] of Object.entries(columns) as [keyof TicketPatch, string][]) {
      if (patch[field] === undefined) continue;
      params.push(patch[field]);
      sets.push(`${column} = $${params.length}`);
    }
    const rows = await this.db.query<TicketRow>(`UPDATE tickets SET ${sets.join(', ')} WHERE tracking_id = $1 RETURNING *`, params);
    return rows[0] ? ticketFromRow(rows[0]) : null;
  }

  changeStatus(change: StatusChangeRequest): Promise<Ticket> {
    return this.db.transaction(async (tx) => {
      const params: unknown[] = [change.trackingId, change.from, change.to, change.at];
      let set = 'status = $3, updated_at = $4';
      // undefined leaves a deadline as it is; null clears it.
      if (change.followUpDueAt !== undefined) {
        params.push(change.followUpDueAt);
        set += `, follow_up_due_at = $${params.length}`;
      }
      if (change.autoCloseAt !== undefined) {
        params.push(change.autoCloseAt);
        set += `, auto_close_at = $${params.length}`;
      }
      const rows = await tx.query<TicketRow>(
        `UPDATE tickets SET ${set} WHERE tracking_id = $1 AND status = $2 RETURNING *`,
        params,
      );
      const row = rows[0];
      if (!row) {
        const current = await tx.query<Pick<TicketRow, 'status'>>('SELECT status FROM tickets WHERE tracking_id = $1', [
          change.trackingId,
        ]);
        throw new StatusConflictError(change.trackingId, change.from, current[0]?.status ?? null);
      }
      await tx.query(
        `INSERT INTO ticket_history (tracking_id, from_status, to_status, actor, note, at, agency)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        // The agency as the row lock of this UPDATE holds it: an edit cannot slip in between.
        [change.trackingId, change.from, change.to, change.actor, change.note, change.at, row.agency],
      );
      return ticketFromRow(row);
    });
  }

  async history(trackingId: string): Promise<StatusChange[]> {
    const rows = await this.db.query<HistoryRow>(
      'SELECT tracking_id, from_status, to_status, actor, note, at, agency FROM ticket_history WHERE tracking_id = $1 ORDER BY id',
      [trackingId],
    );
    return rows.map(historyFromRow);
  }
}

class SqlReplyStore implements ReplyStore {
  constructor(private readonly db: SqlClient) {}

  async create(reply: NewReply): Promise<{ reply: Reply; created: boolean }> {
    const rows = await this.db.query<ReplyRow>(
      `INSERT INTO replies (id, tracking_id, message_key, channel, recipient, text, language, event, status,
         attempts, sent_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8,
         CASE WHEN $10 THEN 'delivered' ELSE 'queued' END, CASE WHEN $10 THEN 1 ELSE 0 END,
         CASE WHEN $10 THEN $9::timestamptz END, $9, $9)
       ON CONFLICT (id) DO NOTHING
       RETURNING *`,
      [
        reply.id,
        reply.trackingId,
        reply.messageKey,
        reply.channel,
        jsonParam(reply.recipient),
        reply.text,
        reply.language,
        reply.event,
        reply.createdAt,
        reply.deliveredOnRecord === true,
      ],
    );
    if (rows[0]) return { reply: replyFromRow(rows[0]), created: true };
    const existing = await this.get(reply.id);
    if (!existing) throw new Error(`reply ${reply.id} not found`);
    return { reply: existing, created: false };
  }

  async get(id: string): Promise<Reply | null> {
    const rows = await this.db.query<ReplyRow>('SELECT * FROM replies WHERE id = $1', [id]);
    return rows[0] ? replyFromRow(rows[0]) : null;
  }

  async recordOutcome(id: string, outcome: ReplyOutcome): Promise<Reply> {
    // error describes the latest attempt; providerId, once known, stays unless a new one is given;
    // sentAt is the first time the provider accepted the reply.
    const params: unknown[] = [id, outcome.status, outcome.at, outcome.error ?? null];
    // A delivery receipt can beat the sender's own record of the send: 'sent' must not undo it.
    let set = `status = CASE WHEN status = 'delivered' AND $2 = 'sent' THEN status ELSE $2 END,
      attempts = attempts + 1, updated_at = $3, error = $4,
      sent_at = CASE WHEN $2 IN ('sent', 'delivered') THEN COALESCE(sent_at, $3) ELSE sent_at END`;
    if (outcome.providerId !== undefined) {
      params.push(outcome.providerId);
      set += `, provider_id = $${params.length}`;
    }
    const rows = await this.db.query<ReplyRow>(`UPDATE replies SET ${set} WHERE id = $1 RETURNING *`, params);
    return replyFromRow(first(rows, `reply ${id}`));
  }

  async listForTicket(trackingId: string): Promise<Reply[]> {
    const rows = await this.db.query<ReplyRow>('SELECT * FROM replies WHERE tracking_id = $1 ORDER BY created_at, id', [
      trackingId,
    ]);
    return rows.map(replyFromRow);
  }

  async listQueued(olderThan: Date, limit: number): Promise<Reply[]> {
    const rows = await this.db.query<ReplyRow>(
      `SELECT * FROM replies WHERE status = 'queued' AND updated_at < $1 ORDER BY updated_at, id LIMIT $2`,
      [olderThan, limit],
    );
    return rows.map(replyFromRow);
  }

  async recordDelivery(id: string, report: DeliveryReport): Promise<Reply | null> {
    // A late or repeated 'failed' receipt must not undo a delivery the citizen already has.
    const rows = await this.db.query<ReplyRow>(
      `UPDATE replies SET status = CASE WHEN status = 'delivered' THEN status ELSE $2 END,
         error = CASE WHEN status = 'delivered' THEN error ELSE $3 END, updated_at = $4
       WHERE id = $1 RETURNING *`,
      [id, report.status, report.error ?? null, report.at],
    );
    return rows[0] ? replyFromRow(rows[0]) : null;
  }

  list(filter: ReplyFilter, offset: number, limit: number): Promise<Page<Reply>> {
    const where = new Where();
    if (filter.status !== undefined) where.add((p) => `status = ${p}`, filter.status);
    if (filter.channel !== undefined) where.add((p) => `channel = ${p}`, filter.channel);
    return pageOf(this.db, 'replies', where, 'created_at DESC, id', offset, limit, replyFromRow);
  }
}

/** The Store on PostgreSQL: PGlite embedded, or a PostgreSQL server through a pool. */
export class SqlStore implements Store {
  readonly inbox: InboxStore;
  readonly tickets: TicketStore;
  readonly replies: ReplyStore;
  readonly review: ReviewStore;
  readonly users: UserStore;
  readonly audit: AuditStore;
  readonly stats: SqlStatsStore;
  readonly sealed: SqlSealedIdentities;

  /** `vault` seals rahasia reporters' identities before they are written (src/store/sealing.ts). */
  constructor(
    private readonly db: SqlClient,
    readonly kind: 'pglite' | 'postgres',
    vault: ReporterVault,
  ) {
    this.inbox = new SqlInboxStore(db, vault);
    this.tickets = new SqlTicketStore(db, vault);
    this.replies = new SqlReplyStore(db);
    this.review = new SqlReviewStore(db);
    this.users = new SqlUserStore(db);
    this.audit = new SqlAuditStore(db);
    this.stats = new SqlStatsStore(db);
    this.sealed = new SqlSealedIdentities(db);
  }

  async init(): Promise<void> {
    await migrate(this.db);
  }

  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
