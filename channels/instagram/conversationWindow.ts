import type Redis from 'ioredis';

/** Meta's standard messaging window: a business may answer within 24 hours of the person's last message. */
export const MESSAGING_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Private replies to a comment are possible for 7 days after it was written, once. */
export const PRIVATE_REPLY_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

// Compare-and-set in one step so two webhook deliveries racing cannot move the time backwards.
const KEEP_LATEST = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > current then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
return 1`;

/**
 * When each person last wrote to us by DM, and which comments have had their one private reply.
 * Kept in Redis so every process sees the same; entries expire with the windows they describe.
 */
export class ConversationWindow {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async recordInbound(senderId: string, at: Date): Promise<void> {
    await this.redis.eval(KEEP_LATEST, 1, `${this.prefix}:last-dm:${senderId}`, String(at.getTime()), String(MESSAGING_WINDOW_MS * 2));
  }

  async lastInbound(senderId: string): Promise<Date | null> {
    const value = await this.redis.get(`${this.prefix}:last-dm:${senderId}`);
    return value === null ? null : new Date(Number(value));
  }

  /**
   * Claims the one private reply of a comment for `replyId`. True when it is ours to send: newly
   * claimed, or claimed earlier by this same reply (a retry after a failed attempt).
   */
  async claimPrivateReply(commentId: string, replyId: string): Promise<boolean> {
    const key = `${this.prefix}:private-reply:${commentId}`;
    const set = await this.redis.set(key, replyId, 'PX', PRIVATE_REPLY_WINDOW_MS + MESSAGING_WINDOW_MS, 'NX');
    if (set === 'OK') return true;
    return (await this.redis.get(key)) === replyId;
  }
}
