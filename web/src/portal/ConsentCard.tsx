import { Button, Popconfirm } from "antd";
import type { ReactNode } from "react";
import type { Consent } from "../shared/api-types";
import { ConsentStatusTag } from "../shared/exchange/Tags";
import type { Catalogue } from "../shared/exchange/useCatalogue";
import { useI18n } from "../shared/I18nProvider";

export type ConsentDecision = "grant" | "refuse" | "revoke";

/** One consent request or consent: which department, why, which data, until when; with the person's choices. */
export function ConsentCard({
  consent,
  catalogue,
  busy,
  onDecide,
}: {
  consent: Consent;
  /** For field labels. */
  catalogue: Catalogue;
  busy: ConsentDecision | null;
  onDecide?: (decision: ConsentDecision) => void;
}) {
  const { t, pick, dateTime } = useI18n();
  const requester = pick(consent.requesterName, consent.requesterNameEn);
  const headingId = `consent-${consent.id}`;
  const expired = consent.status === "granted" && Date.parse(consent.validUntil) <= Date.now();
  const pending = consent.status === "pending";
  const facts: { key: string; label: string; value: ReactNode }[] = [
    { key: "purpose", label: t("consents.purpose"), value: <span lang="zh-CN">{consent.purpose}</span> },
    {
      key: "data",
      label: t("consents.data"),
      value: (
        <ul className="consent-scope" data-testid="consent-scope">
          {consent.scope.map((item) => (
            <li key={item.resource}>
              <strong>{pick(item.resourceName, item.resourceNameEn)}</strong>
              <span className="consent-scope__fields">
                {item.fields.map((f) => catalogue.fieldLabel(item.resource, f)).join(t("rights.listSep"))}
              </span>
            </li>
          ))}
        </ul>
      ),
    },
    {
      key: "until",
      label: t("consents.validUntil"),
      value: (
        <>
          {dateTime(consent.validUntil)}
          {expired ? <span className="use-card__meta">{t("consents.expired")}</span> : null}
        </>
      ),
    },
    {
      key: "reference",
      label: t("consents.reference"),
      value: consent.reference ? (
        <span className="code">{consent.reference}</span>
      ) : (
        <span className="muted">—</span>
      ),
    },
  ];
  if (consent.decidedAt && !pending) {
    facts.push({ key: "decided", label: t("consents.decidedAt"), value: dateTime(consent.decidedAt) });
  }
  if (consent.revokedAt) {
    facts.push({ key: "revoked", label: t("consents.revokedAt"), value: dateTime(consent.revokedAt) });
  }

  return (
    <li>
      <article
        className={pending ? "use-card consent-card consent-card--pending" : "use-card consent-card"}
        aria-labelledby={headingId}
        data-testid={`consent-${consent.status}`}
        data-id={consent.id}
      >
        <div className="use-card__head">
          <h3 className="use-card__title" id={headingId}>
            {t(pending ? "consents.requestTitle" : "consents.consentTitle", { department: requester })}
          </h3>
          <ConsentStatusTag status={consent.status} />
          <span className="use-card__time">
            {consent.version > 1 ? `${t("consents.version", { n: consent.version })} · ` : null}
            {t("consents.requestedAt", { at: dateTime(consent.requestedAt) })}
          </span>
        </div>
        <dl className="power-card__fields consent-card__facts">
          {facts.map((fact) => (
            <div key={fact.key} className="power-card__row">
              <dt>{fact.label}</dt>
              <dd>{fact.value}</dd>
            </div>
          ))}
        </dl>
        {pending && onDecide ? (
          <>
            <p className="consent-card__promise">{t("consents.promise", { department: requester })}</p>
            <div className="consent-card__actions">
              <Button
                type="primary"
                size="large"
                loading={busy === "grant"}
                disabled={busy !== null}
                onClick={() => onDecide("grant")}
                aria-describedby={headingId}
              >
                {t("consents.grant")}
              </Button>
              <Button
                size="large"
                loading={busy === "refuse"}
                disabled={busy !== null}
                onClick={() => onDecide("refuse")}
                aria-describedby={headingId}
              >
                {t("consents.refuse")}
              </Button>
            </div>
          </>
        ) : null}
        {consent.status === "granted" && !expired && onDecide ? (
          <div className="consent-card__actions">
            <Popconfirm
              title={t("consents.revokeConfirm")}
              description={t("consents.revokeConfirmText", { department: requester })}
              okText={t("consents.revoke")}
              cancelText={t("app.cancel")}
              okButtonProps={{ danger: true }}
              onConfirm={() => onDecide("revoke")}
            >
              <Button danger loading={busy === "revoke"} aria-describedby={headingId}>
                {t("consents.revoke")}
              </Button>
            </Popconfirm>
            <span className="muted small">{t("consents.revokeNote")}</span>
          </div>
        ) : null}
      </article>
    </li>
  );
}
