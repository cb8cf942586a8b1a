import { createHmac, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { freePort } from '../../src/redis/redisServer';
import { emptySection, type Measurement, type SectionResult } from '../report/results';
import { pick, type BenchContext } from '../support/benchContext';
import { spawnNode, waitForHttp, type Child } from '../support/childProcess';
import { runLoad, type LoadRequest, type LoadResult } from '../support/load';
import { GATEWAY_MAIN } from '../support/paths';
import { createBenchDatabase, type BenchDatabase } from '../support/postgres';
import { ratio } from '../support/stats';
import { mobileReport } from '../support/reports';
import { benchText } from '../support/texts';

export const INSTAGRAM_SECRET = 'bench-instagram-app-secret-0123456789';
export const INSTAGRAM_ACCOUNT = '17841400000000001';
export const TWITTER_SECRET = 'bench-twitter-consumer-secret-0123456789';
export const TWITTER_USER = '1480000000000000001';

/** Channel settings that turn the Instagram and X webhooks on; no platform is ever called while receiving. */
export function webhookChannelEnv(): Record<string, string> {
  return {
    INSTAGRAM_APP_SECRET: INSTAGRAM_SECRET,
    INSTAGRAM_VERIFY_TOKEN: 'bench-verify-token',
    INSTAGRAM_ACCOUNT_ID: INSTAGRAM_ACCOUNT,
    TWITTER_APP_KEY: 'bench-app-key-0123',
    TWITTER_APP_SECRET: TWITTER_SECRET,
    TWITTER_ACCESS_TOKEN: 'bench-access-token-0123',
    TWITTER_ACCESS_SECRET: 'bench-access-secret-0123',
    TWITTER_USER_ID: TWITTER_USER,
  };
}

let counter = 0;

function mobileRequest(): LoadRequest {
  return mobileReport(counter++);
}

/** An Instagram DM webhook, signed with X-Hub-Signature-256 over the exact bytes sent. */
function instagramRequest(): LoadRequest {
  const n = counter++;
  const body = JSON.stringify({
    object: 'instagram',
    entry: [
      {
        id: INSTAGRAM_ACCOUNT,
        time: Date.now(),
        messaging: [
          {
            sender: { id: String(1_234_567_890_000_000 + n) },
            recipient: { id: INSTAGRAM_ACCOUNT },
            timestamp: Date.now(),
            message: { mid: `bench-mid-${randomUUID()}`, text: benchText(n) },
          },
        ],
      },
    ],
  });
  const signature = createHmac('sha256', INSTAGRAM_SECRET).update(body).digest('hex');
  return { method: 'POST', path: '/webhooks/instagram', headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${signature}` }, body };
}

/** An X Account Activity DM event, signed with x-twitter-webhooks-signature (base64 HMAC). */
function twitterRequest(): LoadRequest {
  const n = counter++;
  const sender = String(1_480_000_000_000_100_000n + BigInt(n));
  const body = JSON.stringify({
    for_user_id: TWITTER_USER,
    direct_message_events: [
      {
        type: 'message_create',
        id: String(1_860_000_000_000_000_000n + BigInt(n)),
        created_timestamp: String(Date.now()),
        message_create: { target: { recipient_id: TWITTER_USER }, sender_id: sender, message_data: { text: benchText(n), entities: {} } },
      },
    ],
    users: {
      [sender]: { id: sender, name: 'Warga', screen_name: `warga${n}` },
      [TWITTER_USER]: { id: TWITTER_USER, name: 'LAPOR! 1708', screen_name: 'lapor1708' },
    },
  });
  const signature = createHmac('sha256', TWITTER_SECRET).update(body).digest('base64');
  return { method: 'POST', path: '/webhooks/twitter', headers: { 'content-type': 'application/json', 'x-twitter-webhooks-signature': `sha256=${signature}` }, body };
}

interface Target {
  label: string;
  request: () => LoadRequest;
}

const TARGETS: Target[] = [
  { label: 'mobile API POST /api/v1/reports', request: mobileRequest },
  { label: 'Instagram webhook (signed DM)', request: instagramRequest },
  { label: 'X webhook (signed DM event)', request: twitterRequest },
];

async function load(ctx: BenchContext, baseUrl: string, request: () => LoadRequest): Promise<LoadResult> {
  const connections = pick(ctx, 32, 4);
  // A short warm-up lets the JIT, the pools and Redis settle before anything is counted.
  await runLoad({ url: baseUrl, connections, durationSeconds: pick(ctx, 2, 0.5), request });
  return runLoad({ url: baseUrl, connections, durationSeconds: pick(ctx, 10, 1), request });
}

function measurement(label: string, r: LoadResult, bare: LoadResult): Measurement {
  return {
    label,
    value: r.requestsPerSecond,
    unit: 'req/s',
    baseline: { label: 'bare express handler', value: bare.requestsPerSecond, unit: 'req/s' },
    ratio: ratio(r.requestsPerSecond, bare.requestsPerSecond),
    details: {
      'p50 ms': r.p50,
      'p95 ms': r.p95,
      'p99 ms': r.p99,
      'bare p50/p95/p99 ms': `${bare.p50}/${bare.p95}/${bare.p99}`,
      responses: r.responses,
      non2xx: r.non2xx,
      errors: r.errors,
      ...(r.firstBadStatus !== null ? { 'first bad status': r.firstBadStatus } : {}),
    },
  };
}

/** HTTP intake requests/s and latency under autocannon, against a bare express handler in the same run. */
export async function httpIntakeSection(ctx: BenchContext): Promise<SectionResult> {
  const section = emptySection('http', 'HTTP intake');
  const children: Child[] = [];
  let db: BenchDatabase | null = null;
  try {
    const barePort = await freePort();
    const bare = spawnNode('bare express', 'bench/baselines/bareExpress.js', [], { PORT: String(barePort) });
    children.push(bare);
    await waitForHttp(`http://127.0.0.1:${barePort}/healthz`, bare);
    ctx.progress('http: bare express');
    const bareResult = await load(ctx, `http://127.0.0.1:${barePort}`, mobileRequest);
    await bare.stop();

    db = ctx.postgresUnreachable === null ? await createBenchDatabase() : null;
    const port = await freePort();
    const gateway = spawnNode('gateway api', GATEWAY_MAIN, ['api'], {
      PORT: String(port),
      HOST: '127.0.0.1',
      REDIS_URL: ctx.redis.url,
      STORE_URL: db?.url ?? '',
      DATA_DIR: join(ctx.tmpDir, 'http-gateway'),
      QUEUE_PREFIX: '{benchhttp}',
      API_RATE_LIMIT_PER_MINUTE: '1000000000',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      ...webhookChannelEnv(),
    });
    children.push(gateway);
    await waitForHttp(`http://127.0.0.1:${port}/readyz`, gateway);
    for (const target of TARGETS) {
      ctx.progress(`http: ${target.label}`);
      const result = await load(ctx, `http://127.0.0.1:${port}`, target.request);
      section.measurements.push(measurement(target.label, result, bareResult));
    }
    const mobile = section.measurements[0];
    const webhookRatios = section.measurements.slice(1).map((m) => m.ratio ?? 0);
    section.targets.push({
      target: 'HTTP intake ≥ 50% of the bare express rate',
      measured: section.measurements.map((m) => `${m.label.split(' ')[0]} ${Math.round((m.ratio ?? 0) * 100)}%`).join(', '),
      met: mobile ? (mobile.ratio ?? 0) >= 0.5 && webhookRatios.every((r) => r >= 0.5) : null,
    });
    section.notes.push(
      `Gateway: one \`node dist/src/main.js api\` child process (api role only: no worker competes for the CPU; the queued jobs stay in Redis), store ${db ? 'PostgreSQL server (temp database)' : 'PGlite (PostgreSQL server not reachable)'}, LOG_LEVEL=warn, rate limit raised out of the way (its Redis round trip still happens).`,
      'Load: autocannon in the bench process, 32 connections, 2 s warm-up then 10 s measured; every request is new (fresh Idempotency-Key, message id and HMAC signature), so each one stores a message and enqueues a job.',
      'Baseline: a bare express 5 handler answering 201 with a small JSON body, no body parsing, one child process, same client settings.',
      'Latency percentiles are over every response of the measured run.',
    );
    section.status = section.measurements.every((m) => (m.details.non2xx ?? 0) === 0 && (m.details.errors ?? 0) === 0) ? 'measured' : 'failed';
    if (section.status === 'failed') section.reason = 'some requests were refused or failed: see non2xx/errors';
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    await db?.drop().catch(() => undefined);
  }
  return section;
}
