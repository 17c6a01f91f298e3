import {
  CheckOutlined,
  CloseOutlined,
  FileAddOutlined,
  ReloadOutlined,
  SwapOutlined,
} from "@ant-design/icons";
import { Alert, App, Button, Card, Skeleton } from "antd";
import { useMemo, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router-dom";
import { useDepartmentsByCode } from "../../rights/useDepartmentsByCode";
import { useMe } from "../../shared/AuthProvider";
import { EventTimeline } from "../../shared/applications/EventTimeline";
import { FormValues } from "../../shared/applications/FormValues";
import { fieldTitle } from "../../shared/applications/form";
import { APPROVE_KEY } from "../../shared/applications/labels";
import { MaterialsList } from "../../shared/applications/MaterialsList";
import { authorisationKindKey } from "../../shared/applications/OnBehalfNote";
import { ApplicationOutcomeTag, ApplicationStatusTag } from "../../shared/applications/Tags";
import { TaskCard } from "../../shared/applications/TaskCard";
import type { ApplicationDetail, ApplicationTask, TaskAction } from "../../shared/applications/types";
import { useApplication } from "../../shared/applications/useApplication";
import { PageHeading } from "../../shared/components/PageHeading";
import { ProblemAlert } from "../../shared/components/ProblemAlert";
import { SubPageTrail } from "../../shared/components/SubPageTrail";
import { useCatalogue } from "../../shared/exchange/useCatalogue";
import { useI18n } from "../../shared/I18nProvider";
import type { MessageKey } from "../../shared/i18n";
import { ActionModal } from "./ActionModal";
import "../../shared/applications/applications.css";

const DONE_KEY: Record<TaskAction, MessageKey> = {
  approve: "officer.approved",
  reject: "officer.rejected",
  supplement: "officer.supplemented",
  transfer: "officer.transferred",
};

/** What an officer of the task's current department can do on its step. */
function TaskActions({
  application,
  task,
  onAction,
}: {
  application: ApplicationDetail;
  task: ApplicationTask;
  onAction: (action: TaskAction) => void;
}) {
  const { t, pick } = useI18n();
  const step = task.step.kind;
  if (task.status === "supplement") {
    const asked = (task.supplement?.items ?? []).map((item) => {
      const m = application.materials.find((x) => x.id === item);
      return m ? pick(m.name, m.nameEn) : fieldTitle(application.formDefinition, item, pick);
    });
    return (
      <div className="task-actions" data-testid="task-actions">
        <p className="small">
          {t("officer.waitingSupply")}
          {asked.length > 0 ? ` ${asked.join(t("rights.listSep"))}` : null}
          {task.supplement?.note ? ` — ${task.supplement.note}` : null}
        </p>
        <div className="task-actions__buttons">
          <Button danger icon={<CloseOutlined aria-hidden="true" />} onClick={() => onAction("reject")}>
            {t("officer.reject")}
          </Button>
        </div>
      </div>
    );
  }
  return (
    <div className="task-actions" data-testid="task-actions">
      <div className="task-actions__buttons">
        <Button
          type="primary"
          icon={<CheckOutlined aria-hidden="true" />}
          onClick={() => onAction("approve")}
          data-testid="action-approve"
          data-step={step ?? ""}
        >
          {step ? t(APPROVE_KEY[step]) : t("officer.approve")}
        </Button>
        <Button
          icon={<FileAddOutlined aria-hidden="true" />}
          onClick={() => onAction("supplement")}
          data-testid="action-supplement"
        >
          {t("officer.supplement")}
        </Button>
        <Button
          icon={<SwapOutlined aria-hidden="true" />}
          onClick={() => onAction("transfer")}
          data-testid="action-transfer"
        >
          {t("officer.transfer")}
        </Button>
        <Button
          danger
          icon={<CloseOutlined aria-hidden="true" />}
          onClick={() => onAction("reject")}
          data-testid="action-reject"
        >
          {t("officer.reject")}
        </Button>
      </div>
    </div>
  );
}

/**
 * /workbench/applications/:id (?task=): an application as its handling officer sees it — applicant,
 * entries with their sources, materials to download, history — with the actions on the current
 * step of each task waiting on the officer's departments. Opening it is recorded in the ledger.
 */
export function TaskReviewPage() {
  const { id = "" } = useParams();
  const [params] = useSearchParams();
  const focusTask = params.get("task");
  const me = useMe();
  const { t, pick, dateTime } = useI18n();
  const { message } = App.useApp();
  const departments = useDepartmentsByCode();
  const catalogue = useCatalogue();
  const loaded = useApplication(id);
  const { application, update: setFresh } = loaded;
  const [dialog, setDialog] = useState<{ action: TaskAction; task: ApplicationTask } | null>(null);
  const mine = useMemo(() => me.departments.map((d) => d.code), [me.departments]);

  const trail = (
    <SubPageTrail
      section={t("workbench.applicationQueue")}
      sectionTo="/workbench/queue"
      page={application?.number ?? t("officer.application")}
    />
  );
  if (loaded.error) {
    return (
      <>
        {trail}
        <ProblemAlert error={loaded.error} onRetry={loaded.reload} />
      </>
    );
  }
  if (!application) {
    return (
      <>
        {trail}
        <div role="status" aria-live="polite">
          <span className="visually-hidden">{t("app.loading")}</span>
          <Skeleton active paragraph={{ rows: 6 }} />
        </div>
      </>
    );
  }

  const actionable = (task: ApplicationTask) =>
    mine.includes(task.currentDepartment) && (task.status === "active" || task.status === "supplement");
  // The task the queue opened first, then the others waiting on this officer, then the rest.
  const tasks = [...application.tasks].sort(
    (a, b) =>
      Number(b.id === focusTask) - Number(a.id === focusTask) ||
      Number(actionable(b)) - Number(actionable(a)),
  );
  const waiting = tasks.filter(actionable);

  return (
    <>
      {trail}
      <PageHeading
        title={pick(application.service.name, application.service.nameEn)}
        intro={t("apps.numberIs", { number: application.number })}
        extra={
          <Button
            icon={<ReloadOutlined aria-hidden="true" />}
            onClick={loaded.reload}
            loading={loaded.loading}
          >
            {t("ledgerPage.refresh")}
          </Button>
        }
      />
      <p className="muted small">{t("officer.viewRecorded")}</p>

      <Card className="app-summary" data-testid="application-summary">
        <div className="app-summary__tags">
          <ApplicationStatusTag status={application.status} />
          {application.outcome ? <ApplicationOutcomeTag outcome={application.outcome} /> : null}
        </div>
        <dl className="task-card__facts app-summary__facts">
          <div>
            <dt>{t("apps.applicant")}</dt>
            <dd data-testid="applicant-name">
              {application.subject.name}
              <span className="use-card__meta">
                {t(application.subject.type === "person" ? "officer.person" : "officer.organisation")}
              </span>
            </dd>
          </div>
          {application.onBehalf ? (
            <div>
              <dt>{t("officer.onBehalf")}</dt>
              <dd>
                {application.onBehalf.agentName}
                <span className="use-card__meta">
                  {t(authorisationKindKey(application.onBehalf.authorisation.kind))} ·{" "}
                  {application.onBehalf.authorisation.reference}
                </span>
              </dd>
            </div>
          ) : null}
          <div>
            <dt>{t("apps.submitted")}</dt>
            <dd>{application.submittedAt ? dateTime(application.submittedAt) : "—"}</dd>
          </div>
          <div>
            <dt>{t("officer.lead")}</dt>
            <dd>{departments.name(application.leadDepartment)}</dd>
          </div>
        </dl>
      </Card>

      {waiting.length === 0 ? (
        <Alert
          type="info"
          showIcon
          className="block-gap"
          data-testid="nothing-to-do"
          title={t("officer.nothingToDo")}
          description={<Link to="/workbench/queue">{t("officer.backToQueue")}</Link>}
        />
      ) : null}

      <section aria-labelledby="tasks-title">
        <h2 className="section-title" id="tasks-title">
          {t("apps.progress")}
        </h2>
        <ul className="use-list" data-testid="task-list">
          {tasks.map((task) => (
            <li key={task.id}>
              <TaskCard application={application} task={task} departmentName={departments.name}>
                {actionable(task) ? (
                  <TaskActions
                    application={application}
                    task={task}
                    onAction={(action) => setDialog({ action, task })}
                  />
                ) : null}
              </TaskCard>
            </li>
          ))}
        </ul>
      </section>

      <div className="app-columns">
        <Card className="app-columns__main" title={<h2 className="card-heading">{t("apps.review.form")}</h2>}>
          <FormValues application={application} departmentName={departments.name} linkToLedger={false} />
        </Card>
        <Card
          className="app-columns__side"
          title={<h2 className="card-heading">{t("apps.review.materials")}</h2>}
        >
          <MaterialsList
            applicationId={application.id}
            materials={application.materials}
            catalogue={catalogue}
            departmentName={departments.name}
            linkToLedger={false}
          />
        </Card>
      </div>

      <Card className="block-gap" title={<h2 className="card-heading">{t("apps.history")}</h2>}>
        <EventTimeline application={application} departmentName={departments.name} linkToLedger={false} />
      </Card>

      {dialog ? (
        <ActionModal
          action={dialog.action}
          application={application}
          task={dialog.task}
          departmentOptions={departments.options}
          onClose={() => setDialog(null)}
          onReload={() => {
            setDialog(null);
            loaded.reload();
          }}
          onDone={(detail, action) => {
            setDialog(null);
            setFresh(detail);
            message.success(t(DONE_KEY[action]));
          }}
        />
      ) : null}
    </>
  );
}
