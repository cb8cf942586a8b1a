import type { Sender } from '../../src/message/inboundMessage';
import { normalizeIndonesianPhone } from '../../src/message/phone';

function phoneOf(sender: Sender): string | null {
  return sender.phone ? normalizeIndonesianPhone(sender.phone) : null;
}

/**
 * True when `asker` is the citizen who filed a ticket: the same account on the same channel, or
 * the same phone number whatever the channel (an SMS reporter checking from the web form).
 */
export function isSameReporter(reporter: Sender, reporterChannel: string, asker: Sender, askerChannel: string): boolean {
  if (reporterChannel === askerChannel && reporter.id === asker.id) return true;
  const a = phoneOf(reporter);
  return a !== null && a === phoneOf(asker);
}
