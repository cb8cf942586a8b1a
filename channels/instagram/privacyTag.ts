import type { Privacy } from '../../src/message/inboundMessage';

/**
 * On the form a citizen picks Rahasia or Anonim; on Instagram the only way to say so is in the
 * text. #rahasia asks that nothing be answered in public; #anonim hides the reporter. Without a
 * tag the report is public like any comment.
 */
export function privacyFromTags(text: string): Privacy | undefined {
  if (/(^|[^\p{L}\p{N}_])#rahasia(?![\p{L}\p{N}_])/iu.test(text)) return 'rahasia';
  if (/(^|[^\p{L}\p{N}_])#anonim(?![\p{L}\p{N}_])/iu.test(text)) return 'anonim';
  return undefined;
}
