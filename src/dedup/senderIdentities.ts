import type { Sender } from '../message/inboundMessage';
import { normalizeIndonesianPhone } from '../message/phone';

/**
 * Every identity a sender is known by: the channel-qualified id ("sms:+62812…", "twitter:123") and
 * the phone number in E.164 ("tel:+62812…") when the channel knows it, so that one citizen writing
 * by SMS and through the web form with the same number is one sender. Email is an identity too
 * (web and app reports carry it).
 */
export function senderIdentities(channel: string, sender: Pick<Sender, 'id' | 'phone' | 'email'>): string[] {
  const ids = new Set<string>([`${channel}:${sender.id}`]);
  const phone = normalizeIndonesianPhone(sender.phone ?? '') ?? (channel === 'sms' ? normalizeIndonesianPhone(sender.id) : null);
  if (phone) ids.add(`tel:${phone}`);
  const email = sender.email?.trim().toLowerCase();
  if (email) ids.add(`email:${email}`);
  return [...ids];
}
