import type { InboundMessageInput, Privacy } from './inboundMessage';

const tag = (name: string) => new RegExp(`(^|[^\\p{L}\\p{N}_])#${name}(?![\\p{L}\\p{N}_])`, 'iu');
const RAHASIA = tag('rahasia');
const ANONIM = tag('anonim');
const PUBLIK = tag('publik');

/**
 * On the form a citizen picks Publik, Anonim or Rahasia; by SMS, X or Instagram the only way to say
 * so is a tag in the text. #rahasia asks that nothing be answered in public; #anonim hides the
 * reporter; #publik lets the status page show the report. The most private tag wins.
 */
export function privacyFromTags(text: string): Privacy | undefined {
  if (RAHASIA.test(text)) return 'rahasia';
  if (ANONIM.test(text)) return 'anonim';
  if (PUBLIK.test(text)) return 'public';
  return undefined;
}

/**
 * The privacy a message's tags ask for, as intake fields: read when the message arrives, so a
 * #rahasia message is sealed in the inbox from the start (src/store/sealing.ts), not only once it
 * becomes a ticket. For the channels where a tag is the citizen's only way to choose.
 */
export function privacyFields(text: string): Pick<InboundMessageInput, 'fields'> {
  const privacy = privacyFromTags(text);
  return privacy ? { fields: { privacy } } : {};
}

/**
 * The privacy of a report: the citizen's explicit choice (web form, app, a channel's own signal),
 * else a tag in the text, else anonim. Nobody who wrote by SMS or DM chose to be public, so a report
 * is public only when the citizen asked.
 */
export function reportPrivacy(chosen: Privacy | undefined, text: string): Privacy {
  return chosen ?? privacyFromTags(text) ?? 'anonim';
}
