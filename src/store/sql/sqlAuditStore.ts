import type { AuditEntry, AuditStore, NewAuditEntry, Page } from '../types';
import type { SqlClient } from './sqlClient';
import { pageOf, Where } from './sqlQuery';
import { auditFromRow, jsonParam, type AuditRow } from './sqlRows';

export class SqlAuditStore implements AuditStore {
  constructor(private readonly db: SqlClient) {}

  async record(entry: NewAuditEntry): Promise<AuditEntry> {
    const rows = await this.db.query<AuditRow>(
      `INSERT INTO audit_log (actor, action, target, before, after, at)
       VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6) RETURNING *`,
      [entry.actor, entry.action, entry.target, jsonParam(entry.before), jsonParam(entry.after), entry.at],
    );
    const row = rows[0];
    if (!row) throw new Error('audit entry was not stored');
    return auditFromRow(row);
  }

  list(filter: { target?: string; actor?: string }, offset: number, limit: number): Promise<Page<AuditEntry>> {
    const where = new Where();
    if (filter.target !== undefined) where.add((p) => `target = ${p}`, filter.target);
    if (filter.actor !== undefined) where.add((p) => `actor = ${p}`, filter.actor);
    return pageOf(this.db, 'audit_log', where, 'id DESC', offset, limit, auditFromRow);
  }
}
