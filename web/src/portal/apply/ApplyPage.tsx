import { CheckCircleOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Result, Skeleton, Steps } from "antd";
import { type ReactNode, useEffect, useMemo, useRef, useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router-dom";
import { useDepartmentsByCode } from "../../rights/useDepartmentsByCode";
import { useMe } from "../../shared/AuthProvider";
import { ApiError, api } from "../../shared/api";
import type { ItemList } from "../../shared/api-types";
import { problemTarget } from "../../shared/applications/form";
import { daysKey } from "../../shared/applications/labels";
import type {
  ApplicationDetail,
  FieldProblem,
  MyApplication,
  PrefillAnswer,
  PrefillIssue,
} from "../../shared/applications/types";
import { useApplication } from "../../shared/applications/useApplication";
import { PageHeading } from "../../shared/components/PageHeading";
import { ProblemAlert } from "../../shared/components/ProblemAlert";
import { SubPageTrail } from "../../shared/components/SubPageTrail";
import { useCatalogue } from "../../shared/exchange/useCatalogue";
import { useI18n } from "../../shared/I18nProvider";
import type { MessageKey } from "../../shared/i18n";
import { useApi } from "../../shared/useApi";
import { AssistedNote } from "./AssistedNote";
import { ConsentStep } from "./ConsentStep";
import { FormStep } from "./FormStep";
import { MaterialsStep } from "./MaterialsStep";
import { NoticeStep } from "./NoticeStep";
import { ReviewStep } from "./ReviewStep";
import { useServiceInfo } from "./useServiceInfo";
import "../../shared/applications/applications.css";

const STEPS = ["notice", "consent", "form", "materials", "review"] as const;
type Step = (typeof STEPS)[number];

const STEP_TITLE: Record<Step, MessageKey> = {
  notice: "apps.flow.notice",
  consent: "apps.flow.consent",
  form: "apps.flow.form",
  materials: "apps.flow.materials",
  review: "apps.flow.review",
};

// The step indicator's labels: short enough for five across a phone.
const STEP_SHORT: Record<Step, MessageKey> = {
  notice: "apps.flow.noticeShort",
  consent: "apps.flow.consentShort",
  form: "apps.flow.formShort",
  materials: "apps.flow.materialsShort",
  review: "apps.flow.reviewShort",
};

const isStep = (value: string | null): value is Step => STEPS.includes(value as Step);

function Loading() {
  const { t } = useI18n();
  return (
    <div role="status" aria-live="polite">
      <span className="visually-hidden">{t("app.loading")}</span>
      <Skeleton active paragraph={{ rows: 6 }} />
    </div>
  );
}

function submitProblems(error: ApiError): FieldProblem[] | null {
  const errors = (error.problem as { errors?: unknown }).errors;
  return Array.isArray(errors) ? (errors as FieldProblem[]) : null;
}

/**
 * /portal/apply/:code: one page through 须知 → 授权预填 → 填写表单 → 提交材料 → 确认提交 for a service item
 * or a one-thing bundle. `?draft=ID` resumes a draft; `&step=` keeps the step in the address, so the
 * browser's back button and a reload stay where the applicant was.
 *
 * `assisted`: /workbench/assist/apply/:code, a 帮办员 filling in an application made for someone else
 * (帮办代办). Its draft was started on /workbench/assist; the consent step says why pre-fill is not
 * offered, and the end leads back there.
 */
export function ApplyPage({ assisted = false }: { assisted?: boolean } = {}) {
  const { code = "" } = useParams();
  const { t, pick } = useI18n();
  const navigate = useNavigate();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const draftId = params.get("draft");
  const info = useServiceInfo(code);
  const departments = useDepartmentsByCode();
  const catalogue = useCatalogue();
  const loaded = useApplication(draftId);
  const { application, update: setFresh } = loaded;
  const mine = useApi<ItemList<MyApplication>>(draftId ? null : "/api/applications?limit=50");

  const [busy, setBusy] = useState<"start" | "consent" | "submit" | null>(null);
  const [error, setError] = useState<ApiError>();
  const [revealAll, setRevealAll] = useState(false);
  const [answered, setAnswered] = useState<FieldProblem[] | null>(null);
  const [issues, setIssues] = useState<PrefillIssue[]>([]);

  const consentDecided =
    !!application &&
    (application.consents.length > 0 ||
      Object.keys(application.prefill).length > 0 ||
      application.materials.some((m) => m.state?.via === "exchange"));
  const requested = params.get("step");
  // Before the draft exists: the notice, then the consent screen (the draft comes with the consent).
  const step: Step = !draftId
    ? requested === "consent" && !assisted
      ? "consent"
      : "notice"
    : isStep(requested)
      ? requested
      : consentDecided
        ? "form"
        : "consent";
  const headingRef = useRef<HTMLHeadingElement>(null);
  const previousStep = useRef(step);
  useEffect(() => {
    if (previousStep.current !== step) {
      previousStep.current = step;
      headingRef.current?.focus();
    }
  }, [step]);

  const go = (next: Step, focus?: string) => {
    setError(undefined);
    if (!draftId) {
      return;
    }
    setParams({ draft: draftId, step: next });
    if (focus) {
      // After the step renders: the field, or the material's upload button.
      setTimeout(() => {
        const target =
          next === "form"
            ? document.getElementById(focus)
            : document.querySelector<HTMLElement>(`[data-material="${CSS.escape(focus)}"] button`);
        target?.focus();
        target?.scrollIntoView({ block: "center" });
      }, 50);
    }
  };

  const run = async (kind: "start" | "consent" | "submit", call: () => Promise<void>) => {
    setBusy(kind);
    setError(undefined);
    try {
      await call();
    } catch (cause) {
      if (!(cause instanceof ApiError)) {
        throw cause;
      }
      setError(cause);
    } finally {
      setBusy(null);
    }
  };

  /** A new draft, pre-filled at once when the applicant consented on the screen before it. */
  const create = async (prefill: boolean, next: Step) => {
    const detail = await api<PrefillAnswer>("/api/applications", {
      method: "POST",
      body: prefill ? { service: code, prefill: { consent: true } } : { service: code },
    });
    setIssues(detail.prefillIssues ?? []);
    setFresh(detail);
    setParams({ draft: detail.id, step: next });
  };

  // The consent screen comes before the draft: one request then makes the draft and pre-fills it.
  const start = async () => {
    if (assisted) {
      await run("start", () => create(false, "consent"));
      return;
    }
    setError(undefined);
    setParams({ step: "consent" });
  };

  const consent = () =>
    run("consent", async () => {
      if (!draftId) {
        await create(true, "form");
        return;
      }
      const detail = await api<PrefillAnswer>(`/api/applications/${encodeURIComponent(draftId)}/prefill`, {
        method: "POST",
        body: { consent: true },
      });
      setIssues(detail.prefillIssues ?? []);
      setFresh(detail);
      go("form");
    });

  const decline = () => (draftId ? go("form") : run("consent", () => create(false, "form")));

  const submit = () =>
    run("submit", async () => {
      try {
        const detail = await api<ApplicationDetail>(
          `/api/applications/${encodeURIComponent(draftId ?? "")}/submit`,
          {
            method: "POST",
          },
        );
        setAnswered(null);
        setFresh(detail);
      } catch (cause) {
        const problems = cause instanceof ApiError ? submitProblems(cause) : null;
        if (problems) {
          setRevealAll(true);
          setAnswered(problems);
          return;
        }
        throw cause;
      }
    });

  const materialErrors = useMemo(() => {
    const out: Record<string, string> = {};
    if (application && revealAll) {
      for (const p of answered ?? application.problems) {
        const target = problemTarget(p.field);
        if (target.part === "materials") {
          out[target.name] = p.message;
        }
      }
    }
    return out;
  }, [application, answered, revealAll]);

  const serviceName = info.data
    ? info.data.kind === "item"
      ? pick(info.data.item.name, info.data.item.nameEn)
      : pick(info.data.bundle.name, info.data.bundle.nameEn)
    : application
      ? pick(application.service.name, application.service.nameEn)
      : code;

  const trail = assisted ? (
    <SubPageTrail section={t("assist.title")} sectionTo="/workbench/assist" page={serviceName} />
  ) : (
    <SubPageTrail section={t("apps.services")} sectionTo="/services" page={serviceName} />
  );

  // A draft that has been submitted (just now, or earlier in another tab).
  if (application && application.status !== "draft") {
    const progress = assisted ? "/workbench/assist" : `/portal/applications/${application.id}`;
    return (
      <>
        {trail}
        <PageHeading title={serviceName} />
        <Card>
          <Result
            status="success"
            icon={<CheckCircleOutlined aria-hidden="true" />}
            title={<h2 className="result-title">{t("apps.done.title")}</h2>}
            subTitle={
              <>
                <span className="apply-done__number" data-testid="application-number">
                  {t("apps.done.number", { number: application.number })}
                </span>
                <br />
                {t("apps.done.hint", {
                  limit: t(daysKey(application.promisedDays), { n: application.promisedDays }),
                })}
              </>
            }
            extra={[
              <Button
                key="progress"
                type="primary"
                size="large"
                href={progress}
                onClick={(event) => {
                  event.preventDefault();
                  navigate(progress);
                }}
                data-testid="view-progress"
              >
                {t(assisted ? "assist.back" : "apps.done.progress")}
              </Button>,
              assisted ? null : (
                <Link key="mine" to="/portal/applications">
                  {t("portal.applications")}
                </Link>
              ),
            ]}
          />
        </Card>
      </>
    );
  }

  // Before the draft exists (`undefined`), or on the draft.
  const consentStep = (draft: ApplicationDetail | undefined) => (
    <ConsentStep
      application={draft}
      code={code}
      catalogue={catalogue}
      departmentName={departments.name}
      busy={busy === "consent"}
      error={error}
      onConsent={() => void consent()}
      onDecline={() => void decline()}
      onNext={() => void decline()}
    />
  );

  let body: ReactNode;
  if (step === "notice") {
    const draft = mine.data?.items.find((a) => a.status === "draft" && a.service.code === code);
    const audience = info.data?.kind === "item" ? info.data.item.audience : info.data?.bundle.audience;
    // Whom the account speaks for, as the server decides it: a citizen for themself, an agent for the enterprise.
    const speaksFor =
      me.person && me.roles.includes("citizen")
        ? "person"
        : me.organisation && me.roles.includes("enterprise_agent")
          ? "organisation"
          : null;
    const mayApply = speaksFor === audience;
    body = info.error ? (
      <ProblemAlert error={info.error} onRetry={info.reload} />
    ) : !info.data ? (
      <Loading />
    ) : (
      <NoticeStep
        info={info.data}
        departmentName={departments.name}
        footer={
          mayApply ? (
            <>
              <Button
                type="primary"
                size="large"
                loading={busy === "start"}
                onClick={() => void start()}
                data-testid="start-application"
              >
                {t("apps.start")}
              </Button>
              {draft ? (
                <Link
                  to={`/portal/apply/${encodeURIComponent(code)}?draft=${draft.id}`}
                  data-testid="resume-draft"
                >
                  {t("apps.resumeDraft", { number: draft.number })}
                </Link>
              ) : null}
            </>
          ) : (
            <Alert
              type="info"
              showIcon
              title={t(audience === "organisation" ? "apps.audience.organisation" : "apps.audience.person")}
            />
          )
        }
      />
    );
  } else if (step === "consent" && !draftId) {
    body = consentStep(undefined);
  } else if (loaded.error) {
    body = <ProblemAlert error={loaded.error} onRetry={loaded.reload} />;
  } else if (!application) {
    body = <Loading />;
  } else if (step === "consent" && application.onBehalf) {
    body = <AssistedNote application={application} onNext={() => go("form")} />;
  } else if (step === "consent") {
    body = consentStep(application);
  } else if (step === "form") {
    body = (
      <FormStep
        application={application}
        issues={issues}
        resourceName={catalogue.name}
        departmentName={departments.name}
        revealAll={revealAll}
        onSaved={setFresh}
        onBack={() => go("consent")}
        onNext={() => go("materials")}
      />
    );
  } else if (step === "materials") {
    const missing = application.problems.filter((p) => problemTarget(p.field).part === "materials");
    body = (
      <MaterialsStep
        application={application}
        catalogue={catalogue}
        departmentName={departments.name}
        errors={materialErrors}
        onUploaded={loaded.reload}
        footer={
          <>
            <Button size="large" onClick={() => go("form")}>
              {t("apps.back")}
            </Button>
            <Button
              type="primary"
              size="large"
              onClick={() => {
                if (missing.length > 0) {
                  setRevealAll(true);
                  go("materials", problemTarget(missing[0]?.field ?? "").name);
                } else {
                  go("review");
                }
              }}
            >
              {t("apps.next")}
            </Button>
          </>
        }
      />
    );
  } else {
    body = (
      <ReviewStep
        application={application}
        problems={answered ?? application.problems}
        catalogue={catalogue}
        departmentName={departments.name}
        busy={busy === "submit"}
        error={error}
        onGoTo={(target, field) => {
          setRevealAll(true);
          go(target, field);
        }}
        onBack={() => go("materials")}
        onSubmit={() => void submit()}
      />
    );
  }

  return (
    <>
      {trail}
      <PageHeading
        title={serviceName}
        intro={application ? t("apps.draftNumber", { number: application.number }) : undefined}
      />
      {/* The heading below says "step n of 5" for assistive technology; this is its picture. */}
      <div aria-hidden="true" className="apply-steps">
        <Steps
          size="small"
          responsive={false}
          titlePlacement="vertical"
          current={STEPS.indexOf(step)}
          items={STEPS.map((s) => ({ key: s, title: t(STEP_SHORT[s]) }))}
        />
      </div>
      <Card className="apply-card">
        <h2 className="apply-card__title" ref={headingRef} tabIndex={-1} data-testid="apply-step-title">
          <span className="visually-hidden">
            {t("apps.flow.stepOf", { n: STEPS.indexOf(step) + 1, total: STEPS.length })}
          </span>
          {t(STEP_TITLE[step])}
        </h2>
        {step === "notice" && error ? (
          <div className="block-gap">
            <ProblemAlert error={error} />
          </div>
        ) : null}
        {body}
      </Card>
    </>
  );
}
