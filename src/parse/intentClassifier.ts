import type { IntentRules } from './intentRules';
import type { NormalizedText } from './normalizer';
import type { Intent } from './parser';
import type { SoftmaxModel } from './softmaxModel';

export interface IntentDecision {
  intent: Intent;
  confidence: number;
  trackingId: string | null;
  invalidTrackingId: string | null;
  reasons: string[];
}

/** Intent: the certain rules first (empty, tracking numbers, greetings only, abuse), then the trained model. */
export class IntentClassifier {
  constructor(
    private readonly rules: IntentRules,
    private readonly model: SoftmaxModel,
  ) {}

  classify(raw: string, normalized: NormalizedText, featureSet: ReadonlySet<string>): IntentDecision {
    const tracking = this.rules.tracking(raw);
    const ids = { trackingId: tracking.valid, invalidTrackingId: tracking.invalid };
    const rule = this.rules.decide(normalized, tracking);
    if (rule !== null) return { ...ids, intent: rule.intent, confidence: rule.confidence, reasons: [`intent ${rule.intent}: ${rule.reason}`] };

    const predicted = this.model.predict(featureSet);
    const because = predicted.evidence.length > 0 ? ` (words: ${predicted.evidence.join(', ')})` : '';
    const reasons = [`intent ${predicted.label}: model ${predicted.probability.toFixed(2)}${because}`];
    return { ...ids, intent: predicted.label as Intent, confidence: predicted.probability, reasons };
  }
}
