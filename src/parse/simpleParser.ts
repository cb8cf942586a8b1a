import { findTrackingNumber } from '../tickets/trackingNumber';
import { detectLanguage } from './language';
import type { Parser, ParseResult } from './parser';

const STATUS_QUERY = /^\s*(cek|cék|status|check|lacak|track)\b/i;
const MIN_COMPLAINT_LETTERS = 3;
const TITLE_MAX = 80;

/**
 * The pipeline's first parser: recognises status queries and empty messages and files everything
 * else as a complaint in "lainnya" with low confidence. The Indonesian parser (issue 5) replaces it.
 */
export class SimpleParser implements Parser {
  parse(message: Parameters<Parser['parse']>[0]): ParseResult {
    const text = message.text.normalize('NFKC').trim();
    const fields = message.fields ?? {};
    const language = fields.language ?? detectLanguage(text);
    const base = { language, location: fields.location ?? null, category: fields.category ?? 'lainnya' };

    // Forms and apps file reports explicitly: whatever they send becomes a ticket an operator can judge.
    const structured = message.fields !== null && message.fields !== undefined;
    if (!structured && STATUS_QUERY.test(text)) {
      const trackingId = findTrackingNumber(text);
      return { ...base, intent: 'status_query', trackingId, title: '', confidence: trackingId ? 0.9 : 0.5 };
    }
    const letters = text.replace(/[^\p{L}]/gu, '').length;
    if (!structured && letters < MIN_COMPLAINT_LETTERS) {
      return { ...base, intent: 'empty', trackingId: null, title: '', confidence: 0.9 };
    }
    return {
      ...base,
      intent: 'complaint',
      trackingId: null,
      title: fields.title?.trim() || titleFrom(text),
      confidence: fields.category ? 0.8 : 0.3,
    };
  }
}

/** First sentence, cut at a word boundary. */
export function titleFrom(text: string): string {
  const sentence = (text.split(/(?<=[.!?])\s|\n/)[0] ?? text).trim();
  if (sentence.length <= TITLE_MAX) return sentence;
  const cut = sentence.slice(0, TITLE_MAX);
  const space = cut.lastIndexOf(' ');
  return `${(space > 40 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
