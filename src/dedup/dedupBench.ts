import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import { startRedisServer } from '../redis/redisServer';
import { openStore } from '../store/openStore';
import { CaseIds } from './caseIds';
import { DAY_MS, loadDedupConfig } from './dedupConfig';
import { DedupEngine, type DedupInput } from './dedupEngine';

export interface DedupBenchOptions {
  /** Indexed ticket counts to measure at, ascending (default 10k and 100k; 1M takes many minutes and ~3 GB of Redis). */
  sizes?: number[];
  /** Checks timed at each size. */
  checks?: number;
  log?: (line: string) => void;
}

export interface DedupBenchResult {
  indexed: number;
  /** Mean wall time of one check, sequential, one Redis round trip each. */
  msPerCheck: number;
  /** Mean stored signatures compared per check. */
  candidatesPerCheck: number;
  /** Redis used_memory growth per indexed ticket. */
  bytesPerTicket: number;
  /** Wall time per remember while indexing (auto-pipelined, so throughput rather than latency). */
  msPerRemember: number;
}

const CATEGORIES = ['infrastruktur', 'penerangan_jalan', 'air_bersih', 'listrik', 'sampah_lingkungan', 'kesehatan', 'pendidikan', 'kependudukan', 'bantuan_sosial', 'perizinan', 'transportasi', 'ketertiban', 'pungli_korupsi', 'kepegawaian', 'pertanahan'];
const WORDS = 6000;
const REGENCIES = 514;

/** A fixed pseudo-random sequence, so runs are comparable. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Synthetic tickets shaped like the real stream: 8–30 words drawn from a Zipf-like vocabulary (a
 * few words in every complaint, most rare), 15 categories, 514 regencies, a third of the senders
 * with more than one ticket, times spread over the cluster window.
 */
function syntheticTickets(seed: number, end: Date, windowDays: number) {
  // Seeded per index, so ticket(i) is the same ticket whenever it is asked for (resends below).
  return (i: number): DedupInput & { trackingId: string; caseId: null } => {
    const rnd = random(Math.imul(seed, 0x9e3779b1) ^ i);
    const word = () => `w${Math.floor(WORDS * rnd() ** 3).toString(36)}`;
    const length = 8 + Math.floor(rnd() * 23);
    const regency = Math.floor(rnd() * REGENCIES);
    const sender = Math.floor(rnd() * (i + 1) * 0.7);
    return {
      messageKey: `bench-${seed}-${i}`,
      senderIds: [`sms:+62812${String(sender).padStart(8, '0')}`, `tel:+62812${String(sender).padStart(8, '0')}`],
      channel: 'sms',
      text: Array.from({ length }, word).join(' '),
      normalizedText: '',
      intent: 'complaint',
      category: CATEGORIES[Math.floor(rnd() * CATEGORIES.length)]!,
      regionCode: `${11 + Math.floor(regency / 20)}.${String(regency % 20).padStart(2, '0')}`,
      receivedAt: new Date(end.getTime() - rnd() * windowDays * DAY_MS),
      trackingId: String(1_000_000_000 + seed * 10_000_000 + i),
      caseId: null,
    };
  };
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

/**
 * Times dedup checks against a private redis-server holding 10k, 100k (and optionally 1M) indexed
 * tickets, and measures Redis memory per ticket. For `npm run bench`; not a timed test (the machine's
 * cores are shared, so numbers vary with load).
 */
export async function benchDedup(options: DedupBenchOptions = {}): Promise<DedupBenchResult[]> {
  const sizes = options.sizes ?? [10_000, 100_000];
  const checks = options.checks ?? 2000;
  const log = options.log ?? (() => undefined);
  const dir = await mkdtemp(path.join(tmpdir(), 'dedup-bench-'));
  const server = await startRedisServer({ dir, appendOnly: false });
  // Concurrent remembers are written to the socket back to back: pipelined without auto-pipelining
  // (which ioredis 6 does not support for callBuffer, see LuaScript).
  const redis = new Redis(server.url);
  const store = await openStore('memory://', dir);
  const config = loadDedupConfig();
  // A throwaway store: any secret will do.
  const engine = new DedupEngine(redis, store, config, new CaseIds(randomBytes(32).toString('hex')));
  const end = new Date('2025-06-02T00:00:00Z');
  const ticket = syntheticTickets(1, end, config.windows.clusterDays);
  const probe = syntheticTickets(2, end, 0);
  const results: DedupBenchResult[] = [];
  try {
    const baseline = await usedMemory(redis);
    let indexed = 0;
    let rememberMs = 0;
    for (const size of sizes) {
      const started = process.hrtime.bigint();
      while (indexed < size) {
        const batch = Math.min(500, size - indexed);
        await Promise.all(Array.from({ length: batch }, (_, j) => engine.remember(ticket(indexed + j))));
        indexed += batch;
      }
      rememberMs += Number(process.hrtime.bigint() - started) / 1e6;
      const bytes = (await usedMemory(redis)) - baseline;

      const before = { ...engine.stats };
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < checks; i++) {
        // Every fifth check is a resend of an indexed ticket, the rest are new complaints.
        const input = i % 5 === 0 ? { ...ticket(Math.floor((i / checks) * indexed)), receivedAt: end } : { ...probe(i), receivedAt: end };
        await engine.check(input);
      }
      const checkMs = Number(process.hrtime.bigint() - t0) / 1e6;
      const result: DedupBenchResult = {
        indexed,
        msPerCheck: checkMs / checks,
        candidatesPerCheck: (engine.stats.candidatesExamined - before.candidatesExamined) / (engine.stats.checks - before.checks),
        bytesPerTicket: bytes / indexed,
        msPerRemember: rememberMs / indexed,
      };
      results.push(result);
      log(
        `dedup: ${indexed.toLocaleString('en')} tickets indexed: ${result.msPerCheck.toFixed(3)} ms/check (${result.candidatesPerCheck.toFixed(1)} candidates compared), ` +
          `${Math.round(result.bytesPerTicket)} bytes/ticket in Redis (≈ ${((result.bytesPerTicket * 1e6) / 2 ** 30).toFixed(2)} GiB per million), ${result.msPerRemember.toFixed(3)} ms/remember`,
      );
    }
    return results;
  } finally {
    redis.disconnect();
    await store.close();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
