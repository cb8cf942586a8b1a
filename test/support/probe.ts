import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * Jest defines suites synchronously, so whether a server is reachable has to be known before any
 * await: a short-lived child process does the asynchronous connect and reports by exit code.
 * Returns null when reachable, else the reason.
 */
export function probePostgres(url: string): string | null {
  const script = `
    const { Client } = require('pg');
    const c = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 2000 });
    c.connect().then(() => c.query('SELECT 1')).then(() => c.end()).then(
      () => process.exit(0),
      (e) => { process.stderr.write(String(e && e.message || e)); process.exit(1); });`;
  const res = spawnSync(process.execPath, ['-e', script, url], {
    cwd: path.resolve(__dirname, '../..'),
    encoding: 'utf8',
    timeout: 10_000,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  if (res.status === 0) return null;
  return (res.stderr || res.error?.message || `exit ${res.status}`).trim().split('\n')[0] ?? 'unreachable';
}

/** A random lowercase suffix for database names. */
export function randomSuffix(): string {
  return Math.random().toString(36).slice(2, 10);
}
