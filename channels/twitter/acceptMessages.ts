import type { ChannelContext } from '../../src/channels/channel';
import { ExternalIdConflictError } from '../../src/intake/accept';
import type { InboundMessageInput } from '../../src/message/inboundMessage';

/**
 * Stores every message or throws: callers acknowledge (HTTP 200, checkpoint) only when this
 * resolves. A tweet id is X's own and never reused, so when the same tweet comes back with other
 * content (polling and webhook render it slightly apart, or the author renamed) it is the same
 * message already stored, not a conflict.
 */
export async function acceptMessages(messages: readonly InboundMessageInput[], ctx: ChannelContext): Promise<number> {
  let stored = 0;
  for (const message of messages) {
    try {
      const accepted = await ctx.intake.accept(message);
      if (!accepted.redelivered) stored++;
    } catch (error) {
      if (!(error instanceof ExternalIdConflictError)) throw error;
      ctx.log.debug({ channel: message.channel }, 'tweet seen again with different rendering; kept the first');
    }
  }
  return stored;
}
