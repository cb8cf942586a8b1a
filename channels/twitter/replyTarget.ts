import type { ChannelContext } from '../../src/channels/channel';
import type { Reply } from '../../src/store/types';
import { isDirectMessage } from './inboundMessages';

export type ReplyTarget =
  | { via: 'tweet'; inReplyToTweetId: string; participantId: string }
  | { via: 'dm'; participantId: string; why: 'came_by_dm' | 'confidential' | 'no_tweet' | 'content' };

const WORD_RUN = 5;

function words(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
}

/**
 * True when the reply repeats a run of five words from the complaint. Our templates never do;
 * an operator's note on a status change might, and such a reply must not go out in public.
 */
export function repeatsComplaint(replyText: string, complaintTexts: readonly string[]): boolean {
  const reply = ` ${words(replyText).join(' ')} `;
  return complaintTexts.some((text) => {
    const w = words(text);
    for (let i = 0; i + WORD_RUN <= w.length; i++) {
      if (reply.includes(` ${w.slice(i, i + WORD_RUN).join(' ')} `)) return true;
    }
    return false;
  });
}

/**
 * Where a reply goes. In public (a reply tweet) only when the report came as a tweet, is not
 * confidential, and the text carries nothing of the complaint; otherwise by DM to the citizen.
 * A DM report is anonim unless the citizen asked otherwise (#publik, #rahasia), and is always answered
 * by DM: they chose a private door.
 */
export async function replyTarget(reply: Reply, ctx: ChannelContext): Promise<ReplyTarget> {
  const ticket = reply.trackingId === null ? null : await ctx.store.tickets.get(reply.trackingId);
  // Status-change replies carry no message key: they answer the message that opened the ticket.
  const sourceKey = reply.messageKey ?? ticket?.sourceKey ?? null;
  const source = sourceKey === null ? null : await ctx.store.inbox.get(sourceKey);
  // The outbound side may open a rahasia sender: the DM needs the account it goes to.
  const participantId = source ? ctx.reporterVault.reveal(source.sender).id : reply.recipient.id;

  if (source === null) return { via: 'dm', participantId, why: 'no_tweet' };
  if (isDirectMessage(source.externalId)) return { via: 'dm', participantId, why: 'came_by_dm' };
  if (ticket?.privacy === 'rahasia') return { via: 'dm', participantId, why: 'confidential' };
  if (repeatsComplaint(reply.text, [source.text, ...(ticket ? [ticket.text] : [])])) {
    return { via: 'dm', participantId, why: 'content' };
  }
  return { via: 'tweet', inReplyToTweetId: source.externalId, participantId };
}
