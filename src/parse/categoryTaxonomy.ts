import { readFileSync } from 'node:fs';
import { PhraseIndex } from './phraseIndex';
import { projectFile } from './projectFile';

export interface Category {
  id: string;
  label: { id: string; en: string };
  priority: number;
  keywords: string[];
}

export const OTHER_CATEGORY = 'lainnya';

export interface KeywordMatch {
  category: string;
  keyword: string;
}

/** The taxonomy of config/categories.json and its keyword rules. */
export class CategoryTaxonomy {
  private readonly byId: ReadonlyMap<string, Category>;
  private readonly keywords: PhraseIndex;

  private constructor(readonly categories: readonly Category[]) {
    this.byId = new Map(categories.map((c) => [c.id, c]));
    this.keywords = new PhraseIndex(categories.flatMap((c) => c.keywords));
  }

  static load(): CategoryTaxonomy {
    const file = JSON.parse(readFileSync(projectFile('config', 'categories.json'), 'utf8')) as { categories: Category[] };
    return new CategoryTaxonomy(file.categories);
  }

  get ids(): string[] {
    return this.categories.map((c) => c.id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** A category as a form or app names it: its id or either label, in any case. */
  resolve(name: string): string | null {
    const wanted = name.trim().toLowerCase();
    const found = this.categories.find(
      (c) => c.id === wanted || c.label.id.toLowerCase() === wanted || c.label.en.toLowerCase() === wanted,
    );
    return found?.id ?? null;
  }

  /**
   * The category a keyword settles, or null when none matches or keywords of two categories of the
   * same priority match (then the model decides).
   */
  keywordMatch(normalizedText: string): KeywordMatch | null {
    const present = this.keywords.firstPositions(normalizedText.split(' '));
    const hits: (KeywordMatch & { priority: number })[] = [];
    for (const c of this.categories) {
      const keyword = c.keywords.find((k) => present.has(k));
      if (keyword !== undefined) hits.push({ category: c.id, keyword, priority: c.priority });
    }
    if (hits.length === 0) return null;
    hits.sort((a, b) => b.priority - a.priority);
    const [first, second] = hits;
    if (first === undefined || (second !== undefined && second.priority === first.priority)) return null;
    return { category: first.category, keyword: first.keyword };
  }
}
