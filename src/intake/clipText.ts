import { MAX_MESSAGE_TEXT, type InboundMessageInput } from '../message/inboundMessage';

const ELLIPSIS = '…';

/**
 * Some platforms carry more text than a message keeps: an X Premium post runs to 25,000
 * characters, an SMS message_payload or a 255-part concatenation further still. Refusing such a
 * message would refuse what a citizen sent, and a refused webhook or deliver_sm is redelivered for
 * ever, holding back the rest of its batch. So the text is kept up to the limit, ending in an
 * ellipsis that shows a reader it was cut.
 */
export function clipText(input: InboundMessageInput): InboundMessageInput {
  const { text } = input;
  if (typeof text !== 'string' || text.length <= MAX_MESSAGE_TEXT) return input;
  let end = MAX_MESSAGE_TEXT - ELLIPSIS.length;
  // Never cut a surrogate pair in two: half an emoji is not a character PostgreSQL can store.
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return { ...input, text: text.slice(0, end) + ELLIPSIS };
}
