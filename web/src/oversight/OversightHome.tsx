import {
  BookOutlined,
  FileSearchOutlined,
  LineChartOutlined,
  NotificationOutlined,
  PhoneOutlined,
  SafetyCertificateOutlined,
  SwapOutlined,
  WarningOutlined,
} from "@ant-design/icons";
import { ComingSoonCard } from "../shared/components/ComingSoonCard";
import { FeatureCard } from "../shared/components/FeatureCard";
import { PageHeading } from "../shared/components/PageHeading";
import { useI18n } from "../shared/I18nProvider";

/** The auditors' home: the transparency ledger, the exchange's supervision and agreements, with access review still to come. */
export function OversightHome() {
  const { t } = useI18n();
  return (
    <>
      <PageHeading title={t("oversight.title")} intro={t("oversight.intro")} />
      <div className="card-grid">
        <FeatureCard
          to="/oversight/ledger"
          icon={<BookOutlined />}
          title={t("oversight.ledger")}
          description={t("oversight.ledgerCard")}
          testId="ledger-card"
        />
        <FeatureCard
          to="/oversight/who-may-read"
          icon={<SafetyCertificateOutlined />}
          title={t("access.title")}
          description={t("access.card")}
          testId="who-may-read-card"
        />
        <ComingSoonCard
          icon={<FileSearchOutlined />}
          title={t("oversight.access")}
          description={t("oversight.accessSoon")}
        />
        <FeatureCard
          to="/oversight/exchange"
          icon={<WarningOutlined />}
          title={t("supervision.title")}
          description={t("supervision.card")}
          testId="supervision-card"
        />
        <FeatureCard
          to="/oversight/agreements"
          icon={<SwapOutlined />}
          title={t("agreements.title")}
          description={t("agreements.cardAuditor")}
          testId="agreements-card"
        />
        <FeatureCard
          to="/oversight/notifications"
          icon={<NotificationOutlined />}
          title={t("notifyAdmin.oversightTitle")}
          description={t("notifyAdmin.card")}
          testId="notifications-card"
        />
        <FeatureCard
          to="/oversight/stats"
          icon={<LineChartOutlined />}
          title={t("cockpit.statsCard")}
          description={t("cockpit.statsCardHint")}
          testId="stats-card"
        />
        <FeatureCard
          to="/oversight/rates"
          icon={<PhoneOutlined />}
          title={t("cockpit.ratesCard")}
          description={t("rates.card")}
          testId="rates-card"
        />
      </div>
    </>
  );
}
