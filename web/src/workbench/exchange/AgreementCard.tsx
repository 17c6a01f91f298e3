import { Button, Tag } from "antd";
import type { ReactNode } from "react";
import type { Agreement, Sensitivity } from "../../shared/api-types";
import { SENSITIVITY_LABELS } from "../../shared/api-types";
import { daysUntil, formatDay } from "../../shared/exchange/labels";
import { AgreementStatusTag } from "../../shared/exchange/Tags";
import type { Catalogue } from "../../shared/exchange/useCatalogue";
import { useI18n } from "../../shared/I18nProvider";

export type AgreementAction = "review" | "suspend" | "resume";

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="power-card__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** One sharing agreement: who uses whose data, for what, which fields, until when, and its state. */
export function AgreementCard({
  agreement,
  catalogue,
  actions,
  onAction,
}: {
  agreement: Agreement;
  /** For field labels. */
  catalogue: Catalogue;
  /** What the reader may do with it (the owner's admin); none for read-only readers. */
  actions: readonly AgreementAction[];
  onAction: (action: AgreementAction) => void;
}) {
  const { t, pick, locale, dateTime } = useI18n();
  const status = agreement.effectiveStatus;
  const label = (name: string) => catalogue.fieldLabel(agreement.resource, name);
  const list = (names: readonly string[]) => names.map(label).join(t("rights.listSep"));
  const withheld = agreement.requestedFields.filter((name) => !agreement.fields.includes(name));
  const left = daysUntil(agreement.validUntil);
  const headingId = `agreement-${agreement.id}`;
  const level = agreement.clearance as Sensitivity;
  const levelLabel = SENSITIVITY_LABELS[level];
  const decided = status !== "applied";

  return (
    <li>
      <article
        className="power-card agreement-card"
        aria-labelledby={headingId}
        data-testid="agreement-card"
        data-resource={agreement.resource}
        data-consumer={agreement.consumer}
        data-status={status}
      >
        <header className="power-card__head">
          <div>
            <h3 className="power-card__title" id={headingId}>
              {pick(agreement.resourceName, agreement.resourceNameEn)}
            </h3>
            <p className="power-card__meta">
              {t("agreements.between", {
                consumer: pick(agreement.consumerName, agreement.consumerNameEn),
                owner:
                  agreement.ownerName && agreement.ownerNameEn
                    ? pick(agreement.ownerName, agreement.ownerNameEn)
                    : "—",
              })}
            </p>
          </div>
          <div className="power-card__tags">
            <AgreementStatusTag status={status} />
            {agreement.requiresConsent ? <Tag>{t("agreements.consentTag")}</Tag> : null}
          </div>
        </header>
        <dl className="power-card__fields">
          <Row label={t("agreements.purpose")}>
            <span lang="zh-CN">{agreement.purpose}</span>
          </Row>
          <Row label={t("agreements.legalBasis")}>
            <span lang="zh-CN">{agreement.legalBasis}</span>
          </Row>
          <Row label={t("agreements.period")}>
            {t("agreements.periodValue", {
              from: formatDay(agreement.validFrom, locale),
              until: formatDay(agreement.validUntil, locale),
            })}
            {status === "approved" && left <= 30 ? (
              <span className="agreement-card__soon">{t("agreements.daysLeft", { n: left })}</span>
            ) : null}
          </Row>
          {decided && status !== "refused" ? (
            <>
              <Row label={t("agreements.grantedFields")}>
                <span data-testid="granted-fields">{list(agreement.fields)}</span>
                {withheld.length > 0 ? (
                  <span className="use-card__meta" data-testid="withheld-fields">
                    {t("agreements.withheld", { fields: list(withheld) })}
                  </span>
                ) : null}
              </Row>
              <Row label={t("agreements.terms")}>
                {t("agreements.termsValue", {
                  daily: agreement.dailyQuota.toLocaleString(locale),
                  rate: agreement.ratePerMinute.toLocaleString(locale),
                })}
                <span className="use-card__meta">
                  {t("agreements.clearanceValue", {
                    n: agreement.clearance,
                    label: levelLabel ? pick(levelLabel.zh, levelLabel.en) : String(agreement.clearance),
                  })}
                </span>
              </Row>
            </>
          ) : (
            <Row label={t("agreements.requestedFields")}>
              <span data-testid="requested-fields">{list(agreement.requestedFields)}</span>
              <span className="use-card__meta">
                {t("agreements.expectedValue", { n: agreement.expectedDailyVolume.toLocaleString(locale) })}
              </span>
            </Row>
          )}
          {agreement.reviewReason ? (
            <Row label={t("agreements.reviewReason")}>
              <span lang="zh-CN">{agreement.reviewReason}</span>
              {agreement.reviewedAt ? (
                <span className="use-card__meta">{dateTime(agreement.reviewedAt)}</span>
              ) : null}
            </Row>
          ) : null}
          {agreement.statusReason ? (
            <Row
              label={t(
                agreement.status === "suspended" ? "agreements.suspendReason" : "agreements.resumeReason",
              )}
            >
              <span lang="zh-CN">{agreement.statusReason}</span>
            </Row>
          ) : null}
        </dl>
        <div className="resource-card__foot">
          <span className="muted small">
            {t("agreements.appliedAt", { at: dateTime(agreement.appliedAt) })}
          </span>
          {actions.length > 0 ? (
            <span className="agreement-card__actions">
              {actions.map((action) => (
                <Button
                  key={action}
                  type={action === "review" ? "primary" : "default"}
                  danger={action === "suspend"}
                  onClick={() => onAction(action)}
                  aria-describedby={headingId}
                >
                  {t(`agreements.${action}`)}
                </Button>
              ))}
            </span>
          ) : null}
        </div>
      </article>
    </li>
  );
}
