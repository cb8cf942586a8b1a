import { mkdirSync, mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { startRedisServer } from '../src/redis/redisServer';
import { benchMarkdown } from './report/markdown';
import { emptySection, type BenchRun, type SectionId, type SectionResult } from './report/results';
import type { BenchContext } from './support/benchContext';
import { postgresUnreachable } from './support/postgres';
import { httpIntakeSection } from './sections/httpIntake';
import { mongodbSection } from './sections/mongodb';
import { parseDedupSection } from './sections/parseDedup';
import { pipelineSection } from './sections/pipeline';
import { smsSection } from './sections/sms';

export interface BenchOptions {
  quick: boolean;
  full: boolean;
  only: SectionId[] | null;
  messages: number | null;
  outDir: string;
  progress(message: string): void;
}

const SECTIONS: { id: SectionId; title: string; run: (ctx: BenchContext) => Promise<SectionResult> }[] = [
  { id: 'http', title: 'HTTP intake', run: httpIntakeSection },
  { id: 'pipeline', title: 'End-to-end pipeline', run: pipelineSection },
  { id: 'sms', title: 'SMS MO through SMPP', run: smsSection },
  { id: 'parse_dedup', title: 'Parse and dedup per message', run: parseDedupSection },
  { id: 'mongodb', title: 'Store: MongoDB', run: mongodbSection },
];

export interface BenchOutput {
  run: BenchRun;
  jsonFile: string;
  markdownFile: string;
}

/**
 * One benchmark run: a private redis-server shared by every section, each section in turn (a
 * section that throws is reported as failed, the others still run), then JSON and Markdown
 * under outDir, also copied to latest.json / latest.md.
 */
export async function runBench(options: BenchOptions): Promise<BenchOutput> {
  const startedAt = new Date();
  const tmpDir = mkdtempSync(join(tmpdir(), 'lapor-bench-'));
  const redis = await startRedisServer({ dir: join(tmpDir, 'redis') });
  const redisClient = new Redis(redis.url);
  const ctx: BenchContext = {
    quick: options.quick,
    full: options.full,
    messages: options.messages,
    redis,
    redisClient,
    tmpDir,
    postgresUnreachable: await postgresUnreachable(),
    progress: options.progress,
  };
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1e8) / 10,
    node: process.version,
    loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    platform: `${process.platform} ${process.arch}, ${Math.round(freemem() / 1e8) / 10} GB free`,
  };
  const sections: SectionResult[] = [];
  try {
    for (const s of SECTIONS) {
      if (options.only && !options.only.includes(s.id)) continue;
      const t0 = Date.now();
      options.progress(`== ${s.title}`);
      let result: SectionResult;
      try {
        result = await s.run(ctx);
      } catch (error) {
        result = emptySection(s.id, s.title);
        result.status = 'failed';
        result.reason = error instanceof Error ? error.message : String(error);
        options.progress(`${s.title} failed: ${result.reason}`);
      }
      result.seconds = Math.round((Date.now() - t0) / 100) / 10;
      sections.push(result);
    }
  } finally {
    redisClient.disconnect();
    await redis.stop();
    rmSync(tmpDir, { recursive: true, force: true });
  }
  const run: BenchRun = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    options: { quick: options.quick, full: options.full, only: options.only, messages: options.messages },
    machine,
    sections,
  };
  mkdirSync(options.outDir, { recursive: true });
  const stamp = run.startedAt.replace(/[:.]/g, '-');
  const jsonFile = join(options.outDir, `bench-${stamp}.json`);
  const markdownFile = join(options.outDir, `bench-${stamp}.md`);
  writeFileSync(jsonFile, `${JSON.stringify(run, null, 2)}\n`);
  writeFileSync(markdownFile, benchMarkdown(run));
  copyFileSync(jsonFile, join(options.outDir, 'latest.json'));
  copyFileSync(markdownFile, join(options.outDir, 'latest.md'));
  return { run, jsonFile, markdownFile };
}
