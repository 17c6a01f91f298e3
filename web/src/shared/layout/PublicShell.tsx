import { LoginOutlined } from "@ant-design/icons";
import { Layout } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import { useAuth } from "../AuthProvider";
import { useI18n } from "../I18nProvider";
import { homeFor } from "../roles";
import { MAIN_ID, SkipLink } from "./SkipLink";
import { TopBar } from "./TopBar";

/**
 * The frame of a page anyone may open (权责清单, 数据资源目录): the top bar with a way back to one's
 * workspace or to sign in, the main region, the footer, and anything that overlays the page.
 */
export function PublicShell({ children, overlay }: { children: ReactNode; overlay?: ReactNode }) {
  const { t } = useI18n();
  const { state } = useAuth();
  const home = state.status === "signed-in" ? homeFor(state.me.roles) : null;
  return (
    <Layout className="shell">
      <SkipLink />
      <TopBar
        trailing={
          state.status === "signed-in" ? (
            <Link to={home ?? "/"} className="header-link">
              {t("rights.backToWorkspace")}
            </Link>
          ) : (
            <Link to="/login" className="header-link header-link--primary">
              <LoginOutlined aria-hidden="true" /> {t("login.submit")}
            </Link>
          )
        }
      />
      <main id={MAIN_ID} tabIndex={-1} className="public-main">
        {children}
      </main>
      <footer className="login__footer">{t("app.footer")}</footer>
      {overlay}
    </Layout>
  );
}
