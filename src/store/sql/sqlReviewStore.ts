import { REVIEW_REASONS, ReviewConflictError, type NewReviewItem, type Page, type ReviewFilter, type ReviewItem, type ReviewReason, type ReviewStore } from '../types';
import type { SqlClient } from './sqlClient';
import { pageOf, Where } from './sqlQuery';
import { jsonParam, reviewFromRow, type ReviewRow } from './sqlRows';

export class SqlReviewStore implements ReviewStore {
  constructor(private readonly db: SqlClient) {}

  async create(item: NewReviewItem): Promise<{ item: ReviewItem; created: boolean }> {
    const rows = await this.db.query<ReviewRow>(
      `INSERT INTO review_items (id, reason, channel, message_key, tracking_id, suggestion, reasons, state, created_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, 'open', $8)
       ON CONFLICT (id) DO NOTHING
       RETURNING *`,
      [item.id, item.reason, item.channel, item.messageKey, item.trackingId, jsonParam(item.suggestion), jsonParam(item.reasons), item.createdAt],
    );
    if (rows[0]) return { item: reviewFromRow(rows[0]), created: true };
    const existing = await this.get(item.id);
    if (!existing) throw new Error(`review item ${item.id} not found`);
    return { item: existing, created: false };
  }

  async get(id: string): Promise<ReviewItem | null> {
    const rows = await this.db.query<ReviewRow>('SELECT * FROM review_items WHERE id = $1', [id]);
    return rows[0] ? reviewFromRow(rows[0]) : null;
  }

  list(filter: ReviewFilter, offset: number, limit: number): Promise<Page<ReviewItem>> {
    const where = new Where();
    if (filter.state !== undefined) where.add((p) => `state = ${p}`, filter.state);
    if (filter.reason !== undefined) where.add((p) => `reason = ${p}`, filter.reason);
    if (filter.channel !== undefined) where.add((p) => `channel = ${p}`, filter.channel);
    if (filter.trackingId !== undefined) where.add((p) => `tracking_id = ${p}`, filter.trackingId);
    return pageOf(this.db, 'review_items', where, 'created_at, id', offset, limit, reviewFromRow);
  }

  async resolve(id: string, resolution: string, actor: string, at: Date): Promise<ReviewItem> {
    const rows = await this.db.query<ReviewRow>(
      `UPDATE review_items SET state = 'resolved', resolution = $2, resolved_by = $3, resolved_at = $4
       WHERE id = $1 AND state = 'open' RETURNING *`,
      [id, resolution, actor, at],
    );
    if (!rows[0]) throw new ReviewConflictError(id);
    return reviewFromRow(rows[0]);
  }

  async countOpen(): Promise<Record<ReviewReason, number>> {
    const rows = await this.db.query<{ reason: ReviewReason; n: number }>(
      `SELECT reason, count(*)::int AS n FROM review_items WHERE state = 'open' GROUP BY reason`,
    );
    const counts = Object.fromEntries(REVIEW_REASONS.map((r) => [r, 0])) as Record<ReviewReason, number>;
    for (const r of rows) counts[r.reason] = r.n;
    return counts;
  }
}
