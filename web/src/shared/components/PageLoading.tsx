import { Spin } from "antd";
import { useI18n } from "../I18nProvider";

/** A centred spinner that screen readers announce. */
export function PageLoading() {
  const { t } = useI18n();
  return (
    <div className="page-loading" role="status" aria-live="polite">
      <Spin size="large" />
      <span className="visually-hidden">{t("app.loading")}</span>
    </div>
  );
}
