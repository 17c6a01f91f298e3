import { Skeleton, Tag } from "antd";
import { Link, useParams } from "react-router-dom";
import { useDepartmentsByCode } from "../rights/useDepartmentsByCode";
import { PageHeading } from "../shared/components/PageHeading";
import { ProblemAlert } from "../shared/components/ProblemAlert";
import { SubPageTrail } from "../shared/components/SubPageTrail";
import { useI18n } from "../shared/I18nProvider";
import { PublicShell } from "../shared/layout/PublicShell";
import type { BundleDetail } from "../shared/services-api";
import { useApi } from "../shared/useApi";
import { ApplyButton, Fact, FormFields, GuideSection, MaterialList, usePromised, VisitsTag } from "./parts";
import "./services.css";

function Bundle({ bundle }: { bundle: BundleDetail }) {
  const { t, pick } = useI18n();
  const departments = useDepartmentsByCode();
  const promised = usePromised();
  const name = pick(bundle.name, bundle.nameEn);
  const itemName = (code: string) => {
    const item = bundle.items.find((i) => i.code === code);
    return item ? pick(item.name, item.nameEn) : code;
  };
  const involved = [...new Set(bundle.items.map((i) => i.department))];
  return (
    <>
      <SubPageTrail section={t("services.back")} sectionTo="/services" page={name} />
      <PageHeading
        title={name}
        intro={pick(bundle.summary, bundle.summaryEn)}
        extra={<ApplyButton code={bundle.code} name={name} size="large" />}
      />
      <dl className="service-facts power-card" data-testid="bundle-facts">
        <Fact label={t("services.bundleLead")}>{departments.name(bundle.leadDepartment)}</Fact>
        <Fact label={t("services.bundlePromised")}>
          <strong>{promised(bundle.promisedDays)}</strong>
        </Fact>
        <Fact label={t("services.bundleDepartments")} wide>
          {involved.map((code) => departments.name(code)).join(t("rights.listSep"))}
        </Fact>
        <Fact label={t("services.bundleBasis")} wide>
          <ul className="power-card__list">
            {bundle.basis.map((b) => (
              <li key={b.reference} lang="zh-CN">
                《{b.title}》（{b.reference}）
              </li>
            ))}
          </ul>
        </Fact>
      </dl>
      <div className="service-guide">
        <GuideSection id="bundle-items" title={t("services.bundleItemsTitle")}>
          <p className="muted small">{t("services.bundleItemsIntro")}</p>
          <ol className="bundle-steps" data-testid="bundle-items">
            {bundle.items.map((item) => (
              <li key={item.code} className="bundle-steps__item" data-code={item.code}>
                <div className="bundle-steps__head">
                  <Link to={`/services/${encodeURIComponent(item.code)}`}>
                    {pick(item.name, item.nameEn)}
                  </Link>
                  <VisitsTag visits={item.visits} />
                </div>
                <p className="muted small">
                  {departments.name(item.department)} · {promised(item.promisedDays)}
                </p>
                <p className="small">
                  <Tag className={item.after.length ? "wait-tag" : "good-tag"}>
                    {item.after.length
                      ? t("services.after", { items: item.after.map(itemName).join(t("rights.listSep")) })
                      : t("services.parallel")}
                  </Tag>
                </p>
              </li>
            ))}
          </ol>
        </GuideSection>
        <GuideSection id="bundle-materials" title={t("services.bundleMaterials")}>
          <MaterialList materials={bundle.materials} itemName={itemName} />
        </GuideSection>
        <GuideSection id="bundle-form" title={t("services.bundleForm")}>
          <p className="muted small">{t("services.bundleFormIntro", { n: bundle.prefill.length })}</p>
          <FormFields form={bundle.form} prefill={bundle.prefill} />
        </GuideSection>
      </div>
    </>
  );
}

/** /services/bundles/:code: a one-thing bundle with its items, one set of materials and one form. */
export function BundleDetailPage() {
  const { t } = useI18n();
  const { code = "" } = useParams();
  const bundle = useApi<BundleDetail>(`/api/bundles/${encodeURIComponent(code)}`);
  return (
    <PublicShell>
      {bundle.error ? <ProblemAlert error={bundle.error} onRetry={bundle.reload} /> : null}
      {bundle.loading && !bundle.data ? (
        <div role="status" aria-live="polite">
          <span className="visually-hidden">{t("app.loading")}</span>
          <Skeleton active paragraph={{ rows: 10 }} />
        </div>
      ) : null}
      {bundle.data && bundle.data.code === code ? <Bundle bundle={bundle.data} /> : null}
    </PublicShell>
  );
}
