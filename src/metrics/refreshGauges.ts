import type { Queue } from 'bullmq';
import type { ChannelRegistry } from '../channels/registry';
import type { Queues } from '../queue/queues';
import type { Metrics } from './metrics';

const COUNTED_STATES = ['waiting', 'active', 'delayed', 'failed', 'prioritized'] as const;
// States a channel may report that mean it can do its work.
const HEALTHY_STATES = new Set(['ok', 'bound', 'connected']);

async function refreshQueue(metrics: Metrics, queue: Queue, now: number): Promise<void> {
  const counts = await queue.getJobCounts(...COUNTED_STATES);
  for (const state of COUNTED_STATES) metrics.queueDepth.set({ queue: queue.name, state }, counts[state] ?? 0);
  const [oldest] = await queue.getJobs(['waiting', 'prioritized'], 0, 0, true);
  metrics.queueOldestSeconds.set({ queue: queue.name }, oldest ? Math.max(0, (now - oldest.timestamp) / 1000) : 0);
}

/**
 * Gauges read at scrape time from their sources (Redis, the channels) rather than kept up to
 * date by every process, so any process serving /metrics reports the same queue picture.
 */
export async function refreshGauges(metrics: Metrics, queues: Queues, channels: ChannelRegistry, now: Date): Promise<void> {
  const all = [queues.inbound, ...channels.names().map((name) => queues.outboundFor(name))];
  await Promise.all(all.map((q) => refreshQueue(metrics, q, now.getTime())));
  metrics.channelState.reset();
  for (const channel of channels.all()) {
    const details = channel.health?.() ?? {};
    const state = typeof details.state === 'string' ? details.state : null;
    const healthy = typeof details.healthy === 'boolean' ? details.healthy : state === null || HEALTHY_STATES.has(state);
    metrics.channelUp.set({ channel: channel.name }, healthy ? 1 : 0);
    if (state !== null) metrics.channelState.set({ channel: channel.name, state }, 1);
  }
}
