import { describe, expect, it } from "vitest";
import { CATEGORY_TREE, FIRST_LEVEL_LABELS } from "./categories.data.js";
import { type ClassifiableCategory, fromLabelClassifier, keywordClassifier } from "./dispatch.js";

const categories: ClassifiableCategory[] = CATEGORY_TREE.flatMap((top) => [
  {
    code: top.code,
    level: 1,
    name: top.name,
    keywords: top.keywords,
    department: top.department,
    root: top.code,
  },
  ...(top.children ?? []).map((c) => ({
    code: c.code,
    level: 2,
    name: c.name,
    keywords: c.keywords,
    department: c.department,
    root: top.code,
  })),
]);

describe("the demo category tree", () => {
  it("has exactly the seven first-level labels, each with a department and second-level categories", () => {
    expect(CATEGORY_TREE.map((c) => c.name)).toEqual([...FIRST_LEVEL_LABELS]);
    for (const top of CATEGORY_TREE) {
      expect(top.department).toMatch(/^HZ-/);
      expect(top.children?.length).toBeGreaterThanOrEqual(4);
    }
    const codes = categories.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
  });
});

describe("the keyword dispatcher", () => {
  const classify = keywordClassifier(categories);

  it("proposes the category and department when several keywords agree", () => {
    const p = classify("外卖送来的饭菜已经变质了，这家店后厨卫生很差");
    expect(p).toMatchObject({ category: "commerce-food", department: "HZ-SCJG" });
    expect(p?.confidence).toBeGreaterThanOrEqual(0.7);
  });

  it("is unsure on a single keyword and has no idea without one", () => {
    expect(classify("想咨询一下公租房")?.confidence).toBeLessThan(0.7);
    expect(classify("今天天气很好")).toBeNull();
  });

  it("routes traffic order to the traffic police unit", () => {
    expect(classify("路口红绿灯坏了，电动车乱停，经常堵车")).toMatchObject({ department: "HZ-GA-JJ" });
  });
});

describe("plugging in a first-level label classifier", () => {
  it("maps the label to its first-level category and department", () => {
    const classify = fromLabelClassifier(() => ({ label: "环境保护", confidence: 0.93 }), categories);
    expect(classify("任何文字")).toEqual({ category: "environment", department: "HZ-ST", confidence: 0.93 });
    expect(fromLabelClassifier(() => ({ label: "未知", confidence: 1 }), categories)("x")).toBeNull();
  });
});
