import type { ReporterVault } from '../../privacy/reporterVault';
import type { SealedIdentityStore } from '../types';
import type { SqlClient } from './sqlClient';

/** Every jsonb column that can hold a sealed identity (src/store/sealing.ts), with its table's key. */
const COPIES = [
  { table: 'tickets', key: 'tracking_id', column: 'reporter' },
  { table: 'inbox', key: 'key', column: 'sender' },
  { table: 'inbox', key: 'key', column: 'raw' },
  { table: 'replies', key: 'id', column: 'recipient' },
] as const;

export class SqlSealedIdentities implements SealedIdentityStore {
  constructor(private readonly db: SqlClient) {}

  async resealBatch(vault: ReporterVault, limit: number): Promise<number> {
    let done = 0;
    for (const { table, key, column } of COPIES) {
      if (done >= limit) break;
      // A ciphertext is rv1.<key id>.…: the second part names the key that sealed it.
      const rows = await this.db.query<{ k: string; sealed: string }>(
        `SELECT ${key} AS k, ${column}->>'sealed' AS sealed FROM ${table}
         WHERE jsonb_typeof(${column}) = 'object' AND ${column} ? 'sealed' AND split_part(${column}->>'sealed', '.', 2) <> $1
         LIMIT $2`,
        [vault.keyId, limit - done],
      );
      for (const row of rows) {
        const fresh = vault.reseal(row.sealed);
        if (fresh === null) continue;
        // Only if unchanged since read: a concurrent reseal of the same copy does no harm either way.
        await this.db.query(
          `UPDATE ${table} SET ${column} = jsonb_set(${column}, '{sealed}', to_jsonb($2::text)) WHERE ${key} = $1 AND ${column}->>'sealed' = $3`,
          [row.k, fresh, row.sealed],
        );
        done++;
      }
    }
    return done;
  }
}
