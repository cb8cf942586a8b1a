import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export const PG_ADMIN_URL = process.env.PG_BENCH_URL ?? process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin<T>(work: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

/** Null when the PostgreSQL server answers, else why not (shown in the results instead of a figure). */
export async function postgresUnreachable(): Promise<string | null> {
  try {
    await admin((c) => c.query('SELECT 1'));
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export interface BenchDatabase {
  name: string;
  url: string;
  /** Transactions committed or rolled back in this database so far: every autocommit statement counts one. */
  transactions(): Promise<number>;
  drop(): Promise<void>;
}

export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `lapor_bench_${randomBytes(5).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    transactions: () =>
      admin(async (c) => {
        // Backends publish their counters when idle (at most once a second); force a fresh snapshot.
        await c.query('SELECT pg_stat_clear_snapshot()');
        const r = await c.query<{ n: string }>('SELECT (xact_commit + xact_rollback)::text AS n FROM pg_stat_database WHERE datname = $1', [name]);
        return Number(r.rows[0]?.n ?? 0);
      }),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

export interface ReplyLatency {
  replies: number;
  /** Messages received since `since` that have no sent reply yet. */
  unanswered: number;
  p50: number;
  p95: number;
  p99: number;
}

/**
 * Receipt-to-reply seconds of the messages received since `since`, from the stored times (the
 * inbox's received_at, the reply's sent_at): exact, unlike the histogram buckets of /metrics.
 */
export async function replyLatencySince(url: string, since: Date): Promise<ReplyLatency> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ replies: string; unanswered: string; p: number[] | null }>(
      `SELECT count(r.sent_at)::text AS replies,
              (count(*) - count(r.sent_at))::text AS unanswered,
              percentile_disc(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY extract(epoch FROM r.sent_at - i.received_at)::float8)
                FILTER (WHERE r.sent_at IS NOT NULL) AS p
         FROM inbox i LEFT JOIN replies r ON r.message_key = i.key
        WHERE i.received_at >= $1`,
      [since],
    );
    const row = r.rows[0];
    const p = row?.p ?? [0, 0, 0];
    return { replies: Number(row?.replies ?? 0), unanswered: Number(row?.unanswered ?? 0), p50: p[0] ?? 0, p95: p[1] ?? 0, p99: p[2] ?? 0 };
  } finally {
    await c.end();
  }
}

/** Tickets and delivered replies in a bench database: proof that a run did the whole job. */
export async function pipelineOutcome(url: string): Promise<{ tickets: number; repliesDelivered: number }> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const t = await c.query<{ n: string }>('SELECT count(*)::text AS n FROM tickets');
    const r = await c.query<{ n: string }>(`SELECT count(*)::text AS n FROM replies WHERE status IN ('sent', 'delivered')`);
    return { tickets: Number(t.rows[0]?.n ?? 0), repliesDelivered: Number(r.rows[0]?.n ?? 0) };
  } finally {
    await c.end();
  }
}
