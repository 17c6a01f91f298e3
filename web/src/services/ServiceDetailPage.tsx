import { Skeleton, Tag } from "antd";
import { Link, useParams } from "react-router-dom";
import { LEVEL_KEY, POWER_TYPE_COLOUR, POWER_TYPE_KEY } from "../rights/labels";
import { useDepartmentsByCode } from "../rights/useDepartmentsByCode";
import { PageHeading } from "../shared/components/PageHeading";
import { ProblemAlert } from "../shared/components/ProblemAlert";
import { SubPageTrail } from "../shared/components/SubPageTrail";
import { useI18n } from "../shared/I18nProvider";
import { PublicShell } from "../shared/layout/PublicShell";
import type { ServiceDetail } from "../shared/services-api";
import { useApi } from "../shared/useApi";
import {
  ApplyButton,
  CHANNEL_KEY,
  Fact,
  FormFields,
  GuideSection,
  MaterialList,
  StepList,
  useFee,
  VisitsTag,
} from "./parts";
import "./services.css";

function Guide({ item }: { item: ServiceDetail }) {
  const { t, pick, dateTime } = useI18n();
  const departments = useDepartmentsByCode();
  const fee = useFee();
  const days = (n: number) => (n === 0 ? t("services.immediateLong") : t("services.workingDays", { n }));
  const name = pick(item.name, item.nameEn);
  return (
    <>
      <SubPageTrail section={t("services.back")} sectionTo="/services" page={name} />
      <PageHeading
        title={name}
        intro={pick(item.summary, item.summaryEn)}
        extra={<ApplyButton code={item.code} name={name} size="large" />}
      />
      <div className="service-tags">
        <Tag color={POWER_TYPE_COLOUR[item.itemType]}>{t(POWER_TYPE_KEY[item.itemType])}</Tag>
        <VisitsTag visits={item.visits} />
        <Tag>{t(`services.audience.${item.audience}`)}</Tag>
      </div>
      <dl className="service-facts power-card" data-testid="service-facts">
        <Fact label={t("services.code")}>
          <span className="code">{item.code}</span>
        </Fact>
        <Fact label={t("services.department")}>
          {departments.name(item.department)} · {t(LEVEL_KEY[item.level])}
        </Fact>
        <Fact label={t("services.promised")} testId="fact-promised">
          <strong>{days(item.promisedDays)}</strong>
        </Fact>
        <Fact label={t("services.statutory")} testId="fact-statutory">
          {days(item.statutoryDays)}
        </Fact>
        <Fact label={t("services.visits")}>
          {item.visits === 0 ? t("services.visits0Long") : t("services.visits1Long")}
        </Fact>
        <Fact label={t("services.fee")} testId="fact-fee">
          {fee(item.fee)}
          {item.fee.basis ? <span className="muted small service-facts__note">{item.fee.basis}</span> : null}
        </Fact>
        <Fact label={t("services.channels")}>
          {item.channels.map((c) => t(CHANNEL_KEY[c])).join(t("rights.listSep"))}
        </Fact>
        {item.certificate ? (
          <Fact label={t("services.certificate")}>
            {t("services.certificateValue", { name: pick(item.certificate.name, item.certificate.nameEn) })}
          </Fact>
        ) : null}
      </dl>
      <div className="service-guide">
        <GuideSection id="legal-basis" title={t("services.legalBasis")}>
          <ul className="power-card__list" data-testid="service-legal-basis">
            {item.legalBasis.map((b) => (
              <li key={`${b.law}${b.article}`} lang="zh-CN">
                《{b.law}》{b.article}
              </li>
            ))}
          </ul>
        </GuideSection>
        <GuideSection id="power" title={t("services.power")}>
          {item.power ? (
            <p data-testid="service-power">
              <span>{pick(item.power.name, item.power.nameEn)}</span>{" "}
              <span className="code muted">{item.power.code}</span>{" "}
              <Tag color={POWER_TYPE_COLOUR[item.power.type]}>{t(POWER_TYPE_KEY[item.power.type])}</Tag>
              <br />
              <Link to={`/rights?department=${encodeURIComponent(item.power.department)}`}>
                {t("services.powerLink")}
              </Link>
            </p>
          ) : (
            <p className="muted">{t("services.powerMissing")}</p>
          )}
        </GuideSection>
        <GuideSection id="conditions" title={t("services.conditions")}>
          <ul className="power-card__list">
            {item.conditions.map((c) => (
              <li key={c} lang="zh-CN">
                {c}
              </li>
            ))}
          </ul>
        </GuideSection>
        <GuideSection id="materials" title={t("services.materials")}>
          <MaterialList materials={item.materials} />
        </GuideSection>
        <GuideSection id="form" title={t("services.formTitle")}>
          <p className="muted small">{t("services.formIntro")}</p>
          <FormFields form={item.form} prefill={item.prefill} />
        </GuideSection>
        <GuideSection id="steps" title={t("services.steps")}>
          <StepList
            steps={item.steps}
            department={item.department}
            level={item.level}
            departmentName={departments.name}
          />
        </GuideSection>
        {item.bundles.length > 0 ? (
          <GuideSection id="bundles" title={t("services.inBundles")}>
            <ul className="power-card__list">
              {item.bundles.map((b) => (
                <li key={b.code}>
                  <Link to={`/services/bundles/${encodeURIComponent(b.code)}`}>{pick(b.name, b.nameEn)}</Link>
                </li>
              ))}
            </ul>
          </GuideSection>
        ) : null}
      </div>
      <p className="muted small rights-note">
        {t("services.versionValue", { version: item.version, date: dateTime(item.updatedAt) })}
      </p>
    </>
  );
}

/** /services/:code: one item's guide (办事指南), public. */
export function ServiceDetailPage() {
  const { t } = useI18n();
  const { code = "" } = useParams();
  const item = useApi<ServiceDetail>(`/api/services/${encodeURIComponent(code)}`);
  return (
    <PublicShell>
      {item.error ? <ProblemAlert error={item.error} onRetry={item.reload} /> : null}
      {item.loading && !item.data ? (
        <div role="status" aria-live="polite">
          <span className="visually-hidden">{t("services.loadingItem")}</span>
          <Skeleton active paragraph={{ rows: 10 }} />
        </div>
      ) : null}
      {item.data && item.data.code === code ? <Guide item={item.data} /> : null}
    </PublicShell>
  );
}
