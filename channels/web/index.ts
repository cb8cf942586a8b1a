import type { Channel } from '../../src/channels/channel';
import { WEB_CHANNEL, webErrorHandler, webRoutes } from './routes';

/** The web form: replies are "sent" by recording them; the status page shows them. */
export const webChannel: Channel = {
  name: WEB_CHANNEL,
  replyStyle: { maxLength: null },
  enabled: () => true,
  routes: webRoutes,
  errorHandler: (ctx) => (error, req, res, next) => webErrorHandler(ctx.log, req, res, next, error),
  deliveredOnRecord: true,
  // Only replies recorded before deliveredOnRecord existed (recovered queued ones) still come here.
  send: async () => ({ status: 'delivered', providerId: null }),
};
