import {
  AppstoreOutlined,
  DatabaseOutlined,
  EnvironmentOutlined,
  LikeOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
} from "@ant-design/icons";
import { Layout } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import { useI18n } from "../I18nProvider";
import { BrandLink } from "./BrandLink";
import { LanguageSwitch } from "./LanguageSwitch";

/** The page header: optional leading control, brand, the public services, rights lists, data catalogue, certificate check, ratings and public requests, language switch and any trailing controls. */
export function TopBar({ leading, trailing }: { leading?: ReactNode; trailing?: ReactNode }) {
  const { t } = useI18n();
  return (
    <Layout.Header className="topbar">
      {leading}
      <BrandLink />
      <div className="topbar__spacer" />
      <Link to="/services" className="header-link" data-testid="services-link">
        <AppstoreOutlined aria-hidden="true" />
        <span className="header-link__text">{t("nav.services")}</span>
      </Link>
      <Link to="/rights" className="header-link" data-testid="rights-link">
        <ProfileOutlined aria-hidden="true" />
        <span className="header-link__text">{t("nav.rights")}</span>
      </Link>
      <Link to="/data/catalogue" className="header-link" data-testid="catalogue-link">
        <DatabaseOutlined aria-hidden="true" />
        <span className="header-link__text">{t("nav.catalogue")}</span>
      </Link>
      <Link to="/verify" className="header-link" data-testid="verify-link">
        <SafetyCertificateOutlined aria-hidden="true" />
        <span className="header-link__text">{t("nav.verify")}</span>
      </Link>
      <Link to="/performance" className="header-link" data-testid="performance-link">
        <LikeOutlined aria-hidden="true" />
        <span className="header-link__text">{t("nav.performance")}</span>
      </Link>
      <Link to="/requests/public" className="header-link" data-testid="public-requests-link">
        <EnvironmentOutlined aria-hidden="true" />
        <span className="header-link__text">{t("nav.publicRequests")}</span>
      </Link>
      <LanguageSwitch />
      {trailing}
    </Layout.Header>
  );
}
