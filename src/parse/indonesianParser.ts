import type { ReportFields } from '../message/inboundMessage';
import { CategoryClassifier } from './categoryClassifier';
import { CategoryTaxonomy, OTHER_CATEGORY } from './categoryTaxonomy';
import { TextFeatures } from './features';
import { IntentClassifier } from './intentClassifier';
import { IntentRules } from './intentRules';
import { detectLanguage } from './language';
import { RegionMatcher } from './location/regionMatcher';
import { RegionTable } from './location/regionTable';
import { locationText } from './location/locationText';
import { loadModel } from './modelFiles';
import type { NormalizedText } from './normalizer';
import { DEFAULT_PARSE_BUDGET_MS, ParseBudgetExceeded, ParseDeadline } from './parseBudget';
import type { Intent, Parser, ParseResult, ParsedLocation } from './parser';
import { ReviewPolicy } from './reviewPolicy';
import { AgencyRouter } from './routing/agencyRouter';
import { titleFrom } from './title';
import { boundedNfkc } from '../message/boundedNfkc';

export interface ParserParts {
  features: TextFeatures;
  taxonomy: CategoryTaxonomy;
  intents: IntentClassifier;
  categories: CategoryClassifier;
  regions: Pick<RegionMatcher, 'match'>;
  router: Pick<AgencyRouter, 'route'>;
  review: ReviewPolicy;
}

/** Intents whose text says what it is about: they get a category. */
const CATEGORISED: ReadonlySet<Intent> = new Set(['complaint', 'aspiration', 'information_request', 'followup']);
/** Intents that become tickets for an agency: they get a place and a route. */
const ROUTED: ReadonlySet<Intent> = new Set(['complaint', 'aspiration', 'information_request']);
const UNTITLED: ReadonlySet<Intent> = new Set(['status_query', 'empty']);

const NO_LOCATION: ParsedLocation = { province: null, regency: null, district: null, village: null, address: null };

/**
 * The parser of every inbound message: normalise → intent → category → place → agency →
 * review verdict, each decision with its score and reasons. Forms and apps state some of these
 * (title, category, location, language); what they state wins over any guess.
 */
export class IndonesianParser implements Parser {
  constructor(
    private readonly parts: ParserParts,
    private readonly budgetMs: number = DEFAULT_PARSE_BUDGET_MS,
  ) {}

  /**
   * Reads the dictionaries, models and region data once; a few milliseconds plus the region table.
   * `budgetMs` is how long one message may take (PARSE_BUDGET_MS in the gateway).
   */
  static load(options: { budgetMs?: number } = {}): IndonesianParser {
    const taxonomy = CategoryTaxonomy.load();
    const regionTable = RegionTable.load();
    return new IndonesianParser({
      features: TextFeatures.load(),
      taxonomy,
      intents: new IntentClassifier(IntentRules.load(), loadModel('intent')),
      categories: new CategoryClassifier(taxonomy, loadModel('category')),
      regions: RegionMatcher.load(regionTable),
      router: AgencyRouter.load(regionTable),
      review: ReviewPolicy.load(),
    }, options.budgetMs);
  }

  /** The full reading of a message, or, when it cannot be had within the budget, a report for an operator to read. */
  parse(message: Parameters<Parser['parse']>[0]): ParseResult {
    const deadline = new ParseDeadline(this.budgetMs);
    try {
      return this.parseWithin(message, deadline);
    } catch (error) {
      if (error instanceof ParseBudgetExceeded) return this.overBudget(message, error);
      throw error;
    }
  }

