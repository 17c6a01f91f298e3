import type { MessageKey } from "../i18n";
import type { ApplicationOutcome, ApplicationStatus, DueStatus, StepKind, TaskStatus } from "./types";

export const APPLICATION_STATUS_KEY: Record<ApplicationStatus, MessageKey> = {
  draft: "apps.status.draft",
  submitted: "apps.status.submitted",
  concluded: "apps.status.concluded",
  withdrawn: "apps.status.withdrawn",
};

export const OUTCOME_KEY: Record<ApplicationOutcome, MessageKey> = {
  approved: "apps.outcome.approved",
  rejected: "apps.outcome.rejected",
  partial: "apps.outcome.partial",
};

export const TASK_STATUS_KEY: Record<TaskStatus, MessageKey> = {
  waiting: "apps.task.waiting",
  active: "apps.task.active",
  supplement: "apps.task.supplement",
  approved: "apps.task.approved",
  rejected: "apps.task.rejected",
  cancelled: "apps.task.cancelled",
};

export const DUE_KEY: Record<DueStatus, MessageKey> = {
  "on-time": "apps.due.onTime",
  near: "apps.due.near",
  overdue: "apps.due.overdue",
};

export const STEP_KEY: Record<StepKind, MessageKey> = {
  accept: "apps.step.accept",
  review: "apps.step.review",
  inspect: "apps.step.inspect",
  decide: "apps.step.decide",
  publicise: "apps.step.publicise",
  conclude: "apps.step.conclude",
};

/** What "approve" means at each step, as the officer's button says it. */
export const APPROVE_KEY: Record<StepKind, MessageKey> = {
  accept: "apps.approve.accept",
  review: "apps.approve.review",
  inspect: "apps.approve.inspect",
  decide: "apps.approve.decide",
  publicise: "apps.approve.publicise",
  conclude: "apps.approve.conclude",
};

const EVENT_KEY: Record<string, MessageKey> = {
  create: "apps.event.create",
  prefill: "apps.event.prefill",
  upload: "apps.event.upload",
  submit: "apps.event.submit",
  withdraw: "apps.event.withdraw",
  approve: "apps.event.approve",
  reject: "apps.event.reject",
  supplement: "apps.event.supplement",
  transfer: "apps.event.transfer",
  supply: "apps.event.supply",
  start: "apps.event.start",
  cancel: "apps.event.cancel",
  conclude: "apps.event.conclude",
};

/** The history label of an event's action, or undefined for one this client does not know yet. */
export function eventKey(action: string): MessageKey | undefined {
  return EVENT_KEY[action];
}

export function isStepKind(value: string | null | undefined): value is StepKind {
  return value !== null && value !== undefined && value in STEP_KEY;
}

/** A file size for people: 812 KB, 1.4 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  if (bytes < 1024 * 1024) {
    return `${Math.round(bytes / 1024)} KB`;
  }
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The path of the ledger entries a citizen can check in 谁用了我的数据. */
export function dataUseLink(seqs: readonly number[]): string {
  return `/portal/data-use?seqs=${seqs.join(",")}`;
}

/** "3 working days", "1 working day", or "same day" for a limit of 0 (即办). */
export function daysKey(n: number): MessageKey {
  return n === 0 ? "apps.notice.days0" : n === 1 ? "apps.notice.days1" : "apps.notice.days";
}
