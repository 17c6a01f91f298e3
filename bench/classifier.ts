import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseRequestsCsv, RequestClassifier } from "../src/modules/insight/index.js";

const DEFAULT_CSV = path.resolve(import.meta.dirname, "../../shared/data/teddy2020/train.csv");

/**
 * The requests classifier on one core: training time on the CSV, then messages classified per second
 * (each call normalises, segments with jieba, builds the TF-IDF vector and scores it) over the same
 * messages in a loop for --seconds.
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
  const classifier = RequestClassifier.train(examples);
  const cpu = process.cpuUsage(cpu0);
  const trainSeconds = (performance.now() - t0) / 1000;
  const texts = examples.map((e) => e.text);
  for (let w = 0; w < Math.min(500, texts.length); w++) {
    classifier.classify(texts[w] as string);
  }
  const times: number[] = [];
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const deadline = start + seconds * 1000;
  let n = 0;
  while (performance.now() < deadline) {
    const t = performance.now();
    classifier.classify(texts[n % texts.length] as string);
    times.push(performance.now() - t);
    n++;
  }
  const elapsed = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpuStart);
  times.sort((a, b) => a - b);
  const chars = texts.reduce((s, t) => s + t.length, 0) / texts.length;
  return {
    bench: "classifier",
    messages: examples.length,
    meanChars: Math.round(chars),
    trainSeconds: Number(trainSeconds.toFixed(2)),
    trainCpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
    modelBytes: JSON.stringify(classifier).length,
    classified: n,
    messagesPerSec: Math.round(n / elapsed),
    messagesPerCpuSec: Math.round(n / ((used.user + used.system) / 1e6)),
    p50Ms: Number((times[Math.floor(times.length * 0.5)] ?? 0).toFixed(3)),
    p99Ms: Number((times[Math.floor(times.length * 0.99)] ?? 0).toFixed(3)),
  };
}
