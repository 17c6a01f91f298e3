import type { StepKind } from "../../../shared/services/catalogue.js";
import type { ApplicationOutcome, TaskStatus } from "./applications.tables.js";

/**
 * The workflow of an application as plain state transitions, kept apart from storage so that every
 * rule is tested on its own. A task walks its item's steps in order; approving the last step
 * concludes it approved. A rejection at any step concludes it rejected. 补正 (supplement) holds the
 * task at its step with the clock paused until the applicant supplies what was asked. A bundle's tasks
 * run in parallel unless a task waits for others (`after`): it starts when they are all approved, and
 * is cancelled when one of them is rejected or cancelled.
 */

export interface TaskState {
  itemCode: string;
  status: TaskStatus;
  stepIndex: number;
  steps: readonly { kind: StepKind; department: string }[];
  afterCodes: readonly string[];
}

export type StepAction = "approve" | "reject" | "supplement" | "transfer";

export const OPEN_STATUSES: readonly TaskStatus[] = ["active", "supplement"];
const DONE: readonly TaskStatus[] = ["approved", "rejected", "cancelled"];

export class WorkflowError extends Error {
  constructor(
    readonly reason: "not-open" | "on-hold" | "not-on-hold",
    message: string,
  ) {
    super(message);
    this.name = "WorkflowError";
  }
}

/** The tasks' initial states at submission: those with nothing to wait for start at once. */
export function initialStatus(afterCodes: readonly string[]): TaskStatus {
  return afterCodes.length === 0 ? "active" : "waiting";
}

/** What an officer's action does to the task's own state. */
export function applyAction(
  task: TaskState,
  action: StepAction,
): { status: TaskStatus; stepIndex: number; concluded: boolean } {
  if (task.status === "supplement" && action !== "reject") {
    throw new WorkflowError("on-hold", "The task waits for the applicant's supplements");
  }
  if (task.status !== "active" && task.status !== "supplement") {
    throw new WorkflowError("not-open", `The task is ${task.status}`);
  }
  switch (action) {
    case "approve": {
      const last = task.stepIndex >= task.steps.length - 1;
      return last
        ? { status: "approved", stepIndex: task.stepIndex, concluded: true }
        : { status: "active", stepIndex: task.stepIndex + 1, concluded: false };
    }
    case "reject":
      return { status: "rejected", stepIndex: task.stepIndex, concluded: true };
    case "supplement":
      return { status: "supplement", stepIndex: task.stepIndex, concluded: false };
    case "transfer":
      return { status: task.status, stepIndex: task.stepIndex, concluded: false };
  }
}

/** The applicant supplied what was asked: the task resumes at the same step. */
export function resume(task: TaskState): TaskStatus {
  if (task.status !== "supplement") {
    throw new WorkflowError("not-on-hold", "No supplement was asked for on this task");
  }
  return "active";
}

/**
 * After a task concluded: which waiting tasks now start (all they wait for approved) and which are
 * cancelled (something they wait for was rejected or cancelled), repeated until nothing changes.
 */
export function cascade(tasks: readonly TaskState[]): { start: string[]; cancel: string[] } {
  const status = new Map(tasks.map((t) => [t.itemCode, t.status]));
  const start: string[] = [];
  const cancel: string[] = [];
  let changed = true;
  while (changed) {
    changed = false;
    for (const t of tasks) {
      if (status.get(t.itemCode) !== "waiting") {
        continue;
      }
      const deps = t.afterCodes.map((c) => status.get(c));
      if (deps.some((s) => s === "rejected" || s === "cancelled")) {
        status.set(t.itemCode, "cancelled");
        cancel.push(t.itemCode);
        changed = true;
      } else if (deps.every((s) => s === "approved" || s === undefined)) {
        status.set(t.itemCode, "active");
        start.push(t.itemCode);
        changed = true;
      }
    }
  }
  return { start, cancel };
}

/** The application's outcome once every task is done, or null while any is open or waiting. */
export function outcomeOf(statuses: readonly TaskStatus[]): ApplicationOutcome | null {
  if (statuses.length === 0 || !statuses.every((s) => DONE.includes(s))) {
    return null;
  }
  const approved = statuses.filter((s) => s === "approved").length;
  if (approved === statuses.length) {
    return "approved";
  }
  return approved === 0 ? "rejected" : "partial";
}
