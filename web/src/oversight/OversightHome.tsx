import {
  BookOutlined,
  FileSearchOutlined,
  SafetyCertificateOutlined,
  WarningOutlined,
} from "@ant-design/icons";
import { ComingSoonCard } from "../shared/components/ComingSoonCard";
import { FeatureCard } from "../shared/components/FeatureCard";
import { PageHeading } from "../shared/components/PageHeading";
import { useI18n } from "../shared/I18nProvider";

/** The auditors' home: the transparency ledger, with access review and anomaly alerts still to come. */
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
        <ComingSoonCard
          icon={<WarningOutlined />}
          title={t("oversight.anomalies")}
          description={t("oversight.anomaliesSoon")}
        />
      </div>
    </>
  );
}
