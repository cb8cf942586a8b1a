import type { CategoryTaxonomy } from './categoryTaxonomy';
import type { SoftmaxModel } from './softmaxModel';

export interface CategoryDecision {
  category: string;
  confidence: number;
  reasons: string[];
}

/** A keyword rule is certain, but the model may still see more; the two together are surer. */
const KEYWORD_CONFIDENCE = 0.9;
const KEYWORD_AGREEING = 0.97;

/** The category of a report: the trained model, overruled by a keyword of config/categories.json. */
export class CategoryClassifier {
  constructor(
    private readonly taxonomy: CategoryTaxonomy,
    private readonly model: SoftmaxModel,
  ) {}

  classify(normalizedText: string, featureSet: ReadonlySet<string>): CategoryDecision {
    const predicted = this.model.predict(featureSet);
    const because = predicted.evidence.length > 0 ? ` (words: ${predicted.evidence.join(', ')})` : '';
    const modelReason = `model: ${predicted.label} ${predicted.probability.toFixed(2)}${because}`;
    const keyword = this.taxonomy.keywordMatch(normalizedText);
    if (keyword === null) return { category: predicted.label, confidence: predicted.probability, reasons: [modelReason] };
    const agrees = predicted.label === keyword.category;
    return {
      category: keyword.category,
      confidence: agrees ? Math.max(KEYWORD_AGREEING, predicted.probability) : KEYWORD_CONFIDENCE,
      reasons: [`keyword "${keyword.keyword}" → ${keyword.category}`, modelReason],
    };
  }
}
