import { describe, expect, it } from "vitest";
import { evaluatePredictions, roundEvaluation, stratifiedFolds } from "./metrics.js";

describe("evaluatePredictions", () => {
  it("computes accuracy, per-class precision, recall, F1 and macro-F1 as by hand", () => {
    const truth = ["住房", "住房", "住房", "交通", "交通", "教育"];
    const predicted = ["住房", "住房", "交通", "交通", "教育", "教育"];
    const e = evaluatePredictions(truth, predicted);
    // 住房: 2 of 2 predictions right (P = 1), 2 of 3 found (R = 2/3), F1 = 2·1·⅔ / (1 + ⅔) = 0.8.
    // 交通: 1 of 2 right (P = ½), 1 of 2 found (R = ½), F1 = ½.
    // 教育: 1 of 2 right (P = ½), 1 of 1 found (R = 1), F1 = 2·½·1 / 1½ = ⅔.
    expect(e.accuracy).toBeCloseTo(4 / 6, 12);
    expect(e.perClass.住房).toEqual({
      precision: 1,
      recall: expect.closeTo(2 / 3, 12),
      f1: expect.closeTo(0.8, 12),
      support: 3,
    });
    expect(e.perClass.交通).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    expect(e.perClass.教育).toEqual({
      precision: 0.5,
      recall: 1,
      f1: expect.closeTo(2 / 3, 12),
      support: 1,
    });
    expect(e.macroF1).toBeCloseTo((0.8 + 0.5 + 2 / 3) / 3, 12);
  });

  it("counts a label that is only ever predicted as a class with zero scores", () => {
    const e = evaluatePredictions(["a", "b"], ["a", "z"]);
    expect(Object.keys(e.perClass)).toEqual(["a", "b", "z"]);
    expect(e.perClass.z).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
    expect(e.perClass.b).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
    expect(e.macroF1).toBeCloseTo(1 / 3, 12);
    expect(e.accuracy).toBe(0.5);
  });

  it("refuses lists of different lengths and empty lists", () => {
    expect(() => evaluatePredictions(["a"], [])).toThrow(/1 true labels but 0 predictions/);
    expect(() => evaluatePredictions([], [])).toThrow(/no messages/);
  });

  it("rounds to four decimals for printing, keeping supports", () => {
    const r = roundEvaluation(evaluatePredictions(["a", "a", "a", "b"], ["a", "a", "b", "b"]));
    expect(r.accuracy).toBe(0.75);
    expect(r.perClass.a).toEqual({ precision: 1, recall: 0.6667, f1: 0.8, support: 3 });
    expect(r.macroF1).toBe(0.7333);
  });
});

describe("stratifiedFolds", () => {
  const labels = [...Array(50).fill("a"), ...Array(30).fill("b"), ...Array(7).fill("c")] as string[];

  it("partitions every index once, keeps each label's share and balances fold sizes", () => {
    const folds = stratifiedFolds(labels, 5, 1);
    expect(folds.flat().sort((x, y) => x - y)).toEqual(labels.map((_, i) => i));
    for (const fold of folds) {
      expect(fold.length === 17 || fold.length === 18).toBe(true);
      expect(fold.filter((i) => labels[i] === "a")).toHaveLength(10);
      expect(fold.filter((i) => labels[i] === "b")).toHaveLength(6);
    }
    const cs = folds.map((f) => f.filter((i) => labels[i] === "c").length);
    expect(cs.every((n) => n === 1 || n === 2)).toBe(true);
  });

  it("is deterministic for a seed and differs between seeds", () => {
    expect(stratifiedFolds(labels, 3, 7)).toEqual(stratifiedFolds(labels, 3, 7));
    expect(stratifiedFolds(labels, 3, 7)).not.toEqual(stratifiedFolds(labels, 3, 8));
  });

  it("needs at least two folds", () => {
    expect(() => stratifiedFolds(labels, 1, 1)).toThrow(/at least 2/);
  });
});
