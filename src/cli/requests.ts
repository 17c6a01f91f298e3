import { readFileSync } from "node:fs";
import path from "node:path";
import { Command, type Option } from "commander";
import {
  crossValidate,
  defaultModelPath,
  type Evaluation,
  evaluateClassifier,
  loadClassifierOrThrow,
  parseRequestsCsv,
  RequestClassifier,
  roundEvaluation,
  saveClassifier,
} from "../modules/insight/index.js";
import { DomainError } from "../platform/errors.js";

function readCsv(file: string) {
  let content: Buffer;
  try {
    content = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DomainError("NOT_FOUND", `cannot read ${file}${code ? ` (${code})` : ""}`, "--csv");
  }
  return parseRequestsCsv(content, path.basename(file));
}

/** Labelled requests to learn from: at least two categories. */
function readTrainingCsv(file: string) {
  const examples = readCsv(file);
  if (new Set(examples.map((e) => e.label)).size < 2) {
    throw new DomainError("VALIDATION", `${file} has only one label: training needs two or more`, "--csv");
  }
  return examples;
}

function integerOption(name: string, raw: string, min: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) {
    throw new DomainError("VALIDATION", `${name} must be an integer of at least ${min}`, name);
  }
  return n;
}

function printTable(e: Evaluation): void {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  console.log(`accuracy ${pct(e.accuracy)}   macro-F1 ${pct(e.macroF1)}`);
  console.log(`${"category".padEnd(12)} precision  recall      F1  support`);
  for (const [label, m] of Object.entries(e.perClass)) {
    // CJK characters take two columns in a terminal.
    const pad = " ".repeat(Math.max(0, 12 - [...label].length * 2));
    console.log(
      `${label}${pad} ${pct(m.precision)}  ${pct(m.recall)} ${pct(m.f1)} ${String(m.support).padStart(8)}`,
    );
  }
}

/** `yimen requests …`: the citizens'-request classifier (train, evaluate, cross-validate, classify). */
export function requestsCommand(
  dataDirOption: Option,
  dataDirOf: (options: { dataDir?: string }) => string,
): Command {
  const cmd = new Command("requests").description("citizens' requests (接诉即办): the category classifier");
  const modelPath = (options: { model?: string; out?: string; dataDir?: string }) =>
    path.resolve(options.model ?? options.out ?? defaultModelPath(dataDirOf(options)));

  cmd
    .command("train")
    .description("train the classifier on labelled requests (CSV: id,user,subject,time,detail,label)")
    .requiredOption("--csv <file>", "labelled requests")
    .option("--out <file>", "where to write the model (default <data dir>/models/requests-classifier.json)")
    .addOption(dataDirOption)
    .action((options: { csv: string; out?: string; dataDir?: string }) => {
      const examples = readTrainingCsv(options.csv);
      const started = performance.now();
      const classifier = RequestClassifier.train(examples);
      const seconds = (performance.now() - started) / 1000;
      const file = modelPath(options);
      saveClassifier(classifier, file);
      console.log(
        `trained on ${examples.length} requests in ${classifier.labels.length} categories (${classifier.labels.join(", ")}) in ${seconds.toFixed(1)} s`,
      );
      console.log(`model written to ${file}`);
    });

  cmd
    .command("evaluate")
    .description("classify labelled requests with the trained model and report accuracy and F1 per category")
    .requiredOption("--csv <file>", "labelled requests the model has not been trained on")
    .option("--model <file>", "the model (default <data dir>/models/requests-classifier.json)")
    .option("--json", 'print {"accuracy", "macroF1", "perClass"} as JSON')
    .addOption(dataDirOption)
    .action((options: { csv: string; model?: string; json?: boolean; dataDir?: string }) => {
      const classifier = loadClassifierOrThrow(modelPath(options));
      const evaluation = roundEvaluation(evaluateClassifier(classifier, readCsv(options.csv)));
      if (options.json) {
        console.log(JSON.stringify(evaluation));
      } else {
        printTable(evaluation);
      }
    });

  cmd
    .command("cross-validate")
    .description("stratified k-fold cross-validation on labelled requests (trains k models; writes none)")
    .requiredOption("--csv <file>", "labelled requests")
    .option("--folds <k>", "number of folds", "5")
    .option("--seed <n>", "seed of the fold assignment", "42")
    .option("--json", "print the figures as JSON")
    .action((options: { csv: string; folds: string; seed: string; json?: boolean }) => {
      const folds = integerOption("--folds", options.folds, 2);
      const seed = integerOption("--seed", options.seed, 0);
      const cv = crossValidate(readTrainingCsv(options.csv), folds, seed);
      const r = (x: number, d: number) => Number(x.toFixed(d));
      const summary = {
        ...roundEvaluation(cv.evaluation),
        folds: cv.folds,
        seed: cv.seed,
        foldMacroF1: cv.foldMacroF1.map((x) => r(x, 4)),
        trainSeconds: r(cv.trainSeconds, 2),
        trainCpuSeconds: r(cv.trainCpuSeconds, 2),
        messagesPerSecond: Math.round(cv.messagesPerSecond),
        calibration: {
          ece: r(cv.calibration.ece, 4),
          meanConfidence: r(cv.calibration.meanConfidence, 4),
          accuracy: r(cv.calibration.accuracy, 4),
          thresholds: cv.calibration.thresholds.map((t) => ({
            threshold: t.threshold,
            share: r(t.share, 4),
            accuracy: r(t.accuracy, 4),
          })),
        },
      };
      if (options.json) {
        console.log(JSON.stringify(summary));
      } else {
        printTable(summary);
        console.log(
          `${folds} folds (seed ${seed}); macro-F1 per fold ${summary.foldMacroF1.join(", ")}; training ${summary.trainSeconds} s per fold (${summary.trainCpuSeconds} s CPU); ${summary.messagesPerSecond} messages/s`,
        );
        console.log(
          `calibration: mean confidence ${summary.calibration.meanConfidence}, accuracy ${summary.calibration.accuracy}, ECE ${summary.calibration.ece}`,
        );
        for (const t of summary.calibration.thresholds) {
          console.log(
            `  confidence ≥ ${t.threshold}: ${(t.share * 100).toFixed(1)}% of requests, ${(t.accuracy * 100).toFixed(1)}% right`,
          );
        }
      }
    });

  cmd
    .command("classify")
    .description("classify one request text and print the proposal with its probabilities as JSON")
    .argument("<text>", "the request's subject and detail")
    .option("--model <file>", "the model (default <data dir>/models/requests-classifier.json)")
    .addOption(dataDirOption)
    .action((text: string, options: { model?: string; dataDir?: string }) => {
      const classifier = loadClassifierOrThrow(modelPath(options));
      console.log(JSON.stringify(classifier.classify(text)));
    });

  return cmd;
}
