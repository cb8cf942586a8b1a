import type Redis from 'ioredis';
import type { ChannelContext } from '../../src/channels/channel';
import type { SmsConfig } from './config';
import { ReceiptBook } from './receipts/receiptBook';
import { MoReceiver } from './receive/moReceiver';
import { MultipartStore } from './receive/multipartStore';
import { MultipartSweeper } from './receive/multipartSweeper';
import { SendProgress } from './send/sendProgress';
import { SmsSender } from './send/smsSender';
import { SmsLink, type LinkStatus } from './session/smsLink';

const SWEEP_MIN_MS = 250;
const SWEEP_MAX_MS = 10_000;
/** Fingerprints of taken-in parts are kept this long to recognise their redelivery. */
const DONE_PARTS_TTL_MS = 60 * 60 * 1000;

/** The parts store as every process running the channel builds it from the configuration. */
export function multipartStoreFor(config: SmsConfig, redis: Redis): MultipartStore {
  return new MultipartStore(redis, config.keyPrefix, {
    timeoutMs: config.multipartTimeoutMs,
    leaseMs: Math.max(config.responseTimeoutMs * 3, 30_000),
    doneTtlMs: Math.max(DONE_PARTS_TTL_MS, config.multipartTimeoutMs * 2),
    maxOpenPerSender: config.multipartMaxOpenPerSender,
    keyTtlMs: config.multipartKeyTtlMs,
  });
}

/**
 * Everything the SMS channel runs in one process for one gateway: the binds, the deliver_sm
 * handling, the multipart sweeper and the sender.
 */
export class SmsRuntime {
  readonly link: SmsLink;
  readonly sender: SmsSender;
  private readonly sweeper: MultipartSweeper;

  constructor(config: SmsConfig, ctx: ChannelContext) {
    const receipts = new ReceiptBook(ctx.redis, config.keyPrefix, ctx.store, ctx.log, ctx.now);
    const parts = multipartStoreFor(config, ctx.redis);
    const receiver = new MoReceiver(ctx, config.keyPrefix, parts, receipts);
    this.link = new SmsLink(config, ctx.log, (pdu) => receiver.handle(pdu));
    this.sender = new SmsSender(this.link.transmitter, new SendProgress(ctx.redis, config.keyPrefix), receipts, { shortCode: config.shortCode, waitBoundMs: config.responseTimeoutMs }, ctx.log);
    const sweepEvery = Math.min(SWEEP_MAX_MS, Math.max(SWEEP_MIN_MS, Math.floor(config.multipartTimeoutMs / 4)));
    this.sweeper = new MultipartSweeper(parts, receiver, ctx.log, ctx.now, sweepEvery);
  }

  start(): void {
    this.link.start();
    this.sweeper.start();
  }

  async stop(): Promise<void> {
    await this.sweeper.stop();
    await this.link.stop();
  }

  status(): LinkStatus {
    return this.link.status();
  }
}