  private parseWithin(message: Parameters<Parser['parse']>[0], deadline: ParseDeadline): ParseResult {
    const { features, review } = this.parts;
    const fields: ReportFields | null = message.fields ?? null;
    const text = boundedNfkc(message.text);
    const reportText = [fields?.title, text].filter((part) => part !== undefined && part.trim() !== '').join('. ');
    const { normalized, featureSet, intentFeatures } = features.extract(reportText);
    deadline.check('normalise');
    const reasons: string[] = [];

    const intent = this.intent(fields, text, reportText, normalized, intentFeatures);
    reasons.push(...intent.reasons);
    deadline.check('intent');
    const category = this.category(intent.intent, fields, normalized.text, featureSet);
    reasons.push(...category.reasons);
    deadline.check('category');
    const place = ROUTED.has(intent.intent) ? this.place(fields, text, deadline) : null;
    if (place !== null) reasons.push(...place.reasons);
    const route = place !== null ? this.parts.router.route(category.category, place.regionCode, normalized.text) : null;
    if (route !== null) reasons.push(...route.reasons);
    deadline.check('agency');

    const verdict = review.judge({
      intent: intent.intent,
      intentConfidence: intent.confidence,
      categoryConfidence: category.confidence,
      regionCode: place?.regionCode ?? null,
      locationConfidence: place?.confidence ?? 0,
      agency: route?.agency ?? null,
      agencyConfidence: route?.confidence ?? 0,
    });
    const location = place?.location ?? NO_LOCATION;
    return {
      intent: intent.intent,
      intentConfidence: round(intent.confidence),
      trackingId: intent.trackingId,
      invalidTrackingId: intent.invalidTrackingId,
      title: UNTITLED.has(intent.intent) ? '' : fields?.title?.trim() || titleFrom(text),
      category: category.category,
      categoryConfidence: round(category.confidence),
      location,
      locationText: locationText(location),
      regionCode: place?.regionCode ?? null,
      agency: route?.agency ?? null,
      agencyConfidence: round(route?.confidence ?? 0),
      language: fields?.language ?? detectLanguage(text),
      confidence: round(verdict.confidence),
      needsReview: verdict.needsReview,
      reviewReasons: verdict.reviewReasons,
      reasons,
      normalizedText: normalized.text,
    };
  }

  private intent(
    fields: ReportFields | null,
    text: string,
    reportText: string,
    normalized: NormalizedText,
    intentFeatures: ReadonlySet<string>,
  ): ReturnType<IntentClassifier['classify']> {
    if (fields === null) return this.parts.intents.classify(text, normalized, intentFeatures);
    // A form or app is used to file a report: whatever it sends is one, unless nothing was written.
    const empty = !/\p{L}/u.test(reportText);
    return {
      intent: empty ? 'empty' : 'complaint',
      confidence: 1,
      trackingId: null,
      invalidTrackingId: null,
      reasons: [empty ? 'intent empty: the form was sent without text' : 'intent complaint: filed as a report through a form or app'],
    };
  }

  private category(intent: Intent, fields: ReportFields | null, normalizedText: string, featureSet: ReadonlySet<string>) {
    const { taxonomy, categories } = this.parts;
    const chosen = fields?.category !== undefined ? taxonomy.resolve(fields.category) : null;
    if (chosen !== null) return { category: chosen, confidence: 1, reasons: [`category ${chosen}: chosen on the form`] };
    if (!CATEGORISED.has(intent)) return { category: OTHER_CATEGORY, confidence: 0, reasons: [] };
    const decided = categories.classify(normalizedText, featureSet);
    const unknown = fields?.category !== undefined ? [`the form's category "${fields.category}" is not in the taxonomy`] : [];
    return { ...decided, reasons: [...unknown, ...decided.reasons.map((r) => `category ${decided.category}: ${r}`)] };
  }

  private place(fields: ReportFields | null, text: string, deadline: ParseDeadline): ReturnType<RegionMatcher['match']> {
    const { regions } = this.parts;
    if (fields?.location !== undefined && fields.location.trim() !== '') {
      const stated = regions.match(fields.location, deadline);
      if (stated.regionCode !== null) return { ...stated, reasons: ['location from the form', ...stated.reasons] };
    }
    return regions.match(text, deadline);
  }

  /**
   * A message that could not be read within the budget: filed as a report for an operator, with
   * what the form stated and nothing guessed, so it is neither lost nor forwarded blind.
   */
  private overBudget(message: Parameters<Parser['parse']>[0], exceeded: ParseBudgetExceeded): ParseResult {
    const fields: ReportFields | null = message.fields ?? null;
    const text = boundedNfkc(message.text);
    const chosen = fields?.category !== undefined ? this.parts.taxonomy.resolve(fields.category) : null;
    return {
      intent: 'complaint',
      intentConfidence: 0,
      trackingId: null,
      invalidTrackingId: null,
      title: fields?.title?.trim() || titleFrom(text),
      category: chosen ?? OTHER_CATEGORY,
      categoryConfidence: chosen !== null ? 1 : 0,
      location: NO_LOCATION,
      locationText: null,
      regionCode: null,
      agency: null,
      agencyConfidence: 0,
      language: fields?.language ?? detectLanguage(text),
      confidence: 0,
      needsReview: true,
      reviewReasons: ['parse_budget'],
      reasons: [`not read by the machine: ${exceeded.message}; an operator reads it instead`],
      // Empty: duplicate detection then reads the message text itself.
      normalizedText: '',
    };
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
