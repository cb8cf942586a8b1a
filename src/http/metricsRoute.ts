import express, { Router, type Express } from 'express';
import type { ChannelRegistry } from '../channels/registry';
import type { Logger } from '../log/logger';
import type { Metrics } from '../metrics/metrics';
import { refreshGauges } from '../metrics/refreshGauges';
import type { Queues } from '../queue/queues';

/**
 * GET /metrics in Prometheus text format. Open like /healthz: it carries counts, never message
 * content or phone numbers; restrict it at the network edge in production (README).
 */
export function metricsRoute(metrics: Metrics, queues: Queues, channels: ChannelRegistry, log: Logger): Router {
  const router = Router();
  router.get('/metrics', async (_req, res) => {
    try {
      await refreshGauges(metrics, queues, channels, new Date());
    } catch (error) {
      // Counters are still worth serving when Redis is down; the queue gauges keep their last values.
      log.warn({ err: error }, 'metrics: could not read queue state');
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}

/** The whole HTTP face of a worker-only process: liveness and its metrics. */
export function metricsApp(metrics: Metrics, queues: Queues, channels: ChannelRegistry, log: Logger): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use(metricsRoute(metrics, queues, channels, log));
  return app;
}
