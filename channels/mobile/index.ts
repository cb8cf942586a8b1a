import type { Channel } from '../../src/channels/channel';
import { mobileOpenApi } from './openapi';
import { MOBILE_CHANNEL, mobileRoutes } from './routes';

/** Mobile apps: JSON in; replies are "sent" by recording them, and the app reads them from the status API. */
export const mobileChannel: Channel = {
  name: MOBILE_CHANNEL,
  replyStyle: { maxLength: null },
  enabled: () => true,
  routes: mobileRoutes,
  openapi: mobileOpenApi,
  deliveredOnRecord: true,
  // Only replies recorded before deliveredOnRecord existed (recovered queued ones) still come here.
  send: async () => ({ status: 'delivered', providerId: null }),
};
