import { Tag } from "antd";
import { formatDay } from "../exchange/labels";
import { useI18n } from "../I18nProvider";
import { APPLICATION_STATUS_KEY, DUE_KEY, OUTCOME_KEY, TASK_STATUS_KEY } from "./labels";
import type { ApplicationOutcome, ApplicationStatus, DueStatus, TaskStatus } from "./types";

// The x-tag classes (styles.css) keep AA contrast where antd's light presets do not.

const APPLICATION_CLASS: Record<ApplicationStatus, string> = {
  draft: "x-tag--off",
  submitted: "x-tag--waiting",
  concluded: "x-tag--ok",
  withdrawn: "x-tag--off",
};

/** 草稿 / 办理中 / 已办结 / 已撤回. */
export function ApplicationStatusTag({ status }: { status: ApplicationStatus }) {
  const { t } = useI18n();
  return (
    <Tag
      className={`x-tag ${APPLICATION_CLASS[status]}`}
      data-testid="application-status"
      data-status={status}
    >
      {t(APPLICATION_STATUS_KEY[status])}
    </Tag>
  );
}

const OUTCOME_CLASS: Record<ApplicationOutcome, string> = {
  approved: "x-tag--ok",
  rejected: "x-tag--bad",
  partial: "x-tag--warn",
};

/** 准予 / 不予 / 部分准予. */
export function ApplicationOutcomeTag({ outcome }: { outcome: ApplicationOutcome }) {
  const { t } = useI18n();
  return (
    <Tag
      className={`x-tag ${OUTCOME_CLASS[outcome]}`}
      data-testid="application-outcome"
      data-outcome={outcome}
    >
      {t(OUTCOME_KEY[outcome])}
    </Tag>
  );
}

const TASK_CLASS: Record<TaskStatus, string> = {
  waiting: "x-tag--off",
  active: "x-tag--waiting",
  supplement: "x-tag--warn",
  approved: "x-tag--ok",
  rejected: "x-tag--bad",
  cancelled: "x-tag--off",
};

/** A task's status. */
export function TaskStatusTag({ status }: { status: TaskStatus }) {
  const { t } = useI18n();
  return (
    <Tag className={`x-tag ${TASK_CLASS[status]}`} data-testid="task-status" data-status={status}>
      {t(TASK_STATUS_KEY[status])}
    </Tag>
  );
}

const DUE_CLASS: Record<DueStatus, string> = {
  "on-time": "x-tag--ok",
  near: "x-tag--warn",
  overdue: "x-tag--bad",
};

/**
 * "Due 3 Dec 2026 · near": the date with its warning colour (overdue red, near orange). While the
 * task waits for supplements (补正) its clock stands still, so the date would move: say so instead.
 */
export function DueTag({
  dueOn,
  status,
  paused = false,
}: {
  dueOn: string | null;
  status: DueStatus | null;
  paused?: boolean;
}) {
  const { t, locale } = useI18n();
  if (paused) {
    return (
      <Tag className="x-tag x-tag--off" data-testid="due-tag" data-due="paused">
        {t("apps.due.paused")}
      </Tag>
    );
  }
  if (!dueOn) {
    return null;
  }
  const text = t("apps.dueOn", { date: formatDay(dueOn, locale) });
  if (!status) {
    return <span className="muted small">{text}</span>;
  }
  return (
    <Tag className={`x-tag ${DUE_CLASS[status]}`} data-testid="due-tag" data-due={status}>
      {text} · {t(DUE_KEY[status])}
    </Tag>
  );
}
