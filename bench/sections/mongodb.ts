import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import mongoose from 'mongoose';
import { emptySection, type SectionResult } from '../report/results';
import { pick, type BenchContext } from '../support/benchContext';
import { ratio } from '../support/stats';
import { runBareBullmq } from './bareBullmqRun';
import { runPipeline, scratchDir } from './pipelineRun';

async function mongoUnreachable(url: string | undefined): Promise<string | null> {
  if (!url) return 'MONGODB_URL is not set';
  const conn = mongoose.createConnection(url, { serverSelectionTimeoutMS: 3000, bufferCommands: false });
  try {
    await conn.asPromise();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await conn.close().catch(() => undefined);
  }
}

function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The end-to-end run on MongoDB (one process, all roles) when MONGODB_URL answers; "not reachable" otherwise. */
export async function mongodbSection(ctx: BenchContext): Promise<SectionResult> {
  const section = emptySection('mongodb', 'Store: MongoDB');
  const url = process.env.MONGODB_URL;
  const unreachable = await mongoUnreachable(url);
  if (unreachable !== null || !url) {
    section.status = 'not reachable';
    section.reason = unreachable ?? 'MONGODB_URL is not set';
    section.notes.push('Set MONGODB_URL (a replica set, as in docker-compose.yml) to add MongoDB beside PGlite and the PostgreSQL server.');
    return section;
  }
  const count = ctx.messages ?? pick(ctx, 3000, 60);
  const bare = await runBareBullmq(ctx, 1, count, 20);
  const dataDir = scratchDir(ctx, 'pipeline-mongo');
  mkdirSync(dataDir, { recursive: true });
  const storeUrl = withDatabaseName(url, `lapor_bench_${randomBytes(4).toString('hex')}`);
  try {
    const r = await runPipeline(ctx, { label: 'MongoDB one process', storeUrl, dataDir, prefix: '{benchmongo}', processes: [[]] }, count);
    section.measurements.push({
      label: 'MongoDB, one process (all roles)',
      value: r.messagesPerSecond,
      unit: 'msg/s',
      baseline: { label: 'bare BullMQ, no-op jobs, same processes and concurrency', value: bare.messagesPerSecond, unit: 'msg/s' },
      ratio: ratio(r.messagesPerSecond, bare.messagesPerSecond),
      details: { messages: r.messages, seconds: r.seconds, 'redis cmds/msg': r.redisCommandsPerMessage },
    });
  } finally {
    const conn = await mongoose.createConnection(storeUrl, { serverSelectionTimeoutMS: 3000 }).asPromise();
    await conn.dropDatabase().catch(() => undefined);
    await conn.close();
  }
  section.notes.push('Measured like the PGlite and PostgreSQL one-process rows of the end-to-end section, in a throwaway database.');
  return section;
}
