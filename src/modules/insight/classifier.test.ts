import { describe, expect, it } from "vitest";
import { fitScale, ModelFormatError, RequestClassifier } from "./classifier.js";
import type { LabelledText } from "./requests-csv.js";

// A small synthetic set: each category has its own vocabulary, mixed into shared sentence frames.
const TOPICS: Record<string, string[]> = {
  城乡建设: ["小区物业", "电梯故障", "违章建筑", "房屋漏水", "燃气管道", "棚户区改造", "业主维修基金"],
  教育文体: ["学校食堂", "班主任老师", "学生课业负担", "幼儿园收费", "补课机构", "体育场馆", "图书馆开放"],
  交通运输: ["公交线路", "出租车拒载", "红绿灯时长", "高速公路收费", "停车位不足", "网约车", "道路限行"],
};
const FRAMES = [
  "您好，我想反映{a}的问题，{b}也一直没有解决，希望有关部门尽快处理。",
  "关于{a}：最近{b}很严重，群众意见很大，请领导重视。",
  "{a}问题长期存在，{b}影响居民生活，恳请相关部门调查。",
  "投诉{a}，另外{b}也需要整改，谢谢！",
];

function synthetic(): LabelledText[] {
  const out: LabelledText[] = [];
  for (const [label, words] of Object.entries(TOPICS)) {
    for (let i = 0; i < 14; i++) {
      const frame = FRAMES[i % FRAMES.length] as string;
      const a = words[i % words.length] as string;
      const b = words[(i * 3 + 1) % words.length] as string;
      out.push({ text: frame.replace("{a}", a).replace("{b}", b), label });
    }
  }
  return out;
}

describe("RequestClassifier", () => {
  const data = synthetic();
  const classifier = RequestClassifier.train(data);

  it("learns the categories and classifies messages it has not seen", () => {
    expect(classifier.labels).toEqual(["交通运输", "城乡建设", "教育文体"]);
    expect(classifier.classify("我家小区的电梯又出现故障了，物业不管").label).toBe("城乡建设");
    expect(classifier.classify("孩子学校的食堂饭菜太差，老师也不管").label).toBe("教育文体");
    expect(classifier.classify("这条公交线路太绕了，出租车还拒载").label).toBe("交通运输");
  });

  it("gives calibrated probabilities that sum to 1, ranked, the top one being the confidence", () => {
    for (const text of ["网约车乱收费", "小区违章建筑没人管", "随便说点什么", "Ｈｅｌｌｏ　world"]) {
      const c = classifier.classify(text);
      expect(c.ranked).toHaveLength(3);
      expect(c.ranked.reduce((s, r) => s + r.p, 0)).toBeCloseTo(1, 12);
      for (let i = 1; i < c.ranked.length; i++) {
        expect((c.ranked[i - 1] as { p: number }).p).toBeGreaterThanOrEqual((c.ranked[i] as { p: number }).p);
      }
      expect(c.label).toBe(c.ranked[0]?.label);
      expect(c.confidence).toBe(c.ranked[0]?.p);
      expect(c.ranked.every((r) => r.p > 0 && r.p < 1)).toBe(true);
    }
    // A text with none of the learnt words is not confidently anything.
    expect(classifier.classify("随便说点什么").confidence).toBeLessThan(
      classifier.classify("小区物业不修电梯，房屋还漏水").confidence,
    );
  });

  it("survives a round trip through its JSON file form unchanged", () => {
    const file = JSON.stringify(classifier);
    const loaded = RequestClassifier.fromJSON(JSON.parse(file));
    expect(loaded.labels).toEqual(classifier.labels);
    expect(loaded.trainedOn).toEqual({ examples: data.length, at: classifier.trainedOn.at });
    for (const text of ["公交线路改了", "学校补课收费", "燃气管道漏气", "无关的话"]) {
      expect(loaded.classify(text)).toEqual(classifier.classify(text));
    }
    expect(JSON.stringify(loaded)).toBe(file);
  });

  it("refuses files that are not its models, naming why", () => {
    const json = classifier.toJSON();
    expect(() => RequestClassifier.fromJSON({ hello: 1 })).toThrow(ModelFormatError);
    expect(() => RequestClassifier.fromJSON(null)).toThrow(/not a Yimen requests-classifier model/);
    expect(() => RequestClassifier.fromJSON({ ...json, version: 99 })).toThrow(/version 99 is not supported/);
    expect(() => RequestClassifier.fromJSON({ ...json, weights: "AAAA" })).toThrow(
      /weights hold 3 bytes, expected/,
    );
  });

  it("needs two categories", () => {
    expect(() => RequestClassifier.train([{ text: "只有一类", label: "城乡建设" }])).toThrow(
      /two categories/,
    );
  });

  it("is deterministic: the same data gives the same model", () => {
    const again = RequestClassifier.train(data);
    expect({ ...again.toJSON(), trainedAt: "" }).toEqual({ ...classifier.toJSON(), trainedAt: "" });
  });
});

describe("fitScale (temperature scaling)", () => {
  it("finds the scale that makes held-out probabilities match how often the top class is right", () => {
    // Two classes, scores ±1: the top class is right 3 times in 4, so the best scale gives
    // softmax = 0.75, i.e. 1 / (1 + e^(-2a)) = 0.75 → a = ln(3) / 2.
    const scores = [
      Float64Array.of(1, -1),
      Float64Array.of(1, -1),
      Float64Array.of(1, -1),
      Float64Array.of(1, -1),
    ];
    const truth = Int32Array.of(0, 0, 0, 1);
    expect(fitScale(scores, truth)).toBeCloseTo(Math.log(3) / 2, 5);
  });
});
