import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  evaluateClassifier,
  parseRequestsCsv,
  RequestClassifier,
  stratifiedFolds,
} from "../../src/modules/insight/index.js";

// Real messages of the 2020 Teddy Cup challenge (problem C), kept beside the repository, never in it.
const TRAIN_CSV = path.resolve(import.meta.dirname, "../../../shared/data/teddy2020/train.csv");
const present = existsSync(TRAIN_CSV);

describe("the requests classifier on real messages (teddy2020/train.csv)", () => {
  it.skipIf(!present)(
    `reaches macro-F1 ≥ 0.88 on a stratified fifth it has not seen${present ? "" : ` (skipped: ${TRAIN_CSV} is absent)`}`,
    () => {
      const all = parseRequestsCsv(readFileSync(TRAIN_CSV), "train.csv");
      expect(all.length).toBe(2804);
      const [held = []] = stratifiedFolds(
        all.map((e) => e.label),
        5,
        2026,
      );
      const heldSet = new Set(held);
      const classifier = RequestClassifier.train(all.filter((_, i) => !heldSet.has(i)));
      const test = held.map((i) => all[i] as (typeof all)[number]);
      const result = evaluateClassifier(classifier, test);
      console.info(
        `held-out ${test.length} messages: accuracy ${result.accuracy.toFixed(4)}, macro-F1 ${result.macroF1.toFixed(4)}`,
      );
      expect(result.macroF1).toBeGreaterThanOrEqual(0.88);
      expect(Object.keys(result.perClass)).toHaveLength(7);
    },
    120_000,
  );
});
