import { Alert } from "antd";
import type { ReactNode } from "react";
import { formatDay } from "../exchange/labels";
import { useI18n } from "../I18nProvider";
import { daysKey } from "./labels";
import { StepTrack } from "./StepTrack";
import { DueTag, TaskStatusTag } from "./Tags";
import type { ApplicationDetail, ApplicationTask } from "./types";

/** One task's card: department, steps with the current one, deadline, 补正 and decision. */
export function TaskCard({
  application,
  task,
  departmentName,
  children,
}: {
  application: Pick<ApplicationDetail, "tasks">;
  task: ApplicationTask;
  departmentName: (code: string) => string;
  /** What the reader can do here (supply, or an officer's actions). */
  children?: ReactNode;
}) {
  const { t, pick, locale, dateTime } = useI18n();
  const open = task.status === "active" || task.status === "supplement";
  const headingId = `task-${task.id}`;
  const waitingFor = application.tasks.filter((x) => task.after.includes(x.itemCode));
  return (
    <article
      className="use-card task-card"
      aria-labelledby={headingId}
      data-testid="task-card"
      data-task={task.id}
      data-item={task.itemCode}
      data-status={task.status}
    >
      <div className="use-card__head">
        <h3 className="use-card__title" id={headingId}>
          {pick(task.itemName, task.itemNameEn)}
        </h3>
        <TaskStatusTag status={task.status} />
        {open ? (
          <DueTag dueOn={task.dueOn} status={task.dueStatus} paused={task.status === "supplement"} />
        ) : null}
      </div>
      <dl className="task-card__facts">
        <div>
          <dt>{t("apps.task.department")}</dt>
          <dd>
            {departmentName(task.department)}
            {task.currentDepartment !== task.department ? (
              <span className="use-card__meta">
                {t("apps.task.now", { department: departmentName(task.currentDepartment) })}
              </span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t("apps.task.limit")}</dt>
          <dd>
            {t(daysKey(task.limitDays), { n: task.limitDays })}
            {task.acceptedOn ? (
              <span className="use-card__meta">
                {t("apps.task.acceptedOn", { date: formatDay(task.acceptedOn, locale) })}
              </span>
            ) : null}
          </dd>
        </div>
        {task.pauses.length > 0 || task.pausedSince ? (
          <div>
            <dt>{t("apps.task.paused")}</dt>
            <dd>
              {[
                ...task.pauses.map((p) => `${formatDay(p.from, locale)} – ${formatDay(p.to, locale)}`),
                ...(task.pausedSince
                  ? [t("apps.task.pausedSince", { date: formatDay(task.pausedSince, locale) })]
                  : []),
              ].join(t("rights.listSep"))}
            </dd>
          </div>
        ) : null}
      </dl>
      {task.status === "waiting" && waitingFor.length > 0 ? (
        <p className="small muted">
          {t("apps.task.waitingFor", {
            items: waitingFor.map((x) => pick(x.itemName, x.itemNameEn)).join(t("rights.listSep")),
          })}
        </p>
      ) : null}
      <StepTrack task={task} departmentName={departmentName} />
      {task.status === "rejected" ? (
        <Alert
          type="error"
          showIcon
          className="block-gap"
          data-testid="task-decision"
          title={t("apps.task.rejectedTitle", { at: dateTime(task.concludedAt) })}
          description={
            <dl className="decision">
              <div>
                <dt>{t("apps.task.reason")}</dt>
                <dd>{task.decisionReason}</dd>
              </div>
              <div>
                <dt>{t("apps.task.basis")}</dt>
                <dd>{task.decisionBasis}</dd>
              </div>
            </dl>
          }
        />
      ) : null}
      {task.status === "approved" ? (
        <Alert
          type="success"
          showIcon
          className="block-gap"
          data-testid="task-decision"
          title={
            task.workingDays === null
              ? t("apps.task.approvedTitle", { at: dateTime(task.concludedAt) })
              : t("apps.task.approvedIn", { at: dateTime(task.concludedAt), n: task.workingDays })
          }
        />
      ) : null}
      {children}
    </article>
  );
}
