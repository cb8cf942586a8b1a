import type mongoose from 'mongoose';
import type { AuditEntry, AuditStore, NewAuditEntry, Page } from '../types';
import { guard } from './mongoErrors';
import { pageOfDocs } from './mongoQuery';
import type { AuditDoc, Models } from './models';

function auditFromDoc(d: AuditDoc): AuditEntry {
  return {
    id: d._id.toHexString(),
    actor: d.actor,
    action: d.action,
    target: d.target,
    before: JSON.parse(d.beforeJson) as unknown,
    after: JSON.parse(d.afterJson) as unknown,
    at: d.at,
  };
}

export class MongoAuditStore implements AuditStore {
  constructor(private readonly m: Models) {}

  record(entry: NewAuditEntry): Promise<AuditEntry> {
    return guard(async () => {
      const created = await this.m.audit.create({
        actor: entry.actor,
        action: entry.action,
        target: entry.target,
        // JSON text: before/after snapshots may hold keys MongoDB treats specially.
        beforeJson: JSON.stringify(entry.before ?? null),
        afterJson: JSON.stringify(entry.after ?? null),
        at: entry.at,
      });
      return auditFromDoc(created.toObject());
    });
  }

  list(filter: { target?: string; actor?: string }, offset: number, limit: number): Promise<Page<AuditEntry>> {
    const q: mongoose.QueryFilter<AuditDoc> = {};
    if (filter.target !== undefined) q.target = filter.target;
    if (filter.actor !== undefined) q.actor = filter.actor;
    return pageOfDocs(this.m.audit, q, { _id: -1 }, offset, limit, auditFromDoc);
  }
}
