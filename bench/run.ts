/**
 * `npm run bench -- NAME` runs one benchmark (bounded in time, loopback only) and prints its result
 * as one JSON line last. Later modules add their benchmarks to BENCHMARKS.
 */
import { applicationsBenchmark } from "./applications.js";
import { classifierBenchmark } from "./classifier.js";
import { exchangeBenchmark } from "./exchange.js";
import { httpBenchmark } from "./http.js";
import { ledgerBenchmark } from "./ledger.js";
import { policyBenchmark } from "./policy.js";
import { requestsBenchmark } from "./requests.js";
import { statsBenchmark } from "./stats.js";

const BENCHMARKS: Record<string, (args: string[]) => Promise<Record<string, unknown>>> = {
  applications: applicationsBenchmark,
  classifier: classifierBenchmark,
  exchange: exchangeBenchmark,
  http: httpBenchmark,
  ledger: ledgerBenchmark,
  policy: policyBenchmark,
  requests: requestsBenchmark,
  stats: statsBenchmark,
};

const [name, ...args] = process.argv.slice(2);
const bench = name ? BENCHMARKS[name] : undefined;
if (!bench) {
  console.error(
    `usage: npm run bench -- <${Object.keys(BENCHMARKS).join("|")}> [--seconds N] [--entries N] [--csv FILE]`,
  );
  process.exit(2);
}
const result = await bench(args);
console.log(JSON.stringify(result));
