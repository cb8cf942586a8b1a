import { acceptedRegencies, type LabelledMessage } from './dataset';
import type { Parser } from './parser';

export interface ClassReport {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ClassificationReport {
  accuracy: number;
  macroF1: number;
  perClass: ClassReport[];
  labels: string[];
  /** confusion[i][j]: messages labelled labels[i] that were predicted labels[j]. */
  confusion: number[][];
  total: number;
}

export function classificationReport(pairs: readonly { expected: string; actual: string }[]): ClassificationReport {
  const labels = [...new Set(pairs.flatMap((p) => [p.expected, p.actual]))].sort();
  const at = new Map(labels.map((l, i) => [l, i]));
  const confusion = labels.map(() => labels.map(() => 0));
  for (const p of pairs) {
    const row = confusion[at.get(p.expected) ?? 0];
    if (row !== undefined) row[at.get(p.actual) ?? 0] = (row[at.get(p.actual) ?? 0] ?? 0) + 1;
  }
  const perClass = labels.map((label, i) => {
    const tp = confusion[i]?.[i] ?? 0;
    const predicted = confusion.reduce((sum, row) => sum + (row[i] ?? 0), 0);
    const support = (confusion[i] ?? []).reduce((a, b) => a + b, 0);
    const precision = predicted === 0 ? 0 : tp / predicted;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, precision, recall, f1, support };
  });
  const correct = labels.reduce((sum, _, i) => sum + (confusion[i]?.[i] ?? 0), 0);
  // Macro-F1 over the classes that occur in the labels: a class predicted but never present would only add a zero.
  const present = perClass.filter((c) => c.support > 0);
  return {
    accuracy: pairs.length === 0 ? 0 : correct / pairs.length,
    macroF1: present.length === 0 ? 0 : present.reduce((sum, c) => sum + c.f1, 0) / present.length,
    perClass,
    labels,
    confusion,
    total: pairs.length,
  };
}

export interface Accuracy {
  correct: number;
  total: number;
  accuracy: number;
}

export interface RegencyAccuracy extends Accuracy {
  /** Messages whose label lists several regencies (a name a kota and a kabupaten share), any of them right. */
  ambiguous: number;
  /** Of those, answered with one of the listed regencies. */
  ambiguousCorrect: number;
}

export interface ParserEvaluation {
  intent: ClassificationReport;
  category: ClassificationReport;
  province: Accuracy;
  regency: RegencyAccuracy;
}

/** Runs the parser over labelled messages the way the gateway would (free text, no form fields). */
export function evaluateParser(parser: Parser, messages: readonly LabelledMessage[]): ParserEvaluation {
  const intents: { expected: string; actual: string }[] = [];
  const categories: { expected: string; actual: string }[] = [];
  const province = { correct: 0, total: 0 };
  const regency = { correct: 0, total: 0, ambiguous: 0, ambiguousCorrect: 0 };
  for (const m of messages) {
    const result = parser.parse({ text: m.text, channel: m.channel ?? 'sms', fields: null });
    intents.push({ expected: m.intent, actual: result.intent });
    if (m.category !== undefined) categories.push({ expected: m.category, actual: result.category });
    if (m.province !== undefined) {
      province.total++;
      if (result.location.province?.code === m.province) province.correct++;
    }
    const accepted = acceptedRegencies(m);
    if (accepted.length > 0) {
      const right = accepted.includes(result.location.regency?.code ?? '');
      regency.total++;
      if (right) regency.correct++;
      if (accepted.length > 1) {
        regency.ambiguous++;
        if (right) regency.ambiguousCorrect++;
      }
    }
  }
  return {
    intent: classificationReport(intents),
    category: classificationReport(categories),
    province: { ...province, accuracy: province.total === 0 ? 0 : province.correct / province.total },
    regency: { ...regency, accuracy: regency.total === 0 ? 0 : regency.correct / regency.total },
  };
}

export function formatReport(title: string, report: ClassificationReport): string {
  const width = Math.max(8, ...report.labels.map((l) => l.length));
  const pad = (s: string) => s.padEnd(width);
  const num = (x: number) => x.toFixed(3).padStart(9);
  const lines = [
    `${title}: accuracy ${report.accuracy.toFixed(3)}, macro-F1 ${report.macroF1.toFixed(3)} (${report.total} messages)`,
    `${pad('class')} precision    recall        f1  support`,
    ...report.perClass.map((c) => `${pad(c.label)}${num(c.precision)} ${num(c.recall)} ${num(c.f1)} ${String(c.support).padStart(8)}`),
    '',
    `confusion (rows: labelled, columns: predicted; columns numbered as the rows)`,
    `${pad('')} ${report.labels.map((_, j) => String(j + 1).padStart(3)).join('')}`,
    ...report.labels.map((l, i) => `${pad(`${i + 1}. ${l}`)} ${(report.confusion[i] ?? []).map((n) => String(n).padStart(3)).join('')}`),
  ];
  return lines.join('\n');
}
