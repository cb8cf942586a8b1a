import { MAX_MESSAGE_TEXT } from './inboundMessage';

/** Input characters normalised at a time: one piece's output (at most 18× under NFKC) stays small. */
const PIECE = 256;
/** How far back from a piece's end to look for a safe place to cut it. */
const CUT_SEARCH = 64;

/**
 * The NFKC form of a citizen's text, at most `max` characters long. NFKC can multiply a text's
 * length: "ﷺ" (U+FDFA) becomes 18 characters, so 20,000 of them would hand every later step
 * 360,000. Normalising piece by piece and stopping at `max` keeps each step linear in a bounded
 * length whatever the text is made of. Only the parser's view is clipped: the stored text is the
 * citizen's, untouched.
 */
export function boundedNfkc(text: string, max: number = MAX_MESSAGE_TEXT): string {
  let out = '';
  for (let at = 0; at < text.length && out.length < max; ) {
    const end = pieceEnd(text, at);
    out += text.slice(at, end).normalize('NFKC');
    at = end;
  }
  return out.length <= max ? out : clip(out, max);
}

function pieceEnd(text: string, at: number): number {
  const end = at + PIECE;
  if (end >= text.length) return text.length;
  for (let cut = end; cut > end - CUT_SEARCH; cut--) {
    // Before an ASCII character no NFKC composition or reordering reaches back: pieces cut there normalise as the whole would.
    if (text.charCodeAt(cut) < 0x80) return cut;
  }
  // No ASCII nearby (a run of one script): cut anywhere but inside a surrogate pair. A mark at
  // the cut may then stay uncomposed, which no reading of the text depends on.
  return isHighSurrogate(text.charCodeAt(end - 1)) ? end - 1 : end;
}

function clip(text: string, max: number): string {
  return text.slice(0, isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : max);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
