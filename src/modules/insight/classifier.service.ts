import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DomainError } from "../../platform/errors.js";
import { type ClassifierOptions, ModelFormatError, RequestClassifier } from "./classifier.js";
import { type Evaluation, evaluatePredictions, stratifiedFolds } from "./metrics.js";
import type { LabelledText } from "./requests-csv.js";

/** Where the platform keeps the requests classifier unless told otherwise: `<dataDir>/models/requests-classifier.json`. */
export function defaultModelPath(dataDir: string): string {
  return path.join(dataDir, "models", "requests-classifier.json");
}

/** Writes the model file (through a temporary file and a rename, so a reader never sees half a model). */
export function saveClassifier(classifier: RequestClassifier, file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(classifier));
  renameSync(tmp, file);
}

/** Reads a model file; NOT_FOUND when there is none, VALIDATION when it is not a usable model. */
export function loadClassifierOrThrow(file: string): RequestClassifier {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new DomainError(
        "NOT_FOUND",
        `no trained requests classifier at ${file}: train one with \`yimen requests train --csv FILE\` (or name a model with --model)`,
        "--model",
      );
    }
    throw error;
  }
  try {
    return RequestClassifier.fromJSON(JSON.parse(text));
  } catch (error) {
    if (error instanceof ModelFormatError || error instanceof SyntaxError) {
      throw new DomainError("VALIDATION", `${file} is not a usable model: ${error.message}`, "--model");
    }
    throw error;
  }
}

/** Classifies every message and compares with its label. */
export function evaluateClassifier(
  classifier: RequestClassifier,
  examples: readonly LabelledText[],
): Evaluation {
  return evaluatePredictions(
    examples.map((e) => e.label),
    examples.map((e) => classifier.classify(e.text).label),
  );
}

export interface CrossValidation {
  /** Pooled over the folds: every message is predicted once, by the model that did not see it. */
  evaluation: Evaluation;
  folds: number;
  seed: number;
  /** Macro-F1 of each fold's held-out part. */
  foldMacroF1: number[];
  /** Mean training time of one fold's model (wall clock and this process's CPU), in seconds. */
  trainSeconds: number;
  trainCpuSeconds: number;
  /** Held-out messages classified per second (wall clock). */
  messagesPerSecond: number;
  /** How well the held-out confidences are calibrated, and what a dispatch threshold would do. */
  calibration: Calibration;
}

export interface Calibration {
  /** Expected calibration error over ten equal-width confidence bins (0 = perfectly calibrated). */
  ece: number;
  /** Mean confidence and actual accuracy: close together when calibrated. */
  meanConfidence: number;
  accuracy: number;
  /** For a threshold t: the share of messages with confidence ≥ t and the accuracy among them. */
  thresholds: { threshold: number; share: number; accuracy: number }[];
}

/** Calibration figures of predictions with their confidences. */
export function calibrationOf(confidence: readonly number[], correct: readonly boolean[]): Calibration {
  const n = confidence.length;
  const bins = Array.from({ length: 10 }, () => ({ count: 0, confidence: 0, correct: 0 }));
  confidence.forEach((c, i) => {
    const bin = bins[Math.min(9, Math.floor(c * 10))] as {
      count: number;
      confidence: number;
      correct: number;
    };
    bin.count++;
    bin.confidence += c;
    bin.correct += correct[i] ? 1 : 0;
  });
  const ece = bins.reduce((sum, b) => sum + Math.abs(b.confidence - b.correct), 0) / n;
  const thresholds = [0.5, 0.6, 0.7, 0.8, 0.9, 0.95].map((threshold) => {
    const kept = confidence.map((c, i) => (c >= threshold ? i : -1)).filter((i) => i >= 0);
    return {
      threshold,
      share: kept.length / n,
      accuracy: kept.length ? kept.filter((i) => correct[i]).length / kept.length : 0,
    };
  });
  return {
    ece,
    meanConfidence: confidence.reduce((a, b) => a + b, 0) / n,
    accuracy: correct.filter(Boolean).length / n,
    thresholds,
  };
}

/** Stratified k-fold cross-validation of the classifier on labelled messages. */
export function crossValidate(
  examples: readonly LabelledText[],
  folds = 5,
  seed = 42,
  options: Partial<ClassifierOptions> = {},
): CrossValidation {
  const truth = examples.map((e) => e.label);
  const predicted: string[] = new Array(examples.length);
  const confidence: number[] = new Array(examples.length);
  const foldMacroF1: number[] = [];
  let trainMs = 0;
  let trainCpuUs = 0;
  let classifyMs = 0;
  for (const test of stratifiedFolds(truth, folds, seed)) {
    const held = new Set(test);
    const train = examples.filter((_, i) => !held.has(i));
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const classifier = RequestClassifier.train(train, options);
    const cpu = process.cpuUsage(cpu0);
    trainCpuUs += cpu.user + cpu.system;
    const t1 = performance.now();
    trainMs += t1 - t0;
    for (const i of test) {
      const c = classifier.classify((examples[i] as LabelledText).text);
      predicted[i] = c.label;
      confidence[i] = c.confidence;
    }
    classifyMs += performance.now() - t1;
    foldMacroF1.push(
      evaluatePredictions(
        test.map((i) => truth[i] as string),
        test.map((i) => predicted[i] as string),
      ).macroF1,
    );
  }
  return {
    evaluation: evaluatePredictions(truth, predicted),
    folds,
    seed,
    foldMacroF1,
    trainSeconds: trainMs / folds / 1000,
    trainCpuSeconds: trainCpuUs / folds / 1e6,
    messagesPerSecond: examples.length / (classifyMs / 1000),
    calibration: calibrationOf(
      confidence,
      predicted.map((p, i) => p === truth[i]),
    ),
  };
}
