/**
 * Multinomial logistic regression over binary features, scaled to unit length so a long web
 * report and a short SMS speak with the same voice. Chosen over naive Bayes because its
 * probabilities are calibrated well enough for thresholds in config/thresholds.json to mean what
 * they say; trained by scripts/train.ts, stored as JSON under config/model/.
 */
export interface SoftmaxModelFile {
  classes: string[];
  bias: number[];
  /** feature → one weight per class. */
  weights: Record<string, number[]>;
}

export interface Prediction {
  label: string;
  probability: number;
  /** Every class with its probability, most likely first. */
  ranked: { label: string; probability: number }[];
  /** Features of the message that pushed hardest towards the winning class, for operators. */
  evidence: string[];
}

export class SoftmaxModel {
  private readonly weights: Map<string, number[]>;

  constructor(private readonly file: SoftmaxModelFile) {
    this.weights = new Map(Object.entries(file.weights));
  }

  get classes(): readonly string[] {
    return this.file.classes;
  }

  predict(featureSet: ReadonlySet<string>): Prediction {
    const known = [...featureSet].filter((f) => this.weights.has(f));
    const scale = known.length > 0 ? 1 / Math.sqrt(known.length) : 0;
    const scores = [...this.file.bias];
    for (const feature of known) {
      const w = this.weights.get(feature) as number[];
      for (let c = 0; c < scores.length; c++) scores[c] = (scores[c] ?? 0) + (w[c] ?? 0) * scale;
    }
    const probabilities = softmax(scores);
    const ranked = this.file.classes
      .map((label, i) => ({ label, probability: probabilities[i] ?? 0 }))
      .sort((a, b) => b.probability - a.probability);
    const best = ranked[0] ?? { label: this.file.classes[0] ?? '', probability: 0 };
    const bestIndex = this.file.classes.indexOf(best.label);
    const evidence = known
      .filter((f) => f.startsWith('w:'))
      .map((f) => ({ f, w: (this.weights.get(f) as number[])[bestIndex] ?? 0 }))
      .filter((x) => x.w > 0)
      .sort((a, b) => b.w - a.w)
      .slice(0, 3)
      .map((x) => x.f.slice(2));
    return { label: best.label, probability: best.probability, ranked, evidence };
  }
}

export function softmax(scores: readonly number[]): number[] {
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}
