import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { probePostgres } from './probe';

export const PG_ADMIN_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** PG_ADMIN_URL without its password, for messages. */
export const PG_ADMIN_URL_SHOWN = ((): string => {
  const u = new URL(PG_ADMIN_URL);
  if (u.password) u.password = '***';
  return u.toString();
})();

let probed: string | null | undefined;

/**
 * Null when the PostgreSQL server answers, else why not. Synchronous, so a test file can choose
 * between test and test.skip (a visible skip) while jest collects its tests.
 */
export function postgresUnreachable(): string | null {
  if (probed === undefined) probed = probePostgres(PG_ADMIN_URL);
  return probed;
}

/** One statement on the server's admin database. */
export async function adminQuery(sql: string, params: unknown[] = []): Promise<void> {
  const admin = new Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  await admin.connect();
  try {
    await admin.query(sql, params);
  } finally {
    await admin.end();
  }
}

export interface TempDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh database on the PostgreSQL server, dropped (connections and all) by drop(). */
export async function createTempDatabase(prefix: string): Promise<TempDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
