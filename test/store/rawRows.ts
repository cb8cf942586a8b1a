import type { Connection } from 'mongoose';
import type { SqlClient } from '../../src/store/sql/sqlClient';
import type { RawRowReader } from './storeContractSealing';

const SQL_KEYS = { inbox: 'key', tickets: 'tracking_id', replies: 'id' } as const;

/** Rows as PostgreSQL holds them, read with plain SQL beside the store. */
export function sqlRawRows(client: SqlClient): RawRowReader {
  return async (table, key) => {
    const rows = await client.query<{ j: string }>(`SELECT row_to_json(t)::text AS j FROM ${table} t WHERE ${SQL_KEYS[table]} = $1`, [key]);
    if (!rows[0]) throw new Error(`no ${table} row ${key}`);
    return rows[0].j;
  };
}

/** Documents as MongoDB holds them, read with the driver beside the store. */
export function mongoRawDocs(conn: Connection): RawRowReader {
  return async (collection, key) => {
    // Our _ids are strings; the driver types them as ObjectId.
    const doc: unknown = await conn.collection(collection).findOne({ _id: key as never });
    if (!doc) throw new Error(`no ${collection} document ${key}`);
    return JSON.stringify(doc);
  };
}
