import { Alert, Card, Empty } from "antd";
import { Link } from "react-router-dom";
import { useDepartmentsByCode } from "../../rights/useDepartmentsByCode";
import type { Agreement, ItemList } from "../../shared/api-types";
import { PageHeading } from "../../shared/components/PageHeading";
import { ProblemAlert } from "../../shared/components/ProblemAlert";
import { SubPageTrail } from "../../shared/components/SubPageTrail";
import { daysUntil, formatDay } from "../../shared/exchange/labels";
import { useCatalogue } from "../../shared/exchange/useCatalogue";
import { useI18n } from "../../shared/I18nProvider";
import { useApi } from "../../shared/useApi";
import { AlertsCard } from "./AlertsCard";
import { RefusalsCard } from "./RefusalsCard";
import { UsageCard } from "./UsageCard";

/** 数据使用监督: the exchange's anomaly alerts, usage, refusals and agreements about to expire. */
export function SupervisionPage() {
  const { t, pick, locale } = useI18n();
  const catalogue = useCatalogue();
  const departments = useDepartmentsByCode();
  const expiring = useApi<ItemList<Agreement>>("/api/exchange/agreements?expiringWithinDays=30");
  const soon = expiring.data?.items ?? [];

  return (
    <>
      <SubPageTrail section={t("oversight.title")} sectionTo="/oversight" page={t("supervision.title")} />
      <PageHeading title={t("supervision.title")} intro={t("supervision.intro")} />
      {catalogue.error ? <ProblemAlert error={catalogue.error} onRetry={catalogue.reload} /> : null}
      <div>
        <AlertsCard />
        <UsageCard catalogue={catalogue} departmentName={departments.name} />
        <RefusalsCard />
        <Card
          className="ledger-card"
          title={<h2 className="card-heading">{t("supervision.expiringTitle")}</h2>}
          extra={<Link to="/oversight/agreements">{t("supervision.allAgreements")}</Link>}
        >
          {expiring.error ? <ProblemAlert error={expiring.error} onRetry={expiring.reload} /> : null}
          {expiring.data && soon.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("supervision.expiringNone")} />
          ) : null}
          {soon.length > 0 ? (
            <Alert
              type="warning"
              showIcon
              data-testid="expiring-agreements"
              title={t("agreements.expiringTitle", { n: soon.length })}
              description={
                <ul className="plain-list">
                  {soon.map((agreement) => (
                    <li key={agreement.id}>
                      {t("agreements.expiringItem", {
                        resource: pick(agreement.resourceName, agreement.resourceNameEn),
                        consumer: pick(agreement.consumerName, agreement.consumerNameEn),
                        date: formatDay(agreement.validUntil, locale),
                        n: daysUntil(agreement.validUntil),
                      })}
                    </li>
                  ))}
                </ul>
              }
            />
          ) : null}
        </Card>
      </div>
    </>
  );
}
