import { ClockCircleOutlined } from "@ant-design/icons";
import { Card, Tag } from "antd";
import type { ReactNode } from "react";
import { useI18n } from "../I18nProvider";

/** A placeholder for a section that is not built yet, saying what is coming. */
export function ComingSoonCard({
  title,
  description,
  icon,
}: {
  title: string;
  description: string;
  icon: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Card className="soon-card" variant="outlined">
      <div className="soon-card__head">
        <span className="soon-card__icon" aria-hidden="true">
          {icon}
        </span>
        <h2 className="soon-card__title">{title}</h2>
      </div>
      <p className="soon-card__text">{description}</p>
      <Tag icon={<ClockCircleOutlined aria-hidden="true" />} className="soon-card__tag">
        {t("app.comingSoon")}
      </Tag>
    </Card>
  );
}
