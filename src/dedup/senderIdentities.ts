import type { Sender } from '../message/inboundMessage';
import { normalizeIndonesianPhone } from '../message/phone';

/** Marks an identity the sender only typed (a phone or email in a form): it proves nothing. */
const CLAIM = 'claim:';

/**
 * Every identity a sender is known by. Verified ones are vouched for by the channel: the
 * channel-qualified id ("sms:+62812…", "twitter:123", "instagram:…") and, for SMS, the originator's
 * number in E.164 ("tel:+62812…"). A phone or email typed into the web form or the app is only a
 * claim ("claim:tel:+62812…", "claim:email:…"): anyone can type anyone's number, so a claim may
 * point an operator at a possible duplicate but never makes two messages the same sender's.
 */
export function senderIdentities(channel: string, sender: Pick<Sender, 'id' | 'phone' | 'email'>): string[] {
  const ids = new Set<string>([`${channel}:${sender.id}`]);
  const originator = channel === 'sms' ? normalizeIndonesianPhone(sender.id) : null;
  if (originator) ids.add(`tel:${originator}`);
  const typed = normalizeIndonesianPhone(sender.phone ?? '');
  if (typed && typed !== originator) ids.add(`${CLAIM}tel:${typed}`);
  const email = sender.email?.trim().toLowerCase();
  if (email) ids.add(`${CLAIM}email:${email}`);
  return [...ids];
}

function isClaim(identity: string): boolean {
  return identity.startsWith(CLAIM);
}

/** The identity without its claim mark: a claimed and a verified "tel:+62812…" name the same number. */
export function claimedValue(identity: string): string {
  return isClaim(identity) ? identity.slice(CLAIM.length) : identity;
}

/** The verified identities only: what a lock, an automatic attachment or a status answer may rest on. */
export function verifiedIdentities(ids: readonly string[]): string[] {
  return ids.filter((id) => !isClaim(id));
}

/**
 * The index keys under which tickets sharing any of these identities are filed, whether the
 * identity was verified or claimed on either side: a claim still finds candidates for review.
 */
export function lookupIdentities(ids: readonly string[]): string[] {
  const out = new Set<string>();
  for (const id of ids) {
    const value = claimedValue(id);
    out.add(value);
    if (!value.startsWith('tel:') && !value.startsWith('email:')) continue;
    out.add(`${CLAIM}${value}`);
  }
  return [...out];
}

/**
 * True when two senders are one citizen as far as the channels can tell: they share a verified
 * identity (the same account on the same channel, or the same SMS originator). A phone number typed
 * into a form proves nothing, so it never makes anyone the reporter of a ticket.
 */
export function isSameReporter(reporter: Sender, reporterChannel: string, asker: Sender, askerChannel: string): boolean {
  const theirs = new Set(verifiedIdentities(senderIdentities(reporterChannel, reporter)));
  return verifiedIdentities(senderIdentities(askerChannel, asker)).some((id) => theirs.has(id));
}
