import type { Channel } from '../src/channels/channel';
import { mobileChannel } from './mobile';
import { webChannel } from './web';

/** Every channel the gateway knows. A channel is on when its enabled(config) says so. */
export const channels: readonly Channel[] = [webChannel, mobileChannel];
