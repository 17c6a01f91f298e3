import { DEMO_POWERS, DEMO_RESOURCES } from "../src/modules/policy/demo-rights.js";
import { PolicyEngine } from "../src/modules/policy/policy.engine.js";
import type { DecisionRequest } from "../src/modules/policy/policy.schema.js";
import { compilePowers } from "../src/modules/policy/rights-list.js";

/** Decisions per second on one core with the full demo policy set (rights lists + negative list). */
export async function policyBenchmark(args: string[]): Promise<Record<string, unknown>> {
  const i = args.indexOf("--seconds");
  const seconds = i >= 0 ? Number(args[i + 1]) : 5;
  const engine = PolicyEngine.create(compilePowers(DEMO_POWERS));
  const departments = ["HZ-GA", "HZ-SCJG", "HZ-RS", "HZ-WJ", "HZ-MZ"];
  const roles = ["officer", "dept_admin", "citizen", "auditor"];
  // A mix of allowed, denied by default and forbidden requests, as the gateway would see them.
  const requests: DecisionRequest[] = [];
  for (const department of departments) {
    for (const role of roles) {
      for (const r of DEMO_RESOURCES) {
        requests.push({
          action: "read",
          principal: { id: `${role}@${department}`, roles: [role], departments: [department] },
          resource: { ...r, purposes: [...r.purposes] },
          context: {
            purpose: "出生医学证明核验",
            legalBasis: "",
            viaExchange: true,
            relatedToSubject: false,
            readsToday: 17,
            dailyLimit: 200,
          },
        });
      }
      requests.push({
        action: "decide",
        principal: { id: `${role}@${department}`, roles: [role], departments: [department] },
        resource: { id: "application-1", applicant: "someone", department },
      });
    }
  }
  for (let w = 0; w < 2000; w++) {
    engine.decide(requests[w % requests.length] as DecisionRequest);
  }
  const times: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  let n = 0;
  const start = performance.now();
  while (performance.now() < deadline) {
    const t0 = performance.now();
    engine.decide(requests[n % requests.length] as DecisionRequest);
    times.push(performance.now() - t0);
    n++;
  }
  const elapsed = (performance.now() - start) / 1000;
  times.sort((a, b) => a - b);
  return {
    bench: "policy",
    policies: engine.policies.length,
    decisions: n,
    decisionsPerSec: Math.round(n / elapsed),
    p50Ms: Number((times[Math.floor(times.length * 0.5)] ?? 0).toFixed(3)),
    p99Ms: Number((times[Math.floor(times.length * 0.99)] ?? 0).toFixed(3)),
  };
}
