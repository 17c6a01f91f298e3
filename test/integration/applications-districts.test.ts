import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppBody, complete, DEMO_OFFICERS } from "../support/applications.js";
import { type Client, signIn } from "../support/http.js";
import { startTestPlatform, type TestPlatform, testDatabases } from "../support/platform.js";

/** Items whose steps are taken at 西湖区 offices or a 街道 office, and who applies for each. */
const ITEMS = [
  { code: "330100-GA-QR-002-01", name: "居民身份证申领", applicant: "citizen", offices: ["XH-GA"] },
  { code: "330100-SCJG-XK-002-01", name: "食品经营许可", applicant: "enterprise", offices: ["XH-SCJG"] },
  { code: "330100-MZ-QR-001-01", name: "结婚登记", applicant: "citizen", offices: ["XH-MZ"] },
  { code: "330100-MZ-JF-001-01", name: "最低生活保障", applicant: "citizen2", offices: ["XH-BS", "XH-MZ"] },
] as const;

/** The power each district office decides under (src/modules/policy/demo-rights.ts). */
const POWER_OF: Record<string, string[]> = {
  "XH-GA": ["330106-GA-QR-001"],
  "XH-SCJG": ["330106-SCJG-XK-001"],
  "XH-MZ": ["330106-MZ-QR-001", "330106-MZ-JF-001"],
  "XH-BS": ["330106-BS-JF-001"],
};

describe.each(testDatabases())("district and street offices take their steps (%s)", (kind) => {
  let t: TestPlatform;
  const clients: Record<string, Client> = {};
  const as = async (username: string) => {
    clients[username] ??= await signIn(t.app, username);
    return clients[username];
  };
  const officerOf = (department: string) => {
    const username = DEMO_OFFICERS[department];
    if (!username) {
      throw new Error(`no demo officer for ${department}`);
    }
    return as(username);
  };

  /** The ledger's decisions on an application: outcome and the policies that decided. */
  const decisions = async (number: string) =>
    (
      await t.platform.database.db
        .selectFrom("ledger_entries")
        .select("body")
        .where("action", "=", "application.decide")
        .execute()
    )
      .map((row) => JSON.parse(row.body) as { reference?: string; outcome: string; policies?: string[] })
      .filter((entry) => entry.reference === number);

  beforeAll(async () => {
    t = await startTestPlatform(kind);
  });
  afterAll(() => t?.close());

  it.each(ITEMS.map((item) => [item.name, item]))(
    "%s: each step at its office, end to end; another district's officer is refused",
    async (_, item) => {
      const applicant = await as(item.applicant);
      const created = await applicant.post("/api/applications", { service: item.code });
      expect(created.statusCode, created.body).toBe(201);
      let app: AppBody = await complete(applicant, created.json());
      const submitted = await applicant.post(`/api/applications/${app.id}/submit`);
      expect(submitted.statusCode, submitted.body).toBe(200);
      app = submitted.json();
      const taskId = app.tasks[0]?.id as string;
      const walked: string[] = [];
      const stranger = await officerOf("SC-GA");

      for (let guard = 0; guard < 10; guard++) {
        const task = app.tasks.find((x) => x.id === taskId);
        if (task?.status !== "active") {
          break;
        }
        const department = task.currentDepartment;
        walked.push(`${task.step.kind}@${department}`);
        if (department !== "SC-GA") {
          // 上城区's officer does not see the task in the queue and cannot act on it.
          const queue = (await stranger.get("/api/workbench/queue")).json();
          expect(queue.items.some((i: { taskId: string }) => i.taskId === taskId)).toBe(false);
          const refused = await stranger.post(`/api/workbench/tasks/${taskId}/actions`, {
            action: "approve",
          });
          expect(refused.statusCode).toBe(404);
        }
        const officer = await officerOf(department);
        const queue = (await officer.get("/api/workbench/queue")).json();
        expect(queue.items.some((i: { taskId: string }) => i.taskId === taskId)).toBe(true);
        const res = await officer.post(`/api/workbench/tasks/${taskId}/actions`, { action: "approve" });
        expect(res.statusCode, `${task.step.kind} at ${department}: ${res.body}`).toBe(200);
        app = res.json();
      }
      const done = app.tasks.find((x) => x.id === taskId);
      expect(done?.status, walked.join(" → ")).toBe("approved");
      for (const office of item.offices) {
        expect(
          walked.some((w) => w.endsWith(`@${office}`)),
          walked.join(" → "),
        ).toBe(true);
      }

      // Each district step was allowed under that office's own power, recorded in the ledger.
      const policies = (await decisions(app.number)).flatMap((d) => d.policies ?? []);
      for (const office of item.offices) {
        const powers = POWER_OF[office] ?? [];
        expect(
          policies.some((p) => powers.some((code) => p.startsWith(`power:${code}:`))),
          `${office}: ${policies.join(", ")}`,
        ).toBe(true);
      }
    },
  );

  it("refuses, at the decision point, a step moved to an office without a power for it", async () => {
    const citizen = await as("citizen");
    const created = await citizen.post("/api/applications", { service: "330100-GA-QR-002-01" });
    let app: AppBody = await complete(citizen, created.json());
    app = (await citizen.post(`/api/applications/${app.id}/submit`)).json();
    const taskId = app.tasks[0]?.id as string;
    const xihu = await officerOf("XH-GA");
    const moved = await xihu.post(`/api/workbench/tasks/${taskId}/actions`, {
      action: "transfer",
      toDepartment: "SC-GA",
      comment: "申请人常住户口在上城区",
    });
    expect(moved.statusCode, moved.body).toBe(200);
    // 上城区分局 holds no rights list in the demo: its officer now sees the step but may not take it.
    const stranger = await officerOf("SC-GA");
    const refused = await stranger.post(`/api/workbench/tasks/${taskId}/actions`, { action: "approve" });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe("POLICY_DENIED");
    const denied = (await decisions(app.number)).filter((d) => d.outcome === "denied");
    expect(denied).toHaveLength(1);
  });
});
