import type { Channel, ChannelContext } from '../../src/channels/channel';
import type { Config } from '../../config/env';
import { ChannelHealth } from './channelHealth';
import { instagramConfig, type InstagramConfig } from './config';
import { ConversationWindow } from './conversationWindow';
import { GraphClient } from './graphClient';
import { sendInstagramReply } from './replySender';
import { INSTAGRAM_CHANNEL } from './webhookIntake';
import { instagramWebhookRoutes } from './webhookRoutes';

/** What the channel builds once per gateway from its configuration and the gateway's context. */
interface Runtime {
  ctx: ChannelContext;
  config: InstagramConfig;
  graph: GraphClient | null;
  health: ChannelHealth;
  window: ConversationWindow;
  pauseKey: string;
}

// Instagram caps comments at 2,200 characters and DMs at 1,000; replies stay well under both.
const MAX_REPLY_LENGTH = 1000;

function requireConfig(config: Config): InstagramConfig {
  const c = instagramConfig(config.env);
  if (!c) throw new Error('the Instagram channel is off: set INSTAGRAM_APP_SECRET, INSTAGRAM_VERIFY_TOKEN and INSTAGRAM_ACCOUNT_ID');
  return c;
}

/**
 * Instagram @lapor1708: comments, mentions and DMs arrive by Meta's webhook; replies go out through
 * the Graph API. One instance serves the gateway of this process; its state (token health, rate
 * pauses, conversation windows) lives in Redis so API and worker processes agree.
 */
class InstagramChannel implements Channel {
  readonly name = INSTAGRAM_CHANNEL;
  readonly replyStyle = { maxLength: MAX_REPLY_LENGTH };
  private runtime: Runtime | null = null;

  enabled(config: Config): boolean {
    return instagramConfig(config.env) !== null;
  }

  routes(ctx: ChannelContext) {
    const rt = this.runtimeFor(ctx);
    return instagramWebhookRoutes(rt.config, { ctx, graph: rt.graph, health: rt.health, window: rt.window });
  }

  async start(ctx: ChannelContext): Promise<void> {
    this.runtimeFor(ctx).health.follow();
  }

  async stop(): Promise<void> {
    this.runtime?.health.stop();
  }

  send(reply: Parameters<Channel['send']>[0], ctx: ChannelContext) {
    const rt = this.runtimeFor(ctx);
    return sendInstagramReply(reply, {
      ctx,
      graph: rt.graph,
      health: rt.health,
      window: rt.window,
      pauseKey: rt.pauseKey,
      maxLength: MAX_REPLY_LENGTH,
    });
  }

  health(): Record<string, unknown> {
    const state = this.runtime?.health.current();
    return { enabled: true, ...(state ? { token: state.token, since: state.since, error: state.error } : {}) };
  }

  private runtimeFor(ctx: ChannelContext): Runtime {
    if (this.runtime?.ctx === ctx) return this.runtime;
    this.runtime?.health.stop();
    const config = requireConfig(ctx.config);
    const prefix = `${ctx.config.QUEUE_PREFIX}:instagram`;
    this.runtime = {
      ctx,
      config,
      graph: config.accessToken ? new GraphClient(config.graphApiUrl, config.accessToken, config.accountId) : null,
      health: new ChannelHealth(ctx.redis, `${prefix}:token`, config.accessToken !== null),
      window: new ConversationWindow(ctx.redis, prefix),
      pauseKey: `${prefix}:paused-until`,
    };
    return this.runtime;
  }
}

export const instagramChannel: Channel = new InstagramChannel();
