import { SendOutlined } from "@ant-design/icons";
import { Alert, Button } from "antd";
import type { ApiError } from "../../shared/api";
import { FormValues } from "../../shared/applications/FormValues";
import { fieldTitle, problemTarget } from "../../shared/applications/form";
import { MaterialsList } from "../../shared/applications/MaterialsList";
import type { ApplicationDetail, FieldProblem } from "../../shared/applications/types";
import { ProblemAlert } from "../../shared/components/ProblemAlert";
import type { Catalogue } from "../../shared/exchange/useCatalogue";
import { useI18n } from "../../shared/I18nProvider";

/** 确认提交: everything once more, what still needs attention (each with a way to it), and submit. */
export function ReviewStep({
  application,
  problems,
  catalogue,
  departmentName,
  busy,
  error,
  onGoTo,
  onBack,
  onSubmit,
}: {
  application: ApplicationDetail;
  /** The draft's problems, or those the server answered a submission with. */
  problems: FieldProblem[];
  catalogue: Catalogue;
  departmentName: (code: string) => string;
  busy: boolean;
  error: ApiError | undefined;
  onGoTo: (step: "form" | "materials", field: string) => void;
  onBack: () => void;
  onSubmit: () => void;
}) {
  const { t, pick } = useI18n();
  const material = (id: string) => {
    const m = application.materials.find((x) => x.id === id);
    return m ? pick(m.name, m.nameEn) : id;
  };
  return (
    <div className="review-step" data-testid="review-step">
      {problems.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          className="block-gap"
          data-testid="review-problems"
          title={t("apps.review.problems", { n: problems.length })}
          description={
            <ul className="plain-list review-problems">
              {problems.map((p) => {
                const target = problemTarget(p.field);
                const label =
                  target.part === "materials"
                    ? material(target.name)
                    : fieldTitle(application.formDefinition, target.name, pick);
                return (
                  <li key={p.field}>
                    <span>{p.message}</span>{" "}
                    {target.part === "other" ? null : (
                      <Button
                        type="link"
                        size="small"
                        className="inline-link"
                        onClick={() => onGoTo(target.part as "form" | "materials", target.name)}
                      >
                        {t("apps.review.fix", { what: label })}
                      </Button>
                    )}
                  </li>
                );
              })}
            </ul>
          }
        />
      ) : null}
      <section aria-labelledby="review-form" className="notice__section">
        <h3 id="review-form" className="notice__title">
          {t("apps.review.form")}
        </h3>
        <FormValues application={application} departmentName={departmentName} linkToLedger />
      </section>
      <section aria-labelledby="review-materials" className="notice__section">
        <h3 id="review-materials" className="notice__title">
          {t("apps.review.materials")}
        </h3>
        <MaterialsList
          applicationId={application.id}
          materials={application.materials}
          catalogue={catalogue}
          departmentName={departmentName}
          linkToLedger
        />
      </section>
      <p className="muted small">{t("apps.review.promise")}</p>
      {error ? (
        <div className="block-gap">
          <ProblemAlert error={error} />
        </div>
      ) : null}
      <div className="apply-actions">
        <Button size="large" onClick={onBack} disabled={busy}>
          {t("apps.back")}
        </Button>
        <Button
          type="primary"
          size="large"
          icon={<SendOutlined aria-hidden="true" />}
          loading={busy}
          onClick={onSubmit}
          data-testid="submit-application"
        >
          {t("apps.submit")}
        </Button>
      </div>
    </div>
  );
}
