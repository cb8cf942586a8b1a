/**
 * Links in lower-cased text: "http://…", "https://…" or "www.…" up to the next space, and bare
 * domains ending in a known top-level domain ("bit.ly/abc", "lapor.go.id"). It finds what the
 * pattern
 *
 *   \b(?:https?:\/\/|www\.)\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|id|…)(?:\/\S*)?
 *
 * finds, in one pass: run by a backtracking engine, that pattern retries every dotted label of a
 * run from every word boundary in it, so "a-a.a-a.…" costs time quadratic in its length.
 */

/** First match wins, in this order, as in the alternation above ("co" is only tried after "com"). */
const TOP_LEVEL_DOMAINS = ['com', 'id', 'net', 'org', 'xyz', 'ly', 'me', 'io', 'co', 'info', 'site', 'online', 'top', 'vip'];
const SCHEME_LINK = /(?:https?:\/\/|www\.)\S+/y;
const PATH = /\/\S*/y;
const LABEL_RUN = /[a-z0-9-]+(?:\.[a-z0-9-]+)*/g;

export interface Span {
  start: number;
  end: number;
}

export function linkSpans(text: string): Span[] {
  const lastDomainDot = lastDomainDots(text);
  const spans: Span[] = [];
  let at = 0;
  while (at < text.length) {
    if (!wordBoundary(text, at)) {
      at++;
      continue;
    }
    SCHEME_LINK.lastIndex = at;
    if (SCHEME_LINK.test(text)) {
      spans.push({ start: at, end: SCHEME_LINK.lastIndex });
      at = SCHEME_LINK.lastIndex;
      continue;
    }
    const dot = lastDomainDot[at] ?? -1;
    if (dot > at && isLabelChar(text.charCodeAt(at))) {
      let end = dot + 1 + (topLevelDomainAt(text, dot + 1)?.length ?? 0);
      if (text[end] === '/') {
        PATH.lastIndex = end;
        if (PATH.test(text)) end = PATH.lastIndex;
      }
      spans.push({ start: at, end });
      at = end;
      continue;
    }
    at++;
  }
  return spans;
}

/** The links of a text, and the text with each replaced by one space. */
export function takeLinks(text: string): { links: string[]; rest: string } {
  const spans = linkSpans(text);
  if (spans.length === 0) return { links: [], rest: text };
  const links: string[] = [];
  let rest = '';
  let from = 0;
  for (const { start, end } of spans) {
    links.push(text.slice(start, end));
    rest += `${text.slice(from, start)} `;
    from = end;
  }
  return { links, rest: rest + text.slice(from) };
}

/**
 * For each position inside a run of dotted labels, the last dot of that run followed by a known
 * top-level domain (-1 when there is none): a bare domain starting anywhere in the run ends there.
 */
function lastDomainDots(text: string): Int32Array {
  const out = new Int32Array(text.length).fill(-1);
  for (const run of text.matchAll(LABEL_RUN)) {
    const start = run.index;
    const end = start + run[0].length;
    let dot = -1;
    for (let i = end - 1; i > start; i--) {
      if (text[i] === '.' && topLevelDomainAt(text, i + 1) !== null) {
        dot = i;
        break;
      }
    }
    if (dot >= 0) out.fill(dot, start, dot);
  }
  return out;
}

function topLevelDomainAt(text: string, at: number): string | null {
  return TOP_LEVEL_DOMAINS.find((tld) => text.startsWith(tld, at)) ?? null;
}

function isLabelChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 45;
}

/** \w without the u and i flags: ASCII letters, digits and "_". */
function isWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
}

function wordBoundary(text: string, at: number): boolean {
  const before = at > 0 && isWordChar(text.charCodeAt(at - 1));
  return before !== (at < text.length && isWordChar(text.charCodeAt(at)));
}
