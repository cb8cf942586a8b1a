import type { Page } from '../types';
import type { SqlClient } from './sqlClient';

/** Collects WHERE clauses with numbered parameters, so filters compose without string juggling. */
export class Where {
  readonly params: unknown[] = [];
  private readonly clauses: string[] = [];

  /** `clause` receives the placeholder ("$3") of `value`. */
  add(clause: (placeholder: string) => string, value: unknown): this {
    this.params.push(value);
    this.clauses.push(clause(`$${this.params.length}`));
    return this;
  }

  /** A clause with no parameter. */
  raw(clause: string): this {
    this.clauses.push(clause);
    return this;
  }

  sql(): string {
    return this.clauses.length > 0 ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}

/** One page of `table` rows matching `where`, with the total count for pagers. */
export async function pageOf<R, T>(
  db: SqlClient,
  table: string,
  where: Where,
  orderBy: string,
  offset: number,
  limit: number,
  map: (row: R) => T,
): Promise<Page<T>> {
  const whereSql = where.sql();
  const counted = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM ${table} ${whereSql}`, where.params);
  const total = counted[0]?.total ?? 0;
  const skip = Math.max(0, Math.floor(offset));
  const take = Math.max(0, Math.floor(limit));
  if (take === 0 || skip >= total) return { items: [], total };
  const n = where.params.length;
  const rows = await db.query<R>(`SELECT * FROM ${table} ${whereSql} ORDER BY ${orderBy} OFFSET $${n + 1} LIMIT $${n + 2}`, [
    ...where.params,
    skip,
    take,
  ]);
  return { items: rows.map(map), total };
}
