import { ReloadOutlined, RightOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Empty, Pagination, Segmented, Select, Skeleton } from "antd";
import type { ReactNode } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { useMe } from "../../shared/AuthProvider";
import { withQuery } from "../../shared/api";
import { DUE_KEY, STEP_KEY } from "../../shared/applications/labels";
import { DueTag, TaskStatusTag } from "../../shared/applications/Tags";
import type { Queue, QueueItem } from "../../shared/applications/types";
import { PageHeading } from "../../shared/components/PageHeading";
import { ProblemAlert } from "../../shared/components/ProblemAlert";
import { SubPageTrail } from "../../shared/components/SubPageTrail";
import { useI18n } from "../../shared/I18nProvider";
import { useApi } from "../../shared/useApi";
import "../../shared/applications/applications.css";

const PAGE_SIZE = 20;
type StatusFilter = "all" | "active" | "supplement";

/** Where an officer opens a task: the application, with that task first. */
export function taskLink(item: Pick<QueueItem, "taskId" | "application">): string {
  return `/workbench/applications/${item.application.id}?task=${item.taskId}`;
}

function QueueRow({ item }: { item: QueueItem }) {
  const { t, pick, dateTime } = useI18n();
  const headingId = `queue-${item.taskId}`;
  const itemName = pick(item.itemName, item.itemNameEn);
  const serviceName = pick(item.application.serviceName, item.application.serviceNameEn);
  return (
    <li>
      <article
        className={`queue-row queue-row--${item.status === "supplement" ? "paused" : (item.dueStatus ?? "none")}`}
        aria-labelledby={headingId}
        data-testid="queue-row"
        data-task={item.taskId}
        data-number={item.application.number}
        data-due={item.dueStatus ?? ""}
      >
        <div className="queue-row__main">
          <h2 className="queue-row__title" id={headingId}>
            <Link to={taskLink(item)} className="queue-row__link">
              {itemName}
            </Link>
          </h2>
          <p className="queue-row__meta">
            {serviceName !== itemName ? <span>{serviceName}</span> : null}
            <span className="code">{item.application.number}</span>
            <span>{t("queue.applicant", { name: item.application.applicantName })}</span>
            {item.application.submittedAt ? (
              <span className="muted">
                {t("apps.submittedAt", { at: dateTime(item.application.submittedAt) })}
              </span>
            ) : null}
          </p>
        </div>
        <div className="queue-row__state">
          {item.step.kind ? (
            <span className="queue-row__step">
              {t("apps.currentStep", {
                step: t(STEP_KEY[item.step.kind]),
                n: item.step.index + 1,
                total: item.step.count,
              })}
            </span>
          ) : null}
          <TaskStatusTag status={item.status} />
          <DueTag dueOn={item.dueOn} status={item.dueStatus} paused={item.status === "supplement"} />
        </div>
        <RightOutlined className="queue-row__arrow" aria-hidden="true" />
      </article>
    </li>
  );
}

/** 办件队列: open tasks of the officer's departments, the most urgent first, with deadline warnings. */
export function QueuePage() {
  const me = useMe();
  const { t, pick } = useI18n();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get("page")) || 1);
  const statusParam = params.get("status");
  const status: StatusFilter = statusParam === "active" || statusParam === "supplement" ? statusParam : "all";
  const department = me.departments.some((d) => d.code === params.get("department"))
    ? params.get("department")
    : null;
  const queue = useApi<Queue>(
    withQuery("/api/workbench/queue", {
      status: status === "all" ? undefined : status,
      department,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    }),
  );
  const set = (next: { status?: StatusFilter; department?: string | null; page?: number }) => {
    const merged = { status, department, page: 1, ...next };
    const out: Record<string, string> = {};
    if (merged.status !== "all") {
      out.status = merged.status;
    }
    if (merged.department) {
      out.department = merged.department;
    }
    if (merged.page > 1) {
      out.page = String(merged.page);
    }
    setParams(out);
  };

  const counts = queue.data?.counts;
  const cap = queue.data?.countCap ?? Number.POSITIVE_INFINITY;
  // Counts stop just above the cap (the exact figures are on the statistics page).
  const shown = (n: number | undefined) => (n === undefined ? "—" : n > cap ? `${cap}+` : String(n));
  let body: ReactNode;
  if (queue.error) {
    body = <ProblemAlert error={queue.error} onRetry={queue.reload} />;
  } else if (!queue.data) {
    body = (
      <div role="status" aria-live="polite">
        <span className="visually-hidden">{t("app.loading")}</span>
        <Skeleton active paragraph={{ rows: 5 }} />
      </div>
    );
  } else if (queue.data.items.length === 0) {
    body = (
      <Card>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("queue.empty")} />
      </Card>
    );
  } else {
    body = (
      <>
        <ul className="queue-list" aria-label={t("queue.listLabel")} data-testid="queue-list">
          {queue.data.items.map((item) => (
            <QueueRow key={item.taskId} item={item} />
          ))}
        </ul>
        <Pagination
          className="use-pagination"
          current={page}
          pageSize={PAGE_SIZE}
          total={Math.min(queue.data.counts.open, cap)}
          hideOnSinglePage
          showSizeChanger={false}
          showTotal={() => t("app.total", { total: shown(queue.data?.counts.open) })}
          onChange={(next) => set({ page: next })}
        />
      </>
    );
  }

  return (
    <>
      <SubPageTrail
        section={t("workbench.title")}
        sectionTo="/workbench"
        page={t("workbench.applicationQueue")}
      />
      <PageHeading
        title={t("workbench.applicationQueue")}
        intro={t("queue.intro")}
        extra={
          <Button
            icon={<ReloadOutlined aria-hidden="true" />}
            onClick={queue.reload}
            loading={queue.loading && !!queue.data}
          >
            {t("ledgerPage.refresh")}
          </Button>
        }
      />
      {me.departments.length === 0 ? (
        <Alert type="info" showIcon title={t("workbench.noDepartments")} />
      ) : null}
      <dl className="queue-counts" aria-label={t("queue.countsLabel")} data-testid="queue-counts">
        <div className="queue-counts__item">
          <dt>{t("queue.open")}</dt>
          <dd data-testid="count-open">{shown(counts?.open)}</dd>
        </div>
        <div className="queue-counts__item queue-counts__item--near">
          <dt>{t(DUE_KEY.near)}</dt>
          <dd data-testid="count-near">{shown(counts?.near)}</dd>
        </div>
        <div className="queue-counts__item queue-counts__item--overdue">
          <dt>{t(DUE_KEY.overdue)}</dt>
          <dd data-testid="count-overdue">{shown(counts?.overdue)}</dd>
        </div>
      </dl>
      <div className="toolbar queue-toolbar">
        <Segmented
          aria-label={t("queue.statusFilter")}
          value={status}
          onChange={(value) => set({ status: value as StatusFilter })}
          options={[
            { value: "all", label: t("queue.all") },
            { value: "active", label: t("apps.task.active") },
            { value: "supplement", label: t("apps.task.supplement") },
          ]}
        />
        {me.departments.length > 1 ? (
          <Select
            className="toolbar__select"
            aria-label={t("queue.department")}
            value={department ?? ""}
            onChange={(value: string) => set({ department: value || null })}
            options={[
              { value: "", label: t("queue.allDepartments") },
              ...me.departments.map((d) => ({ value: d.code, label: pick(d.name, d.nameEn) })),
            ]}
          />
        ) : null}
      </div>
      {body}
    </>
  );
}
