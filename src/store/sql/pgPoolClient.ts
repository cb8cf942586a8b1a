import { Pool, type PoolClient } from 'pg';
import { translateError, type SqlClient } from './sqlClient';

async function run<T>(db: Pool | PoolClient, sql: string, params?: readonly unknown[]): Promise<T[]> {
  try {
    const result = await db.query(sql, params ? [...params] : undefined);
    return result.rows as T[];
  } catch (err) {
    return translateError(err);
  }
}

class PgTxClient implements SqlClient {
  constructor(private readonly client: PoolClient) {}

  query<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return run<T>(this.client, sql, params);
  }

  transaction<T>(fn: (client: SqlClient) => Promise<T>): Promise<T> {
    return fn(this);
  }

  async close(): Promise<void> {
    throw new Error('close() called on a transaction client');
  }
}

export interface PgPoolOptions {
  /** Upper bound of connections from this process. */
  max?: number;
  /** How long to wait for a connection before failing with StoreUnavailableError. */
  connectionTimeoutMillis?: number;
}

/** A PostgreSQL server through a pg Pool; shared by any number of processes. */
export class PgPoolClient implements SqlClient {
  private readonly pool: Pool;

  constructor(url: string, options: PgPoolOptions = {}) {
    this.pool = new Pool({
      connectionString: url,
      max: options.max ?? 10,
      // pg waits forever by default; a down server must turn into a prompt 503 instead.
      connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5000,
    });
    // An idle client whose server goes away emits 'error' on the pool; unhandled, that would crash
    // the process. The next query fails on its own and is reported as StoreUnavailableError.
    this.pool.on('error', () => undefined);
  }

  query<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return run<T>(this.pool, sql, params);
  }

  async transaction<T>(fn: (client: SqlClient) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      return translateError(err);
    }
    // A checked-out client whose connection resets emits 'error' on itself, not on the pool, and
    // unhandled that kills the process (the fault suite saw it). The statement in flight fails on
    // its own and becomes StoreUnavailableError below.
    const ignore = (): void => undefined;
    client.on('error', ignore);
    let broken: unknown = undefined;
    try {
      await run(client, 'BEGIN');
      const result = await fn(new PgTxClient(client));
      await run(client, 'COMMIT');
      return result;
    } catch (err) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackErr) {
        // The connection is unusable: tell the pool to discard it rather than reuse it.
        broken = rollbackErr;
      }
      return translateError(err);
    } finally {
      client.off('error', ignore);
      client.release(broken instanceof Error ? broken : undefined);
    }
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }
}
