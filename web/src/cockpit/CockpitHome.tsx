import {
  AlertOutlined,
  FireOutlined,
  LikeOutlined,
  LineChartOutlined,
  PhoneOutlined,
  SwapOutlined,
  ThunderboltOutlined,
} from "@ant-design/icons";
import { ComingSoonCard } from "../shared/components/ComingSoonCard";
import { FeatureCard } from "../shared/components/FeatureCard";
import { PageHeading } from "../shared/components/PageHeading";
import { useI18n } from "../shared/I18nProvider";

/** The leaders' cockpit: application statistics, the requests' three rates, rectifications of bad ratings and sharing agreements (hot spots, alerts and emergency command are still to come). */
export function CockpitHome() {
  const { t } = useI18n();
  return (
    <>
      <PageHeading title={t("cockpit.title")} intro={t("cockpit.intro")} />
      <div className="card-grid">
        <FeatureCard
          to="/cockpit/agreements"
          icon={<SwapOutlined />}
          title={t("agreements.title")}
          description={t("agreements.cardReadOnly")}
          testId="agreements-card"
        />
        <FeatureCard
          to="/cockpit/stats"
          icon={<LineChartOutlined />}
          title={t("cockpit.statsCard")}
          description={t("cockpit.statsCardHint")}
          testId="stats-card"
        />
        <FeatureCard
          to="/cockpit/rates"
          icon={<PhoneOutlined />}
          title={t("cockpit.ratesCard")}
          description={t("rates.card")}
          testId="rates-card"
        />
        <FeatureCard
          to="/cockpit/rectifications"
          icon={<LikeOutlined />}
          title={t("cockpit.rectificationsCard")}
          description={t("cockpit.rectificationsCardHint")}
          testId="rectifications-card"
        />
        <ComingSoonCard
          icon={<FireOutlined />}
          title={t("cockpit.hotspots")}
          description={t("cockpit.hotspotsSoon")}
        />
        <ComingSoonCard
          icon={<AlertOutlined />}
          title={t("cockpit.alerts")}
          description={t("cockpit.alertsSoon")}
        />
        <ComingSoonCard
          icon={<ThunderboltOutlined />}
          title={t("cockpit.emergency")}
          description={t("cockpit.emergencySoon")}
        />
      </div>
    </>
  );
}
