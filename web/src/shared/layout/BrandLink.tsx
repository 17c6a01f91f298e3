import { Link } from "react-router-dom";
import { BrandMark } from "../components/BrandMark";
import { useI18n } from "../I18nProvider";

/** The product name in the header, linking home. */
export function BrandLink() {
  const { t, locale } = useI18n();
  return (
    <Link
      to="/"
      className="brand"
      aria-label={`${t("app.name")} ${t("app.nameLatin")} — ${t("error.backHome")}`}
    >
      <BrandMark size={32} />
      <span className="brand__text">
        <span className="brand__name" lang={locale === "en" ? "en" : "zh-CN"}>
          {t("app.name")}
        </span>
        <span className="brand__latin" lang={locale === "en" ? "zh-CN" : "en"}>
          {t("app.nameLatin")}
        </span>
      </span>
    </Link>
  );
}
