import type { Channel } from '../src/channels/channel';
import { instagramChannel } from './instagram';
import { mobileChannel } from './mobile';
import { smsChannel } from './sms';
import { twitterChannel } from './twitter';
import { webChannel } from './web';

/** Every channel the gateway knows. A channel is on when its enabled(config) says so. */
export const channels: readonly Channel[] = [webChannel, mobileChannel, smsChannel, instagramChannel, twitterChannel];
