import { Router } from 'express';
import type Redis from 'ioredis';
import type { ChannelRegistry } from '../channels/registry';
import type { Store } from '../store/types';

async function check(probe: () => Promise<unknown>, timeoutMs = 2000): Promise<'ok' | string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs))),
    ]);
    return 'ok';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    clearTimeout(timer);
  }
}

/** /healthz: the process answers. /readyz: Redis and the store answer too, with channel details. */
export function healthRoutes(store: Store, redis: Redis, channels: ChannelRegistry): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const [redisState, storeState] = await Promise.all([check(() => redis.ping()), check(() => store.ping())]);
    const ready = redisState === 'ok' && storeState === 'ok';
    const channelDetails = Object.fromEntries(channels.all().map((c) => [c.name, c.health?.() ?? { enabled: true }]));
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'not_ready',
      redis: redisState,
      store: { kind: store.kind, state: storeState },
      channels: channelDetails,
    });
  });
  return router;
}
