import { readFileSync } from 'node:fs';
import { detectLanguage } from './language';
import type { NormalizedText } from './normalizer';
import { Normalizer } from './normalizer';
import { PhraseIndex } from './phraseIndex';
import { projectFile } from './projectFile';
import { stem } from './stemmer';

/**
 * What the classifiers see of a normalised message: stemmed words, pairs of neighbouring stems,
 * and character 3- and 4-grams of each word (which survive the typos the slang dictionary does
 * not know). Numbers become one "<num>" word: their value says nothing about the topic.
 */
const CHARACTER_NGRAM = 'c:';

export function features(tokens: readonly string[]): Set<string> {
  const out = new Set<string>();
  const stems = tokens.map((t) => (/^\p{N}/u.test(t) ? '<num>' : stem(t)));
  stems.forEach((s, i) => {
    out.add(`w:${s}`);
    const next = stems[i + 1];
    if (next !== undefined) out.add(`b:${s}_${next}`);
  });
  for (const token of tokens) {
    if (/^\p{N}/u.test(token) || token.length < 3) continue;
    const padded = `^${token}$`;
    for (let n = 3; n <= 4; n++) {
      for (let i = 0; i + n <= padded.length; i++) out.add(`${CHARACTER_NGRAM}${padded.slice(i, i + n)}`);
    }
  }
  return out;
}

/** A cue counts as opening the message when it starts within its first words ("Pak, mohon agar…"). */
const OPENING_WORDS = 3;

interface CueFile {
  cues: Record<string, string[]>;
}

/**
 * The one way text becomes features, shared by the parser and the training script: the words
 * above, plus signals of what kind of message it is. Cue words of config/intents.json `cues`
 * ("usul", "saran", "berharap" for an aspiration; "syarat", "bagaimana" for a question;
 * "tambahan", "ralat" for a follow-up) each add one feature for their intent, so the model
 * learns one weight for a whole family of synonyms instead of one per word it happens to have
 * seen; a cue in the opening words adds a second one, because "tambahan: …" opens a follow-up
 * while "minta uang tambahan" is a complaint. English messages are also read in the Indonesian
 * glossary of config/slang.json.
 */
export class TextFeatures {
  private readonly cueIndex: PhraseIndex;

  private constructor(
    readonly normalizer: Normalizer,
    private readonly cues: readonly { intent: string; phrase: string }[],
  ) {
    this.cueIndex = new PhraseIndex(cues.map((c) => c.phrase));
  }

  static load(normalizer = Normalizer.load()): TextFeatures {
    const file = JSON.parse(readFileSync(projectFile('config', 'intents.json'), 'utf8')) as CueFile;
    const cues = Object.entries(file.cues).flatMap(([intent, phrases]) => phrases.map((phrase) => ({ intent, phrase })));
    return new TextFeatures(normalizer, cues);
  }

  /**
   * `featureSet` (everything) is what the category model reads; `intentFeatures` leaves out the
   * character n-grams: they carry the topic of a message, not what the citizen wants done, and with
   * them the intent model learned that road words mean "complaint" (5-fold cross-validation on the
   * training part: intent accuracy 0.941 with them, 0.964 without).
   */
  extract(text: string): { normalized: NormalizedText; featureSet: Set<string>; intentFeatures: Set<string> } {
    const { normalizer } = this;
    const normalized = normalizer.normalize(text);
    const english = detectLanguage(text) === 'en' ? normalizer.glossEnglish(text) : [];
    const featureSet = features([...normalized.tokens, ...normalizer.hashtagWords(normalized), ...english]);
    // How a message opens and whether it asks tell intents apart ("mohon agar…", "cek…", "…?").
    const first = normalized.tokens[0];
    if (first !== undefined) featureSet.add(`f:${stem(first)}`);
    if (text.includes('?')) featureSet.add('s:question');
    if (normalized.urls.length > 0) featureSet.add('s:link');
    for (const tokens of [normalized.tokens, english]) this.addCues(tokens, featureSet);
    const intentFeatures = new Set([...featureSet].filter((f) => !f.startsWith(CHARACTER_NGRAM)));
    return { normalized, featureSet, intentFeatures };
  }

  private addCues(tokens: readonly string[], featureSet: Set<string>): void {
    const found = this.cueIndex.firstPositions(tokens);
    for (const cue of this.cues) {
      const at = found.get(cue.phrase);
      if (at === undefined) continue;
      featureSet.add(`k:${cue.intent}`);
      if (at < OPENING_WORDS) featureSet.add(`k:${cue.intent}^`);
    }
  }
}
