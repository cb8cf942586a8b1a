import type { SoftmaxModelFile } from './softmaxModel';

export interface TrainingExample {
  features: ReadonlySet<string>;
  label: string;
}

export interface TrainingOptions {
  /** Features seen in fewer training messages are dropped: they mostly memorise single messages. */
  minCount: number;
  epochs: number;
  learningRate: number;
  /** L2 penalty; it keeps weights small, which is what keeps the probabilities honest. */
  l2: number;
  seed: number;
}

export const DEFAULT_TRAINING: TrainingOptions = { minCount: 2, epochs: 40, learningRate: 0.8, l2: 1e-4, seed: 1708 };

/** Stochastic gradient descent on the softmax cross-entropy, deterministic for one seed and one data set. */
export function trainSoftmax(examples: readonly TrainingExample[], classes: readonly string[], options = DEFAULT_TRAINING): SoftmaxModelFile {
  const counts = new Map<string, number>();
  for (const e of examples) for (const f of e.features) counts.set(f, (counts.get(f) ?? 0) + 1);
  const vocabulary = [...counts].filter(([, n]) => n >= options.minCount).map(([f]) => f).sort();
  const index = new Map(vocabulary.map((f, i) => [f, i]));
  const k = classes.length;
  const weights = new Float64Array(vocabulary.length * k);
  const bias = new Float64Array(k);
  const rows = examples.map((e) => {
    const label = classes.indexOf(e.label);
    if (label < 0) throw new Error(`label ${e.label} is not one of ${classes.join(', ')}`);
    const ids = [...e.features].map((f) => index.get(f)).filter((i): i is number => i !== undefined);
    return { ids, label, scale: ids.length > 0 ? 1 / Math.sqrt(ids.length) : 0 };
  });

  const random = mulberry32(options.seed);
  const order = rows.map((_, i) => i);
  const scores = new Float64Array(k);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, random);
    const rate = options.learningRate / (1 + epoch * 0.1);
    for (const i of order) {
      const row = rows[i];
      if (row === undefined) continue;
      for (let c = 0; c < k; c++) {
        let s = bias[c] ?? 0;
        for (const id of row.ids) s += (weights[id * k + c] ?? 0) * row.scale;
        scores[c] = s;
      }
      const max = Math.max(...scores);
      let sum = 0;
      for (let c = 0; c < k; c++) {
        scores[c] = Math.exp((scores[c] ?? 0) - max);
        sum += scores[c] ?? 0;
      }
      for (let c = 0; c < k; c++) {
        const gradient = (scores[c] ?? 0) / sum - (c === row.label ? 1 : 0);
        bias[c] = (bias[c] ?? 0) - rate * gradient;
        for (const id of row.ids) {
          const at = id * k + c;
          weights[at] = (weights[at] ?? 0) * (1 - rate * options.l2) - rate * gradient * row.scale;
        }
      }
    }
  }

  const file: SoftmaxModelFile = { classes: [...classes], bias: [...bias].map(round), weights: {} };
  vocabulary.forEach((f, i) => {
    const w = Array.from(weights.subarray(i * k, (i + 1) * k), round);
    if (w.some((x) => x !== 0)) file.weights[f] = w;
  });
  return file;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = items[i] as T;
    items[i] = items[j] as T;
    items[j] = a;
  }
}
