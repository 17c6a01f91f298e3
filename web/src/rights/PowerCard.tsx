import { Tag } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import type { LinkedService, Power } from "../shared/api-types";
import { useCatalogue } from "../shared/exchange/useCatalogue";
import { useI18n } from "../shared/I18nProvider";
import { GRANT_ROLE_KEY, LEVEL_KEY, POWER_TYPE_COLOUR, POWER_TYPE_KEY } from "./labels";

/** The fields of a power a reader sees; a diff marks the ones that changed. */
export type PowerField = "name" | "type" | "legalBasis" | "level" | "duties" | "accountability" | "grants";

/** "《law》article" for each legal basis, joined. */
export function legalBasisText(power: Power): string {
  return power.legalBasis.map((basis) => `《${basis.law}》${basis.article}`).join("；");
}

/** The fields whose values differ between two versions of a power. */
export function changedFields(before: Power, after: Power): Set<PowerField> {
  const fields: PowerField[] = ["name", "type", "legalBasis", "level", "duties", "accountability", "grants"];
  const changed = new Set<PowerField>();
  for (const field of fields) {
    const a = field === "name" ? [before.name, before.nameEn] : before[field];
    const b = field === "name" ? [after.name, after.nameEn] : after[field];
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      changed.add(field);
    }
  }
  return changed;
}

function Row({ label, changed, children }: { label: string; changed: boolean; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className={changed ? "power-card__row power-card__row--changed" : "power-card__row"}>
      <dt>
        {label}
        {changed ? <span className="power-card__changed">{t("rights.changedMark")}</span> : null}
      </dt>
      <dd>{children}</dd>
    </div>
  );
}

/** One power as the public list and the review screens show it. */
export function PowerCard({
  power,
  services,
  highlight,
  headingLevel = 3,
  actions,
  testId,
}: {
  power: Power;
  /** The service items exercising the power (the published list has them; drafts and diffs do not). */
  services?: LinkedService[];
  highlight?: Set<PowerField>;
  headingLevel?: 2 | 3 | 4;
  actions?: ReactNode;
  testId?: string;
}) {
  const { t, pick } = useI18n();
  const catalogue = useCatalogue();
  const Heading = `h${headingLevel}` as const;
  const marked = (field: PowerField) => highlight?.has(field) ?? false;
  return (
    <article className="power-card" data-testid={testId ?? "power-card"} data-code={power.code}>
      <header className="power-card__head">
        <div>
          <Heading
            className={marked("name") ? "power-card__title power-card__row--changed" : "power-card__title"}
          >
            {pick(power.name, power.nameEn)}
          </Heading>
          <p className="power-card__meta">
            <span className="code">{power.code}</span>
            {pick(power.name, power.nameEn) !== power.name ? <span lang="zh-CN"> · {power.name}</span> : null}
          </p>
        </div>
        <div className="power-card__tags">
          <Tag color={POWER_TYPE_COLOUR[power.type]}>{t(POWER_TYPE_KEY[power.type])}</Tag>
          <Tag>{t(LEVEL_KEY[power.level])}</Tag>
          {actions}
        </div>
      </header>
      <dl className="power-card__fields">
        {marked("type") ? (
          <Row label={t("rights.type")} changed>
            {t(POWER_TYPE_KEY[power.type])}
          </Row>
        ) : null}
        {marked("level") ? (
          <Row label={t("rights.level")} changed>
            {t(LEVEL_KEY[power.level])}
          </Row>
        ) : null}
        <Row label={t("rights.legalBasis")} changed={marked("legalBasis")}>
          <ul className="power-card__list">
            {power.legalBasis.map((basis) => (
              <li key={`${basis.law}${basis.article}`} lang="zh-CN" data-testid="legal-basis">
                《{basis.law}》{basis.article}
              </li>
            ))}
          </ul>
        </Row>
        <Row label={t("rights.duties")} changed={marked("duties")}>
          {power.duties.length === 0 ? (
            <span className="muted">{t("app.empty")}</span>
          ) : (
            <ul className="power-card__list">
              {power.duties.map((duty) => (
                <li key={duty} lang="zh-CN">
                  {duty}
                </li>
              ))}
            </ul>
          )}
        </Row>
        <Row label={t("rights.accountability")} changed={marked("accountability")}>
          <span lang="zh-CN">{power.accountability || t("app.empty")}</span>
        </Row>
        <Row label={t("rights.grants")} changed={marked("grants")}>
          {power.grants.length === 0 ? (
            <span className="muted">{t("rights.noGrants")}</span>
          ) : (
            <ul className="power-card__list">
              {power.grants.map((grant) => (
                <li key={`${grant.action}:${grant.roles.join(",")}:${grant.resources.join(",")}`}>
                  {grant.action === "read" ? (
                    <>
                      {t("rights.grantReadLead", {
                        roles: grant.roles.map((role) => t(GRANT_ROLE_KEY[role])).join(t("rights.listSep")),
                      })}
                      {grant.resources.map((id, i) => (
                        <span key={id}>
                          {i > 0 ? t("rights.listSep") : null}
                          {/* Each resource a power authorises links to its entry in the catalogue. */}
                          <Link to={`/data/catalogue?resource=${encodeURIComponent(id)}`}>
                            {catalogue.name(id)}
                          </Link>
                        </span>
                      ))}
                    </>
                  ) : (
                    t("rights.grantDecide", {
                      roles: grant.roles.map((role) => t(GRANT_ROLE_KEY[role])).join(t("rights.listSep")),
                    })
                  )}
                </li>
              ))}
            </ul>
          )}
        </Row>
        {services && services.length > 0 ? (
          <Row label={t("services.rightsServices")} changed={false}>
            <ul className="power-card__list" data-testid="power-services">
              {services.map((service) => (
                <li key={service.code}>
                  <Link to={`/services/${encodeURIComponent(service.code)}`}>
                    {pick(service.name, service.nameEn)}
                  </Link>
                </li>
              ))}
            </ul>
          </Row>
        ) : null}
      </dl>
    </article>
  );
}
