import { ReloadOutlined } from "@ant-design/icons";
import { Button, Card, Empty, Skeleton } from "antd";
import type { ReactNode } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { useDepartmentsByCode } from "../../rights/useDepartmentsByCode";
import { withQuery } from "../../shared/api";
import type { ItemList } from "../../shared/api-types";
import { STEP_KEY } from "../../shared/applications/labels";
import { OnBehalfNote } from "../../shared/applications/OnBehalfNote";
import {
  ApplicationOutcomeTag,
  ApplicationStatusTag,
  DueTag,
  TaskStatusTag,
} from "../../shared/applications/Tags";
import type { ApplicationTask, MyApplication } from "../../shared/applications/types";
import { PageHeading } from "../../shared/components/PageHeading";
import { ProblemAlert } from "../../shared/components/ProblemAlert";
import { SubPageTrail } from "../../shared/components/SubPageTrail";
import { useI18n } from "../../shared/I18nProvider";
import { useApi } from "../../shared/useApi";
import "../../shared/applications/applications.css";

const PAGE_SIZE = 20;

/** Where an application opens: a draft where it was left, anything else its progress. */
export function applicationLink(app: Pick<MyApplication, "id" | "status" | "service">): string {
  return app.status === "draft"
    ? `/portal/apply/${encodeURIComponent(app.service.code)}?draft=${app.id}`
    : `/portal/applications/${app.id}`;
}

function TaskLine({
  task,
  departmentName,
  named,
}: {
  task: ApplicationTask;
  departmentName: (code: string) => string;
  /** A bundle's items are named; an item's one task is the application itself. */
  named: boolean;
}) {
  const { t, pick } = useI18n();
  const open = task.status === "active" || task.status === "supplement";
  return (
    <li className="task-line" data-testid="task-line" data-item={task.itemCode}>
      {named ? <span className="task-line__name">{pick(task.itemName, task.itemNameEn)}</span> : null}
      <span className="task-line__meta">
        <TaskStatusTag status={task.status} />
        {open && task.step.kind ? (
          <span className="small">
            {t("apps.currentStep", {
              step: t(STEP_KEY[task.step.kind]),
              n: task.step.index + 1,
              total: task.step.count,
            })}
          </span>
        ) : null}
        <span className="muted small">{departmentName(task.currentDepartment)}</span>
        {open ? (
          <DueTag dueOn={task.dueOn} status={task.dueStatus} paused={task.status === "supplement"} />
        ) : null}
      </span>
    </li>
  );
}

/** 我的办件: every application of the account, newest first, with each item's progress. */
export function MyApplicationsPage() {
  const { t, pick, dateTime } = useI18n();
  const departments = useDepartmentsByCode();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get("page")) || 1);
  const list = useApi<ItemList<MyApplication>>(
    withQuery("/api/applications", { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
  );
  const items = list.data?.items ?? [];

  let body: ReactNode;
  if (list.error) {
    body = <ProblemAlert error={list.error} onRetry={list.reload} />;
  } else if (!list.data) {
    body = (
      <div role="status" aria-live="polite">
        <span className="visually-hidden">{t("app.loading")}</span>
        <Skeleton active paragraph={{ rows: 3 }} />
        <Skeleton active paragraph={{ rows: 3 }} />
      </div>
    );
  } else if (items.length === 0 && page === 1) {
    body = (
      <Card>
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            <>
              {t("apps.mine.empty")} <Link to="/services">{t("apps.mine.findService")}</Link>
            </>
          }
        />
      </Card>
    );
  } else {
    body = (
      <>
        <ul className="use-list" aria-label={t("portal.applications")} data-testid="my-applications">
          {items.map((app) => {
            const headingId = `app-${app.id}`;
            return (
              <li key={app.id}>
                <article
                  className="use-card app-card"
                  aria-labelledby={headingId}
                  data-testid="application-card"
                  data-id={app.id}
                  data-number={app.number}
                >
                  <div className="use-card__head">
                    <h2 className="use-card__title" id={headingId}>
                      <Link to={applicationLink(app)}>{pick(app.service.name, app.service.nameEn)}</Link>
                    </h2>
                    <ApplicationStatusTag status={app.status} />
                    {app.outcome ? <ApplicationOutcomeTag outcome={app.outcome} /> : null}
                    <span className="use-card__time">
                      {app.submittedAt
                        ? t("apps.submittedAt", { at: dateTime(app.submittedAt) })
                        : t("apps.createdAt", { at: dateTime(app.createdAt) })}
                    </span>
                  </div>
                  <p className="app-card__number">
                    <span className="muted small">{t("apps.number")}</span>{" "}
                    <span className="code">{app.number}</span>
                  </p>
                  {app.onBehalf ? (
                    <p className="small">
                      <OnBehalfNote application={app} />
                    </p>
                  ) : null}
                  {app.tasks.length > 0 ? (
                    <ul className="task-lines" aria-label={t("apps.progress")}>
                      {app.tasks.map((task) => (
                        <TaskLine
                          key={task.id}
                          task={task}
                          departmentName={departments.name}
                          named={app.kind === "bundle"}
                        />
                      ))}
                    </ul>
                  ) : app.status === "draft" ? (
                    <p className="small">
                      <Link to={applicationLink(app)}>{t("apps.mine.continue")}</Link>
                    </p>
                  ) : null}
                </article>
              </li>
            );
          })}
        </ul>
        {page === 1 && items.length < PAGE_SIZE ? null : (
          <nav className="pager" aria-label={t("apps.pager")}>
            <Button
              disabled={page <= 1}
              onClick={() => setParams(page > 2 ? { page: String(page - 1) } : {})}
            >
              {t("apps.prevPage")}
            </Button>
            <span className="muted small">{t("apps.pageN", { n: page })}</span>
            <Button disabled={items.length < PAGE_SIZE} onClick={() => setParams({ page: String(page + 1) })}>
              {t("apps.nextPage")}
            </Button>
          </nav>
        )}
      </>
    );
  }

  return (
    <>
      <SubPageTrail section={t("portal.title")} sectionTo="/portal" page={t("portal.applications")} />
      <PageHeading
        title={t("portal.applications")}
        intro={t("apps.mine.intro")}
        extra={
          <Button
            icon={<ReloadOutlined aria-hidden="true" />}
            onClick={list.reload}
            loading={list.loading && !!list.data}
          >
            {t("ledgerPage.refresh")}
          </Button>
        }
      />
      {body}
    </>
  );
}
