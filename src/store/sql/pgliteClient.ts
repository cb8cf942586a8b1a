import { PGlite, type Transaction } from '@electric-sql/pglite';
import { translateError, type SqlClient } from './sqlClient';

type Queryable = Pick<Transaction, 'query'>;

async function run<T>(db: Queryable, sql: string, params?: readonly unknown[]): Promise<T[]> {
  try {
    const result = await db.query<T>(sql, params ? [...params] : undefined);
    return result.rows;
  } catch (err) {
    return translateError(err);
  }
}

/** The client handed to a transaction callback: queries go to the transaction, nesting joins it. */
class PgliteTxClient implements SqlClient {
  constructor(private readonly tx: Transaction) {}

  query<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return run<T>(this.tx, sql, params);
  }

  transaction<T>(fn: (client: SqlClient) => Promise<T>): Promise<T> {
    return fn(this);
  }

  async close(): Promise<void> {
    throw new Error('close() called on a transaction client');
  }
}

/** PGlite (PostgreSQL in WASM, one process per data dir). PGlite queues queries while a transaction runs. */
export class PgliteClient implements SqlClient {
  private constructor(private readonly db: PGlite) {}

  /** dataDir: a directory path, or 'memory://' for a throwaway in-memory database. */
  static async open(dataDir: string): Promise<PgliteClient> {
    try {
      return new PgliteClient(await PGlite.create(dataDir));
    } catch (err) {
      return translateError(err);
    }
  }

  query<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return run<T>(this.db, sql, params);
  }

  async transaction<T>(fn: (client: SqlClient) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction((tx) => fn(new PgliteTxClient(tx)));
    } catch (err) {
      return translateError(err);
    }
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
  }
}
