import type { ReporterVault } from '../../privacy/reporterVault';
import type { SealedIdentityStore } from '../types';
import { guard } from './mongoErrors';
import type { Models } from './models';
import { escapeRegex } from './mongoQuery';

/**
 * Key rotation for sealed identities: the sealed strings in sender fields and in the inbox's
 * rawJson. Through the driver's collections: every filter value here is our own, none from outside.
 */
export class MongoSealedIdentities implements SealedIdentityStore {
  constructor(private readonly m: Models) {}

  resealBatch(vault: ReporterVault, limit: number): Promise<number> {
    return guard(async () => {
      const current = new RegExp(`^rv1\\.${escapeRegex(vault.keyId)}\\.`);
      let done = 0;
      const senders = [
        { collection: this.m.tickets.collection, field: 'reporter' },
        { collection: this.m.inbox.collection, field: 'sender' },
        { collection: this.m.replies.collection, field: 'recipient' },
      ];
      for (const { collection, field } of senders) {
        if (done >= limit) break;
        const path = `${field}.sealed`;
        const docs = await collection
          .find({ [path]: { $type: 'string', $not: current } })
          .project<{ _id: string } & Record<string, { sealed: string }>>({ [path]: 1 })
          .limit(limit - done)
          .toArray();
        for (const doc of docs) {
          const old = doc[field]?.sealed as string;
          const fresh = vault.reseal(old);
          if (fresh === null) continue;
          // Only if unchanged since read: a concurrent reseal of the same copy does no harm either way.
          // (`as never`: our _ids are strings, the driver types them as ObjectId.)
          await collection.updateOne({ _id: doc._id, [path]: old } as never, { $set: { [path]: fresh } });
          done++;
        }
      }
      if (done >= limit) return done;
      // The inbox keeps a rahasia message's raw payload as the JSON text of { sealed }.
      const raws = await this.m.inbox.collection
        .find({ $and: [{ rawJson: { $regex: /^\{"sealed":"rv1\./ } }, { rawJson: { $not: new RegExp(`^\\{"sealed":"${current.source.slice(1)}`) } }] })
        .project<{ _id: string; rawJson: string }>({ rawJson: 1 })
        .limit(limit - done)
        .toArray();
      for (const doc of raws) {
        const { sealed } = JSON.parse(doc.rawJson) as { sealed: string };
        const fresh = vault.reseal(sealed);
        if (fresh === null) continue;
        await this.m.inbox.collection.updateOne({ _id: doc._id, rawJson: doc.rawJson } as never, { $set: { rawJson: JSON.stringify({ sealed: fresh }) } });
        done++;
      }
      return done;
    });
  }
}
