import { Alert, Button, Skeleton } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import type { ApiError } from "../../shared/api";
import { fieldTitle } from "../../shared/applications/form";
import type { ApplicationDetail, PrefillPlan, ServiceForm } from "../../shared/applications/types";
import { ProblemAlert } from "../../shared/components/ProblemAlert";
import type { Catalogue } from "../../shared/exchange/useCatalogue";
import { useI18n } from "../../shared/I18nProvider";
import { useApi } from "../../shared/useApi";

/**
 * 授权预填: for each registry the platform would read, who asks, whose data, which fields, why, on
 * what legal basis and until when; the applicant agrees (and the fields fill in) or types them.
 * Before the draft exists (`application` absent), the plan of the service `code`: the consent then
 * comes with the draft, in one request.
 */
export function ConsentStep({
  application,
  code,
  catalogue,
  departmentName,
  busy,
  error,
  onConsent,
  onDecline,
  onNext,
}: {
  application: ApplicationDetail | undefined;
  code: string;
  catalogue: Catalogue;
  departmentName: (code: string) => string;
  busy: boolean;
  error: ApiError | undefined;
  onConsent: () => void;
  onDecline: () => void;
  onNext: () => void;
}) {
  const { t, pick, dateTime } = useI18n();
  const plan = useApi<PrefillPlan & { formDefinition?: ServiceForm | null }>(
    application
      ? `/api/applications/${encodeURIComponent(application.id)}/prefill`
      : `/api/applications/prefill-plan?service=${encodeURIComponent(code)}`,
  );
  const filled = application ? Object.keys(application.prefill).length : 0;
  const obtained = application ? application.materials.filter((m) => m.state?.via === "exchange").length : 0;
  const done = filled > 0 || obtained > 0 || (application?.consents.length ?? 0) > 0;
  const title = (name: string) =>
    fieldTitle(application?.formDefinition ?? plan.data?.formDefinition ?? null, name, pick);

  if (plan.error) {
    return <ProblemAlert error={plan.error} onRetry={plan.reload} />;
  }
  if (!plan.data) {
    return (
      <div role="status" aria-live="polite">
        <span className="visually-hidden">{t("app.loading")}</span>
        <Skeleton active paragraph={{ rows: 4 }} />
      </div>
    );
  }
  const { entries, unavailable, validUntil } = plan.data;

  let actions: ReactNode;
  if (done) {
    actions = (
      <>
        <Alert
          type="success"
          showIcon
          data-testid="prefill-done"
          title={t("apps.consent.done", { fields: filled, materials: obtained })}
          description={
            <>
              {t("apps.consent.doneHint")} <Link to="/portal/consents">{t("portal.consents")}</Link>
            </>
          }
        />
        <div className="apply-actions">
          <Button type="primary" size="large" onClick={onNext}>
            {t("apps.next")}
          </Button>
        </div>
      </>
    );
  } else if (entries.length === 0) {
    actions = (
      <>
        {unavailable.length === 0 ? <Alert type="info" showIcon title={t("apps.consent.nothing")} /> : null}
        <div className="apply-actions">
          <Button type="primary" size="large" onClick={onDecline}>
            {t("apps.next")}
          </Button>
        </div>
      </>
    );
  } else {
    actions = (
      <div className="apply-actions">
        <Button type="primary" size="large" loading={busy} onClick={onConsent} data-testid="consent-prefill">
          {t("apps.consent.agree")}
        </Button>
        <Button size="large" disabled={busy} onClick={onDecline} data-testid="consent-decline">
          {t("apps.consent.decline")}
        </Button>
      </div>
    );
  }

  return (
    <div className="consent-step" data-testid="consent-step">
      {entries.length > 0 ? (
        <>
          <p>{t("apps.consent.intro")}</p>
          <ul className="use-list" aria-label={t("apps.consent.listLabel")} data-testid="consent-plan">
            {entries.map((entry) => {
              const headingId = `plan-${entry.resource}`;
              return (
                <li key={entry.resource}>
                  <article className="use-card consent-card" aria-labelledby={headingId}>
                    <div className="use-card__head">
                      <h3 className="use-card__title" id={headingId}>
                        {t("apps.consent.entryTitle", {
                          department: departmentName(entry.department),
                          owner: departmentName(entry.owner),
                          resource: pick(entry.resourceName, entry.resourceNameEn),
                        })}
                      </h3>
                    </div>
                    <dl className="power-card__fields consent-card__facts">
                      <div className="power-card__row">
                        <dt>{t("consents.data")}</dt>
                        <dd data-testid="plan-fields">
                          {entry.fields
                            .map((f) => catalogue.fieldLabel(entry.resource, f))
                            .join(t("rights.listSep"))}
                        </dd>
                      </div>
                      {entry.formFields.length > 0 ? (
                        <div className="power-card__row">
                          <dt>{t("apps.consent.fills")}</dt>
                          <dd>{entry.formFields.map(title).join(t("rights.listSep"))}</dd>
                        </div>
                      ) : null}
                      <div className="power-card__row">
                        <dt>{t("consents.purpose")}</dt>
                        <dd lang="zh-CN">{entry.purpose}</dd>
                      </div>
                      <div className="power-card__row">
                        <dt>{t("apps.consent.legalBasis")}</dt>
                        <dd lang="zh-CN">{entry.legalBasis}</dd>
                      </div>
                      <div className="power-card__row">
                        <dt>{t("consents.validUntil")}</dt>
                        <dd>{dateTime(entry.standingConsent?.validUntil ?? validUntil)}</dd>
                      </div>
                    </dl>
                    {entry.standingConsent ? (
                      <p className="muted small" data-testid="standing-consent">
                        {entry.standingConsent.grantedAt
                          ? t("apps.consent.standing", { date: dateTime(entry.standingConsent.grantedAt) })
                          : t("apps.consent.standingUndated")}
                      </p>
                    ) : null}
                  </article>
                </li>
              );
            })}
          </ul>
          <p className="muted small">{t("apps.consent.ledgerNote")}</p>
        </>
      ) : null}
      {unavailable.length > 0 ? (
        <Alert
          type="info"
          showIcon
          className="block-gap"
          title={t("apps.consent.unavailable")}
          description={unavailable
            .flatMap((u) => u.formFields)
            .map(title)
            .join(t("rights.listSep"))}
        />
      ) : null}
      {error ? (
        <div className="block-gap">
          <ProblemAlert error={error} />
        </div>
      ) : null}
      {actions}
    </div>
  );
}
