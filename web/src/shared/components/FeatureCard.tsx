import { RightOutlined } from "@ant-design/icons";
import { Card } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import { useI18n } from "../I18nProvider";

/** A section that is built: the whole card opens it, while the heading's link is what assistive tech reads. */
export function FeatureCard({
  to,
  title,
  description,
  icon,
  testId,
}: {
  to: string;
  title: string;
  description: string;
  icon: ReactNode;
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <Card className="feature-card" variant="outlined" data-testid={testId}>
      <div className="soon-card__head">
        <span className="soon-card__icon feature-card__icon" aria-hidden="true">
          {icon}
        </span>
        <h2 className="soon-card__title">
          <Link to={to} className="feature-card__link">
            {title}
          </Link>
        </h2>
      </div>
      <p className="soon-card__text">{description}</p>
      <span className="feature-card__more" aria-hidden="true">
        {t("app.open")} <RightOutlined />
      </span>
    </Card>
  );
}
