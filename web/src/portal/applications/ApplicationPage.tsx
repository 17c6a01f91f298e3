import { EditOutlined, ReloadOutlined, RollbackOutlined } from "@ant-design/icons";
import { App, Button, Card, Popconfirm, Skeleton } from "antd";
import { useState } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { useDepartmentsByCode } from "../../rights/useDepartmentsByCode";
import { ApiError, api } from "../../shared/api";
import { EventTimeline } from "../../shared/applications/EventTimeline";
import { FormValues } from "../../shared/applications/FormValues";
import { daysKey } from "../../shared/applications/labels";
import { MaterialsList } from "../../shared/applications/MaterialsList";
import { OnBehalfNote } from "../../shared/applications/OnBehalfNote";
import { ApplicationOutcomeTag, ApplicationStatusTag } from "../../shared/applications/Tags";
import { TaskCard } from "../../shared/applications/TaskCard";
import type { ApplicationDetail } from "../../shared/applications/types";
import { useApplication } from "../../shared/applications/useApplication";
import { PageHeading } from "../../shared/components/PageHeading";
import { ProblemAlert, problemText, problemTitle } from "../../shared/components/ProblemAlert";
import { SubPageTrail } from "../../shared/components/SubPageTrail";
import { formatDay } from "../../shared/exchange/labels";
import { useCatalogue } from "../../shared/exchange/useCatalogue";
import { useI18n } from "../../shared/I18nProvider";
import { applicationLink } from "./MyApplicationsPage";
import { CertificateSlot, RatingSlot } from "./OutcomeSlots";
import { SupplyPanel } from "./SupplyPanel";
import "../../shared/applications/applications.css";

/** The applicant may withdraw until a department has decided a part of it. */
export function canWithdraw(application: Pick<ApplicationDetail, "status" | "tasks">): boolean {
  return (
    (application.status === "draft" || application.status === "submitted") &&
    !application.tasks.some((task) => task.status === "approved" || task.status === "rejected")
  );
}

/** /portal/applications/:id: the progress of one application, its 补正 requests, decisions and history. */
export function ApplicationPage() {
  const { id = "" } = useParams();
  const { t, pick, dateTime, locale } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const departments = useDepartmentsByCode();
  const catalogue = useCatalogue();
  const loaded = useApplication(id);
  const { application, update: setFresh } = loaded;
  const [withdrawing, setWithdrawing] = useState(false);

  const trail = (
    <SubPageTrail
      section={t("portal.applications")}
      sectionTo="/portal/applications"
      page={application?.number ?? t("apps.progress")}
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

  const withdraw = async () => {
    setWithdrawing(true);
    try {
      setFresh(
        await api<ApplicationDetail>(`/api/applications/${encodeURIComponent(application.id)}/withdraw`, {
          method: "POST",
        }),
      );
      message.success(t("apps.withdrawn"));
    } catch (cause) {
      if (!(cause instanceof ApiError)) {
        throw cause;
      }
      message.error(`${problemTitle(cause, t)}: ${problemText(cause, t("app.networkError"))}`);
      loaded.reload();
    } finally {
      setWithdrawing(false);
    }
  };

  const changed = (detail?: ApplicationDetail) => (detail ? setFresh(detail) : loaded.reload());
  const name = pick(application.service.name, application.service.nameEn);

  return (
    <>
      {trail}
      <PageHeading
        title={name}
        intro={t("apps.numberIs", { number: application.number })}
        extra={
          <span className="heading-actions">
            <Button
              icon={<ReloadOutlined aria-hidden="true" />}
              onClick={loaded.reload}
              loading={loaded.loading}
            >
              {t("ledgerPage.refresh")}
            </Button>
            {application.status === "draft" && !application.asSubject ? (
              <Button
                type="primary"
                icon={<EditOutlined aria-hidden="true" />}
                onClick={() => navigate(applicationLink(application))}
              >
                {t("apps.mine.continue")}
              </Button>
            ) : null}
            {canWithdraw(application) && !application.asSubject ? (
              <Popconfirm
                title={t("apps.withdrawConfirm")}
                description={t("apps.withdrawConfirmText")}
                okText={t("apps.withdraw")}
                cancelText={t("app.cancel")}
                okButtonProps={{ danger: true }}
                onConfirm={() => void withdraw()}
              >
                <Button
                  danger
                  icon={<RollbackOutlined aria-hidden="true" />}
                  loading={withdrawing}
                  data-testid="withdraw"
                >
                  {t("apps.withdraw")}
                </Button>
              </Popconfirm>
            ) : null}
          </span>
        }
      />

      <Card className="app-summary" data-testid="application-summary">
        <div className="app-summary__tags">
          <ApplicationStatusTag status={application.status} />
          {application.outcome ? <ApplicationOutcomeTag outcome={application.outcome} /> : null}
        </div>
        <dl className="task-card__facts app-summary__facts">
          <div>
            <dt>{t("apps.number")}</dt>
            <dd className="code" data-testid="application-number">
              {application.number}
            </dd>
          </div>
          <div>
            <dt>{t("apps.applicant")}</dt>
            <dd>
              {application.subject.name}
              <OnBehalfNote application={application} />
            </dd>
          </div>
          <div>
            <dt>{t("apps.submitted")}</dt>
            <dd>{application.submittedAt ? dateTime(application.submittedAt) : t("apps.notSubmitted")}</dd>
          </div>
          <div>
            <dt>{t("apps.notice.promised")}</dt>
            <dd>
              {t(daysKey(application.promisedDays), { n: application.promisedDays })}
              {application.dueOn && application.status === "submitted" ? (
                <span className="use-card__meta">
                  {t("apps.dueOn", { date: formatDay(application.dueOn, locale) })}
                </span>
              ) : null}
            </dd>
          </div>
          {application.concludedAt ? (
            <div>
              <dt>{t(application.status === "withdrawn" ? "apps.withdrawnAt" : "apps.concludedAt")}</dt>
              <dd>{dateTime(application.concludedAt)}</dd>
            </div>
          ) : null}
        </dl>
        <RatingSlot application={application} />
      </Card>

      {application.tasks.length > 0 ? (
        <section aria-labelledby="tasks-title">
          <h2 className="section-title" id="tasks-title">
            {t("apps.progress")}
          </h2>
          <ul className="use-list" data-testid="task-list">
            {application.tasks.map((task) => (
              <li key={task.id}>
                <TaskCard application={application} task={task} departmentName={departments.name}>
                  {task.status === "supplement" && !application.asSubject ? (
                    <SupplyPanel
                      application={application}
                      task={task}
                      catalogue={catalogue}
                      departmentName={departments.name}
                      onChanged={changed}
                    />
                  ) : null}
                  {task.status === "approved" ? (
                    <CertificateSlot application={application} task={task} />
                  ) : null}
                </TaskCard>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <div className="app-columns">
        <Card className="app-columns__main" title={<h2 className="card-heading">{t("apps.review.form")}</h2>}>
          <FormValues application={application} departmentName={departments.name} linkToLedger />
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
            linkToLedger
          />
        </Card>
      </div>

      <Card className="block-gap" title={<h2 className="card-heading">{t("apps.history")}</h2>}>
        <EventTimeline application={application} departmentName={departments.name} linkToLedger />
      </Card>
    </>
  );
}
