/**
 * Which of a fixed list of phrases (words separated by one space) occur in a list of words, found
 * in one pass over the words: looking for each phrase in turn costs the length of the text once
 * per phrase, and the lists of cues and keywords run to hundreds.
 */
export class PhraseIndex {
  private readonly byFirstWord = new Map<string, { phrase: string; words: string[] }[]>();

  constructor(phrases: Iterable<string>) {
    for (const phrase of phrases) {
      const words = phrase.split(' ');
      const first = words[0] ?? '';
      const list = this.byFirstWord.get(first);
      if (list) list.push({ phrase, words });
      else this.byFirstWord.set(first, [{ phrase, words }]);
    }
  }

  /** Each phrase that occurs in `words`, with the position of its first occurrence. */
  firstPositions(words: readonly string[]): Map<string, number> {
    const found = new Map<string, number>();
    words.forEach((word, at) => {
      for (const { phrase, words: phraseWords } of this.byFirstWord.get(word) ?? []) {
        if (!found.has(phrase) && phraseWords.every((w, k) => words[at + k] === w)) found.set(phrase, at);
      }
    });
    return found;
  }
}
