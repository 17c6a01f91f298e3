import { describe, expect, it } from "vitest";
import { applyAction, cascade, outcomeOf, resume, type TaskState, WorkflowError } from "./workflow.js";

const steps = [
  { kind: "accept", department: "HZ-GA" },
  { kind: "review", department: "HZ-GA" },
  { kind: "decide", department: "HZ-GA" },
  { kind: "conclude", department: "HZ-GA" },
] as const;
const task = (over: Partial<TaskState> = {}): TaskState => ({
  itemCode: "A",
  status: "active",
  stepIndex: 0,
  steps,
  afterCodes: [],
  ...over,
});

describe("a task's steps", () => {
  it("walks every step in order and concludes approved at the last", () => {
    let t = task();
    const seen: number[] = [];
    for (;;) {
      const next = applyAction(t, "approve");
      seen.push(next.stepIndex);
      t = { ...t, status: next.status, stepIndex: next.stepIndex };
      if (next.concluded) {
        break;
      }
    }
    expect(seen).toEqual([1, 2, 3, 3]);
    expect(t.status).toBe("approved");
  });

  it("concludes rejected from any step, even while waiting for supplements", () => {
    expect(applyAction(task({ stepIndex: 1 }), "reject")).toEqual({
      status: "rejected",
      stepIndex: 1,
      concluded: true,
    });
    expect(applyAction(task({ status: "supplement" }), "reject").status).toBe("rejected");
  });

  it("holds the step during 补正 and refuses to advance until the applicant supplies", () => {
    const held = applyAction(task({ stepIndex: 1 }), "supplement");
    expect(held).toEqual({ status: "supplement", stepIndex: 1, concluded: false });
    const t = task({ status: "supplement", stepIndex: 1 });
    expect(() => applyAction(t, "approve")).toThrow(WorkflowError);
    expect(() => applyAction(t, "supplement")).toThrow(/supplements/);
    expect(resume(t)).toBe("active");
    expect(() => resume(task())).toThrow(WorkflowError);
  });

  it("refuses every action on a concluded or waiting task", () => {
    for (const status of ["approved", "rejected", "cancelled", "waiting"] as const) {
      expect(() => applyAction(task({ status }), "approve")).toThrow(`The task is ${status}`);
    }
  });

  it("keeps the step and status on a transfer", () => {
    expect(applyAction(task({ stepIndex: 2 }), "transfer")).toEqual({
      status: "active",
      stepIndex: 2,
      concluded: false,
    });
  });
});

describe("a bundle's tasks", () => {
  const bundle = (statuses: Record<string, TaskState["status"]>, after: Record<string, string[]>) =>
    Object.entries(statuses).map(([code, status]) =>
      task({ itemCode: code, status, afterCodes: after[code] ?? [] }),
    );

  it("starts a waiting task when everything it waits for is approved, transitively", () => {
    const tasks = bundle(
      { birth: "approved", hukou: "waiting", insurance: "waiting", card: "active" },
      { hukou: ["birth"], insurance: ["hukou"] },
    );
    expect(cascade(tasks)).toEqual({ start: ["hukou"], cancel: [] });
    const later = bundle(
      { birth: "approved", hukou: "approved", insurance: "waiting", card: "active" },
      { hukou: ["birth"], insurance: ["hukou", "card"] },
    );
    expect(cascade(later)).toEqual({ start: [], cancel: [] });
  });

  it("cancels what waits for a rejected task, and what waits for that", () => {
    const tasks = bundle(
      { birth: "rejected", hukou: "waiting", insurance: "waiting" },
      { hukou: ["birth"], insurance: ["hukou"] },
    );
    expect(cascade(tasks)).toEqual({ start: [], cancel: ["hukou", "insurance"] });
  });

  it("has an outcome only when every task is done", () => {
    expect(outcomeOf(["approved", "active"])).toBeNull();
    expect(outcomeOf(["approved", "waiting"])).toBeNull();
    expect(outcomeOf([])).toBeNull();
    expect(outcomeOf(["approved", "approved"])).toBe("approved");
    expect(outcomeOf(["rejected", "cancelled"])).toBe("rejected");
    expect(outcomeOf(["approved", "rejected", "cancelled"])).toBe("partial");
  });
});
