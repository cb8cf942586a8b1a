import type { Router } from 'express';
import type { Channel, ChannelContext, SendResult } from '../../src/channels/channel';
import type { Config } from '../../config/env';
import type { Reply } from '../../src/store/types';
import { ChannelHealth } from './channelHealth';
import { twitterConfig, twitterConfigured, type TwitterConfig } from './config';
import { TWITTER_CHANNEL } from './inboundMessages';
import { MentionPollJob } from './mentionPollJob';
import { TwitterSender } from './sender';
import { MAX_TWEET_WEIGHT } from './weightedLength';
import { twitterWebhookRoutes } from './webhookRoutes';

/**
 * X/Twitter @lapor1708: mentions by polling and/or the Account Activity webhook in, reply tweets
 * (or DMs) out. Channel objects are shared by every gateway in a process, so per-gateway state
 * (the poll job) is created in start() and the rest is keyed on the configuration.
 */
class TwitterChannel implements Channel {
  readonly name = TWITTER_CHANNEL;
  // Templates measure UTF-16 units; the sender checks X's weighted length again before posting.
  readonly replyStyle = { maxLength: MAX_TWEET_WEIGHT };
  private readonly state = new ChannelHealth();
  private readonly senders = new WeakMap<TwitterConfig, TwitterSender>();
  private pollJob: MentionPollJob | null = null;
  private pollSeconds = 0;

  enabled(config: Config): boolean {
    if (!twitterConfigured(config)) return false;
    // Validates every TWITTER_* variable now, so a bad one stops the start with its name.
    twitterConfig(config);
    return true;
  }

  routes(ctx: ChannelContext): Router {
    return twitterWebhookRoutes(ctx, twitterConfig(ctx.config));
  }

  async start(ctx: ChannelContext): Promise<void> {
    const cfg = twitterConfig(ctx.config);
    this.state.reset();
    this.pollSeconds = cfg.bearerToken === null ? 0 : cfg.pollSeconds;
    this.pollJob = new MentionPollJob(cfg, this.state);
    await this.pollJob.start(ctx);
  }

  async stop(): Promise<void> {
    await this.pollJob?.stop();
    this.pollJob = null;
  }

  send(reply: Reply, ctx: ChannelContext): Promise<SendResult> {
    const cfg = twitterConfig(ctx.config);
    let sender = this.senders.get(cfg);
    if (!sender) {
      sender = new TwitterSender(cfg, this.state);
      this.senders.set(cfg, sender);
    }
    return sender.send(reply, ctx);
  }

  health(): Record<string, unknown> {
    return { ...this.state.snapshot(), webhook: true, pollingEverySeconds: this.pollSeconds || null };
  }
}

export const twitterChannel: Channel = new TwitterChannel();
