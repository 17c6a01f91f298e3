import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(path.join(tmpdir(), "yimen-requests-"));
const dataDir = path.join(dir, "data");

function yimen(...args: string[]) {
  return run(process.execPath, [path.join(root, "bin/yimen.mjs"), "requests", ...args], {
    cwd: root,
    env: { ...process.env, YIMEN_FROM_SOURCE: "1", DATABASE_URL: "" },
  });
}

// A fixture in the real file's shape: every column, or only detail and label; quoted line breaks.
const TOPICS: Record<string, string[]> = {
  城乡建设: ["小区物业不作为", "电梯经常故障", "违章建筑没人管", "房屋漏水严重"],
  教育文体: ["学校食堂饭菜差", "班主任乱收费", "学生作业太多", "幼儿园学位紧张"],
  卫生计生: ["医院挂号难", "医生态度差", "药价太贵", "疫苗接种排长队"],
};
function fixture(variant: number): string {
  const lines = ["id,user,subject,time,detail,label"];
  let id = 1;
  for (const [label, issues] of Object.entries(TOPICS)) {
    for (let i = 0; i < 8; i++) {
      const a = issues[(i + variant) % issues.length] as string;
      const b = issues[(i * 3 + 1 + variant) % issues.length] as string;
      lines.push(
        i % 2 === 0
          ? `${id},U${id},${a},2020-01-0${(i % 9) + 1} 10:00:00,"您好，${a}，\n而且${b}，请尽快处理。",${label}`
          : `,,,,反映${a}的问题${b},${label}`,
      );
      id++;
    }
  }
  return `${lines.join("\n")}\n`;
}
const trainCsv = path.join(dir, "train.csv");
const testCsv = path.join(dir, "test.csv");
writeFileSync(trainCsv, fixture(0));
writeFileSync(testCsv, fixture(1));

// Each test uses its own data folder or model file, so they run side by side (each spawns the CLI).
describe.concurrent("yimen requests (the classifier's command line)", () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("refuses to evaluate before a model is trained, saying what to do", async () => {
    const empty = path.join(dir, "empty-data");
    await expect(yimen("evaluate", "--csv", testCsv, "--json", "--data-dir", empty)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(
        /no trained requests classifier at .*requests-classifier\.json: train one with/,
      ),
    });
  });

  it("trains into the data folder and evaluates as {accuracy, macroF1, perClass}", async () => {
    const trained = await yimen("train", "--csv", trainCsv, "--data-dir", dataDir);
    expect(trained.stdout).toContain("trained on 24 requests in 3 categories");
    const model = path.join(dataDir, "models", "requests-classifier.json");
    expect(trained.stdout).toContain(`model written to ${model}`);
    expect(existsSync(model)).toBe(true);

    const { stdout } = await yimen("evaluate", "--csv", testCsv, "--json", "--data-dir", dataDir);
    const result = JSON.parse(stdout) as {
      accuracy: number;
      macroF1: number;
      perClass: Record<string, { precision: number; recall: number; f1: number; support: number }>;
    };
    expect(Object.keys(result)).toEqual(["accuracy", "macroF1", "perClass"]);
    expect(Object.keys(result.perClass).sort()).toEqual(["卫生计生", "城乡建设", "教育文体"]);
    for (const m of Object.values(result.perClass)) {
      expect(Object.keys(m)).toEqual(["precision", "recall", "f1", "support"]);
      expect(m.support).toBe(8);
    }
    expect(result.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(result.macroF1).toBeGreaterThanOrEqual(0.9);
  });

  it("writes and reads a model named with --out and --model, and classifies one text", async () => {
    const model = path.join(dir, "elsewhere", "m.json");
    await yimen("train", "--csv", trainCsv, "--out", model);
    const [table, { stdout }] = await Promise.all([
      yimen("evaluate", "--csv", testCsv, "--model", model),
      yimen("classify", "我们小区的电梯又坏了，物业不管", "--model", model),
    ]);
    expect(table.stdout).toMatch(/accuracy\s+\d+\.\d%\s+macro-F1/);
    const c = JSON.parse(stdout) as {
      label: string;
      confidence: number;
      ranked: { label: string; p: number }[];
    };
    expect(c.label).toBe("城乡建设");
    expect(c.ranked.map((r) => r.label).sort()).toEqual(["卫生计生", "城乡建设", "教育文体"]);
  });

  it("names a CSV without the needed columns clearly", async () => {
    const bad = path.join(dir, "bad.csv");
    writeFileSync(bad, "id,subject\n1,没有正文和标签\n");
    await expect(
      yimen("train", "--csv", bad, "--data-dir", path.join(dir, "bad-data")),
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('bad.csv has no "detail" column'),
    });
  });
});
