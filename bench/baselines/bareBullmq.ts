import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { jobOptions } from '../../src/queue/queues';
import { workerOptions } from '../../workers/workerOptions';

/**
 * The pipeline baseline, as a child process: BullMQ workers moving no-op jobs through the same
 * two hops as the gateway (an "inbound" job whose handler adds one "outbound" job), with the
 * gateway's job options and concurrency, on the same Redis. `role` is inbound or outbound.
 * Prints "ready" once its worker is running.
 */
const [role] = process.argv.slice(2);
const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = process.env.QUEUE_PREFIX ?? '{bare}';
const concurrency = Number(process.env.CONCURRENCY ?? 20);
const options = jobOptions({ prefix, attempts: 8, backoffMs: 1000 });
const settings = { prefix, concurrency, lockMs: 30_000, outageDelayMs: 5000 };

const connection = () => new Redis(url, { maxRetriesPerRequest: null });

function start(): Worker {
  if (role === 'inbound') {
    const outbound = new Queue('outbound', { connection: connection(), prefix });
    return new Worker(
      'inbound',
      async (job) => {
        await outbound.add('reply', { key: job.data.key as string }, { ...options, jobId: `out_${String(job.data.key)}` });
      },
      workerOptions(connection(), settings),
    );
  }
  if (role === 'outbound') return new Worker('outbound', async () => undefined, workerOptions(connection(), settings));
  throw new Error(`role must be inbound or outbound, not ${String(role)}`);
}

const worker = start();
void worker.waitUntilReady().then(() => process.stdout.write('ready\n'));
process.on('SIGTERM', () => {
  void worker.close().then(() => process.exit(0));
});
