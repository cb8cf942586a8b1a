import { boundedNfkc } from '../message/boundedNfkc';

const TITLE_MAX = 80;
const TITLE_MIN_CUT = 40;
const MENTIONS_LINKS_TAGS = /@[\p{L}\p{N}_.]+|#[\p{L}\p{N}_]+|\bhttps?:\/\/\S+|\bwww\.\S+/gu;
// An opening that only greets ("Selamat pagi admin.", "Assalamualaikum,") says nothing about the report.
const GREETING_OPENING = /^(?:(?:selamat\s+(?:pagi|siang|sore|malam)|assalamu['’]?alaikum(?:\s+wr\.?\s*wb\.?)?|halo|hai|permisi|punten|yth\.?)\b[^.!?\n]{0,25}?[.,!?\n]\s*)+/iu;

/**
 * A short summary line for operators: the first sentence of the message without mentions, links,
 * hashtags or a greeting, cut at a word boundary. Operators may rewrite it.
 */
export function titleFrom(text: string): string {
  const cleaned = boundedNfkc(text).replace(MENTIONS_LINKS_TAGS, ' ').replace(/[ \t]+/g, ' ').trim();
  const body = cleaned.replace(GREETING_OPENING, '').trim() || cleaned;
  const sentence = (body.split(/(?<=[.!?])\s|\n/)[0] ?? body).trim();
  const capitalised = sentence.charAt(0).toUpperCase() + sentence.slice(1);
  if (capitalised.length <= TITLE_MAX) return capitalised;
  const cut = capitalised.slice(0, TITLE_MAX);
  const space = cut.lastIndexOf(' ');
  return `${(space > TITLE_MIN_CUT ? cut.slice(0, space) : cut).trimEnd()}…`;
}
