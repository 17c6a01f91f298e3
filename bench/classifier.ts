import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseRequestsCsv, RequestClassifier } from "../src/modules/insight/index.js";
import { normalizeText, words } from "../src/modules/insight/text.js";

const DEFAULT_CSV = path.resolve(import.meta.dirname, "../../shared/data/teddy2020/train.csv");

interface LoopResult {
  n: number;
  perSec: number;
  perCpuSec: number;
  p50: number;
  p99: number;
}

/** Runs fn over the texts in a loop for the given seconds: calls per wall and per CPU second, latencies. */
function loop(texts: readonly string[], seconds: number, fn: (text: string) => void): LoopResult {
  const times: number[] = [];
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const deadline = start + seconds * 1000;
  let n = 0;
  while (performance.now() < deadline) {
    const t = performance.now();
    fn(texts[n % texts.length] as string);
    times.push(performance.now() - t);
    n++;
  }
  const elapsed = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpuStart);
  times.sort((a, b) => a - b);
  return {
    n,
    perSec: n / elapsed,
    perCpuSec: n / ((used.user + used.system) / 1e6),
    p50: times[Math.floor(times.length * 0.5)] ?? 0,
    p99: times[Math.floor(times.length * 0.99)] ?? 0,
  };
}

/**
 * The requests classifier on one core: training time on the CSV, then messages classified per second
 * (each call normalises, segments with jieba, looks up and scores the TF-IDF features) over the same
 * messages in a loop for --seconds. The baseline, measured in the same run, is jieba's segmentation
 * alone: `toJieba` is the share of jieba's rate that the whole classification keeps.
 */
export async function classifierBenchmark(args: string[]): Promise<Record<string, unknown>> {
  const arg = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const seconds = Number(arg("--seconds") ?? 5);
  const csv = arg("--csv") ?? DEFAULT_CSV;
  if (!existsSync(csv)) {
    throw new Error(
      `no labelled requests at ${csv}: pass --csv FILE (columns id,user,subject,time,detail,label)`,
    );
  }
  const examples = parseRequestsCsv(readFileSync(csv), path.basename(csv));
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const trained = RequestClassifier.train(examples);
  const cpu = process.cpuUsage(cpu0);
  const trainSeconds = (performance.now() - t0) / 1000;
  const file = JSON.stringify(trained);
  // Measured on the model as a platform process has it: loaded from its file.
  const classifier = RequestClassifier.fromJSON(JSON.parse(file));
  const texts = examples.map((e) => e.text);
  const baseline = loop(texts, seconds / 2, (text) => words(normalizeText(text)));
  const run = loop(texts, seconds, (text) => classifier.classify(text));
  return {
    bench: "classifier",
    messages: examples.length,
    meanChars: Math.round(texts.reduce((s, t) => s + t.length, 0) / texts.length),
    trainSeconds: Number(trainSeconds.toFixed(2)),
    trainCpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
    modelBytes: file.length,
    classified: run.n,
    messagesPerSec: Math.round(run.perSec),
    messagesPerCpuSec: Math.round(run.perCpuSec),
    p50Ms: Number(run.p50.toFixed(3)),
    p99Ms: Number(run.p99.toFixed(3)),
    jiebaPerCpuSec: Math.round(baseline.perCpuSec),
    toJieba: Number((run.perCpuSec / baseline.perCpuSec).toFixed(3)),
  };
}
