import { prng, shuffle } from "./linear.js";

export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  /** How many messages truly have this label. */
  support: number;
}

/** The figures `yimen requests evaluate --json` prints. */
export interface Evaluation {
  accuracy: number;
  /** The unweighted mean of the per-class F1 scores. */
  macroF1: number;
  perClass: Record<string, ClassMetrics>;
}

/**
 * Accuracy, per-class precision/recall/F1 and macro-F1 of predictions against the truth. The classes
 * are every label that occurs in either list (as scikit-learn does), in code-point order; a ratio with
 * a zero denominator counts as 0.
 */
export function evaluatePredictions(truth: readonly string[], predicted: readonly string[]): Evaluation {
  if (truth.length !== predicted.length) {
    throw new Error(`evaluate: ${truth.length} true labels but ${predicted.length} predictions`);
  }
  if (truth.length === 0) {
    throw new Error("evaluate: no messages");
  }
  const labels = [...new Set([...truth, ...predicted])].sort();
  const tp = new Map<string, number>();
  const inTruth = new Map<string, number>();
  const inPredicted = new Map<string, number>();
  let correct = 0;
  truth.forEach((t, i) => {
    const p = predicted[i] as string;
    inTruth.set(t, (inTruth.get(t) ?? 0) + 1);
    inPredicted.set(p, (inPredicted.get(p) ?? 0) + 1);
    if (t === p) {
      correct++;
      tp.set(t, (tp.get(t) ?? 0) + 1);
    }
  });
  const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
  const perClass: Record<string, ClassMetrics> = {};
  let f1Sum = 0;
  for (const label of labels) {
    const hits = tp.get(label) ?? 0;
    const support = inTruth.get(label) ?? 0;
    const precision = ratio(hits, inPredicted.get(label) ?? 0);
    const recall = ratio(hits, support);
    const f1 = ratio(2 * precision * recall, precision + recall);
    perClass[label] = { precision, recall, f1, support };
    f1Sum += f1;
  }
  return { accuracy: correct / truth.length, macroF1: f1Sum / labels.length, perClass };
}

/** Rounds every figure of an evaluation to four decimals, for printing. */
export function roundEvaluation(e: Evaluation): Evaluation {
  const r = (x: number) => Math.round(x * 10_000) / 10_000;
  const perClass: Record<string, ClassMetrics> = {};
  for (const [label, m] of Object.entries(e.perClass)) {
    perClass[label] = { precision: r(m.precision), recall: r(m.recall), f1: r(m.f1), support: m.support };
  }
  return { accuracy: r(e.accuracy), macroF1: r(e.macroF1), perClass };
}

/**
 * Splits indices 0…n-1 into k folds that each hold every label in about the same share as the whole:
 * each label's indices are shuffled (seeded) and dealt round-robin, continuing where the previous
 * label stopped so that the folds also have about equal sizes.
 */
export function stratifiedFolds(labels: readonly string[], k: number, seed: number): number[][] {
  if (!Number.isInteger(k) || k < 2) {
    throw new Error("stratifiedFolds: k must be an integer of at least 2");
  }
  const byLabel = new Map<string, number[]>();
  labels.forEach((label, i) => {
    const list = byLabel.get(label) ?? [];
    list.push(i);
    byLabel.set(label, list);
  });
  const random = prng(seed);
  const folds: number[][] = Array.from({ length: k }, () => []);
  let next = 0;
  for (const label of [...byLabel.keys()].sort()) {
    const indices = byLabel.get(label) as number[];
    shuffle(indices, random);
    for (const i of indices) {
      (folds[next] as number[]).push(i);
      next = (next + 1) % k;
    }
  }
  return folds.map((f) => f.sort((a, b) => a - b));
}
