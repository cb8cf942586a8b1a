import { readFileSync } from 'node:fs';
import type { Intent } from './parser';
import type { NormalizedText } from './normalizer';
import { projectFile } from './projectFile';
import { findTrackingMention, type TrackingMention } from './trackingQuery';

interface IntentWordsFile {
  statusWords: string[];
  greetingWords: string[];
  profanityWords: string[];
  abuseFillerWords: string[];
  cues: { followup: string[] };
}

export interface RuleDecision {
  intent: Intent;
  confidence: number;
  reason: string;
}

/** A status question is short: a longer message with a number in it is usually adding to a report. */
const SHORT_STATUS_WORDS = 8;
const GIBBERISH_SHARE = 0.6;

/**
 * The intent decisions that need no model because they are certain from the shape of the
 * message: nothing in it, a tracking number asked about, only links, only greetings, only
 * swearing, keyboard mash. Returns null when the model must decide.
 */
export class IntentRules {
  private constructor(
    private readonly statusWords: ReadonlySet<string>,
    private readonly greetingWords: ReadonlySet<string>,
    private readonly profanityWords: ReadonlySet<string>,
    private readonly abuseFillerWords: ReadonlySet<string>,
    private readonly followupOpeners: ReadonlySet<string>,
  ) {}

  static load(): IntentRules {
    const file = JSON.parse(readFileSync(projectFile('config', 'intents.json'), 'utf8')) as IntentWordsFile;
    const followupOpeners = new Set(file.cues.followup.filter((cue) => !cue.includes(' ')));
    return new IntentRules(
      new Set(file.statusWords),
      new Set(file.greetingWords),
      new Set(file.profanityWords),
      new Set(file.abuseFillerWords),
      followupOpeners,
    );
  }

  tracking(raw: string): TrackingMention {
    return findTrackingMention(raw);
  }

  startsWithStatusWord(normalized: NormalizedText): boolean {
    return this.statusWords.has(normalized.tokens[0] ?? '');
  }

  decide(normalized: NormalizedText, tracking: TrackingMention): RuleDecision | null {
    const words = normalized.tokens.filter((t) => /^\p{L}/u.test(t));
    const asksStatus = this.startsWithStatusWord(normalized);
    // "tambahan untuk laporan 1234567890: …" names a report to add to, not one to ask about.
    const tracked = tracking.valid ?? tracking.invalid;
    if (tracked !== null && this.followupOpeners.has(normalized.tokens[0] ?? '')) {
      return { intent: 'followup', confidence: 0.9, reason: `adds to report ${tracked}` };
    }
    if (tracking.valid !== null && (asksStatus || words.length <= SHORT_STATUS_WORDS)) {
      return { intent: 'status_query', confidence: 0.98, reason: `tracking number ${tracking.valid} with a valid check digit` };
    }
    if (tracking.invalid !== null && (asksStatus || words.length <= SHORT_STATUS_WORDS)) {
      return { intent: 'status_query', confidence: 0.9, reason: `tracking number ${tracking.invalid} has a wrong check digit` };
    }
    if (words.length === 0) {
      if (normalized.urls.length > 0) return { intent: 'spam', confidence: 0.9, reason: 'only links' };
      return { intent: 'empty', confidence: 0.99, reason: 'no words' };
    }
    if (words.every((w) => this.greetingWords.has(w))) {
      return { intent: 'greeting', confidence: 0.95, reason: 'only greetings or thanks' };
    }
    const abusive = (w: string) => this.profanityWords.has(w) || this.abuseFillerWords.has(w);
    if (words.every(abusive) && words.some((w) => this.profanityWords.has(w))) {
      return { intent: 'spam', confidence: 0.95, reason: 'only abuse' };
    }
    if (words.filter(isGibberish).length >= Math.max(1, words.length * GIBBERISH_SHARE)) {
      return { intent: 'spam', confidence: 0.9, reason: 'gibberish' };
    }
    return null;
  }
}

/** A "word" no language writes: no vowel at all, or five consonants in a row ("asdfghjkl"). */
function isGibberish(word: string): boolean {
  if (word.length < 3) return false;
  return !/[aeiouy]/.test(word) || /[^aeiouy]{5}/.test(word);
}
