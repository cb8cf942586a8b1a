import type { ReplyEvent } from '../../src/replies/templates';
import type { Decision, ReviewReason } from '../../src/store/types';

/** What processing one message decided: recorded on the message, answered by one reply at most. */
export interface Outcome {
  decision: Decision;
  /** The ticket the message created or was attached to. */
  ticketId: string | null;
  /** null: no reply (suspected spam is not answered; an operator decides). */
  event: ReplyEvent | null;
  /** The reason of a review item this processing opened (for metrics; a retry opens none). */
  review?: ReviewReason;
  /** True when the new ticket joined a case of many citizens. */
  joinedCase?: boolean;
}
