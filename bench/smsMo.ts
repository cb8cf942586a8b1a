/**
 * SMS MO throughput: deliver_sm per second through the SMS channel into the inbox (each answered
 * deliver_sm_resp ESME_ROK means the message is stored and queued), against a bare `smpp` echo
 * loop (an ESME that answers every deliver_sm at once) measured in the same run on this machine.
 * Run alone: npx ts-node bench/smsMo.ts [messages]. No assertions: numbers to read.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createServer, PDU, type Session } from 'smpp';
import { channels } from '../channels';
import { SmscSimulator } from '../channels/sms/simulator/smscSimulator';
import { loadConfig } from '../config/env';
import { startGateway } from '../src/gateway';
import { createLogger } from '../src/log/logger';
import { startRedisServer } from '../src/redis/redisServer';

export interface SmsMoResult {
  messages: number;
  concurrency: number;
  channelPerSecond: number;
  barePerSecond: number;
  /** channel / bare: the share of raw SMPP throughput the channel keeps while storing each message. */
  ratio: number;
}

async function inParallel(total: number, concurrency: number, one: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await one(next++);
    }),
  );
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** An SMSC pushing deliver_sm to a plain smpp client that answers each at once. */
async function bareEchoLoop(messages: number, concurrency: number): Promise<number> {
  let esmcSide: Session | null = null;
  const server = createServer({}, (session) => {
    session.on('bind_transceiver', (pdu: PDU) => {
      esmcSide = session;
      session.send(pdu.response());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  const client = connect({ host: '127.0.0.1', port });
  client.on('deliver_sm', (pdu: PDU) => client.send(pdu.response()));
  await new Promise<void>((resolve) => client.on('connect', () => (client.bind_transceiver as (o: object, cb: () => void) => void)({ system_id: 'bench', password: 'bench' }, resolve)));
  const smsc = esmcSide as Session | null;
  if (!smsc) throw new Error('bare loop did not bind');
  const seconds = await inParallel(messages, concurrency, (i) =>
    new Promise<void>((resolve) => {
      smsc.send(new PDU('deliver_sm', { source_addr: `0812${String(i).padStart(8, '0')}`, destination_addr: '1708', data_coding: 0, short_message: Buffer.from(`Laporan nomor ${i}`) }), () => resolve());
    }),
  );
  client.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return messages / seconds;
}

/** The same load through a gateway (api role: receive and store) bound to the SMSC simulator. */
async function throughChannel(messages: number, concurrency: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'lapor-bench-sms-'));
  const redis = await startRedisServer({ dir: join(dir, 'redis'), appendOnly: false });
  const smsc = await SmscSimulator.start({ systemId: 'bench', password: 'bench' });
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', REDIS_URL: redis.url, STORE_URL: 'memory://', DATA_DIR: dir, LOG_LEVEL: 'silent', SMPP_URL: smsc.url() });
  const gateway = await startGateway(config, { api: true, inbound: false, outbound: [], maintenance: false }, channels, createLogger('silent'));
  try {
    await smsc.waitForBinds(1);
    let refused = 0;
    const seconds = await inParallel(messages, concurrency, async (i) => {
      const { statuses } = await smsc.deliver({ from: `0812${String(i).padStart(8, '0')}`, text: `Laporan nomor ${i}: jalan rusak di RT ${i % 20}` });
      if (statuses[0] !== 0) refused += 1;
    });
    if (refused > 0) throw new Error(`${refused} deliver_sm were not acknowledged`);
    return messages / seconds;
  } finally {
    await gateway.stop();
    await smsc.stop();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runSmsMoBench(messages = 2000, concurrency = 50): Promise<SmsMoResult> {
  const barePerSecond = await bareEchoLoop(messages, concurrency);
  const channelPerSecond = await throughChannel(messages, concurrency);
  return { messages, concurrency, channelPerSecond, barePerSecond, ratio: channelPerSecond / barePerSecond };
}

if (require.main === module) {
  const messages = Number(process.argv[2] ?? 2000);
  runSmsMoBench(messages)
    .then((r) => {
      process.stdout.write(
        `SMS MO, ${r.messages} messages, ${r.concurrency} outstanding:\n` +
          `  bare smpp echo loop   ${r.barePerSecond.toFixed(0)} msg/s\n` +
          `  through the channel   ${r.channelPerSecond.toFixed(0)} msg/s (stored in the inbox)\n` +
          `  ratio                 ${(r.ratio * 100).toFixed(1)} %\n`,
      );
    })
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    });
}
