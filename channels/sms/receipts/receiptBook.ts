import type Redis from 'ioredis';
import type { Logger } from '../../../src/log/logger';
import type { DeliveryReport, Store } from '../../../src/store/types';
import { messageIdKeys, messageIdLookupKey, type DeliveryReceipt } from '../codec/deliveryReceipt';

/** Receipts can follow a submit by days (the SMSC retries until the validity period ends). */
const TRACK_TTL_SECONDS = 3 * 24 * 3600;
/** How long a receipt waits for its reply to be recorded as sent, and how often it looks. */
const SENT_WAIT_MS = 2 * 60 * 1000;
const SENT_POLL_MS = 200;
/** A receipt whose submit_sm_resp we never saw is kept this long in case the resp still comes. */
const PARKED_TTL_SECONDS = 24 * 3600;

// Records one part's final state and says what the whole reply now is: failed as soon as any part
// failed, delivered when every part is; otherwise nothing yet.
const RECORD_PART = `
redis.call('HSET', KEYS[1], 'p:' .. ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
local total = tonumber(redis.call('HGET', KEYS[1], 'total') or '1')
if ARGV[2] ~= 'delivered' then return 'failed' end
local delivered = 0
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  if string.sub(all[i], 1, 2) == 'p:' then
    if all[i + 1] == 'delivered' then delivered = delivered + 1 end
  end
end
if delivered >= total then return 'delivered' end
return ''
`;

interface Tracked {
  replyId: string;
  part: number;
}

/**
 * Matches delivery receipts to the replies we sent. Each submitted part's message id is indexed
 * under all its canonical keys (hex, decimal, without leading zeros) when its submit_sm_resp
 * arrives; a receipt that comes first is parked and matched then. Whichever side writes second
 * sees the other, so no receipt is lost to the race.
 */
export class ReceiptBook {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly store: Store,
    private readonly log: Logger,
    private readonly now: () => Date,
  ) {}

  private idKey(key: string): string {
    return `${this.prefix}dlr:id:${key}`;
  }

  private parkKey(key: string): string {
    return `${this.prefix}dlr:park:${key}`;
  }

  private replyKey(replyId: string): string {
    return `${this.prefix}dlr:reply:${replyId}`;
  }

  /** Before the parts go out: how many part receipts make the reply delivered. */
  async expect(replyId: string, parts: number): Promise<void> {
    await this.redis.multi().hset(this.replyKey(replyId), 'total', parts).expire(this.replyKey(replyId), TRACK_TTL_SECONDS).exec();
  }

  /** A part's submit_sm_resp arrived with this message id. */
  async submitted(replyId: string, part: number, messageId: string): Promise<void> {
    const keys = messageIdKeys(messageId);
    if (keys.length === 0) return;
    const tracked = JSON.stringify({ replyId, part } satisfies Tracked);
    const multi = this.redis.multi();
    for (const key of keys) multi.set(this.idKey(key), tracked, 'EX', TRACK_TTL_SECONDS);
    await multi.exec();
    for (const key of keys) {
      const parked = await this.redis.getdel(this.parkKey(key));
      if (parked) await this.apply({ replyId, part }, JSON.parse(parked) as DeliveryReceipt);
    }
  }

  /** A receipt arrived. Resolves once it is recorded or parked; throws when neither could be done. */
  async received(receipt: DeliveryReceipt): Promise<'recorded' | 'parked' | 'ignored'> {
    const key = messageIdLookupKey(receipt.messageId);
    if (!key) return 'ignored';
    const found = await this.redis.get(this.idKey(key));
    if (found) {
      await this.apply(JSON.parse(found) as Tracked, receipt);
      return 'recorded';
    }
    await this.redis.set(this.parkKey(key), JSON.stringify(receipt), 'EX', PARKED_TTL_SECONDS);
    const late = await this.redis.get(this.idKey(key));
    if (late) {
      const parked = await this.redis.getdel(this.parkKey(key));
      if (parked) await this.apply(JSON.parse(late) as Tracked, receipt);
      return 'recorded';
    }
    return 'parked';
  }

  private async apply(tracked: Tracked, receipt: DeliveryReceipt): Promise<void> {
    // ENROUTE, ACCEPTD and UNKNOWN say nothing final; the reply stays "sent".
    if (!receipt.final) return;
    const state = receipt.delivered ? 'delivered' : 'failed';
    const verdict = (await this.redis.eval(RECORD_PART, 1, this.replyKey(tracked.replyId), tracked.part, state, TRACK_TTL_SECONDS)) as string;
    if (verdict !== 'delivered' && verdict !== 'failed') return;
    const report: DeliveryReport = {
      status: verdict,
      error: verdict === 'failed' ? `part ${tracked.part + 1}: ${receipt.state}${receipt.err ? ` err ${receipt.err}` : ''}` : null,
      at: this.now(),
    };
    const current = await this.store.replies.get(tracked.replyId);
    if (current?.status === 'queued') {
      this.recordWhenSent(tracked.replyId, report, Date.now() + SENT_WAIT_MS);
      return;
    }
    const reply = await this.store.replies.recordDelivery(tracked.replyId, report);
    if (!reply) this.log.warn({ replyId: tracked.replyId }, 'delivery receipt for a reply the store does not know');
  }

  /**
   * A receipt can beat our own bookkeeping: the SMSC reports delivery before the outbound worker
   * has recorded the reply as sent, and that later "sent" would overwrite "delivered". Wait for it.
   */
  private recordWhenSent(replyId: string, report: DeliveryReport, deadline: number): void {
    const timer = setTimeout(() => {
      void (async () => {
        try {
          const reply = await this.store.replies.get(replyId);
          if (reply?.status === 'queued' && Date.now() < deadline) {
            this.recordWhenSent(replyId, report, deadline);
            return;
          }
          await this.store.replies.recordDelivery(replyId, report);
        } catch (error) {
          this.log.warn({ replyId, err: error }, 'could not record a delivery receipt');
        }
      })();
    }, SENT_POLL_MS);
    timer.unref();
  }
}
