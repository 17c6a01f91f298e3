import { MenuOutlined } from "@ant-design/icons";
import { Button, Drawer, Layout } from "antd";
import { Suspense, useState } from "react";
import { Outlet } from "react-router-dom";
import { PageLoading } from "../components/PageLoading";
import { useI18n } from "../I18nProvider";
import { NavMenu } from "./NavMenu";
import { NotificationBell } from "./NotificationBell";
import { MAIN_ID, SkipLink } from "./SkipLink";
import { TopBar } from "./TopBar";
import { UserMenu } from "./UserMenu";

/** The signed-in frame: header, role-aware navigation (a drawer on narrow screens), main and footer. */
export function AppShell() {
  const { t } = useI18n();
  const [drawerOpen, setDrawerOpen] = useState(false);

  return (
    <Layout className="shell">
      <SkipLink />
      <TopBar
        leading={
          <Button
            type="text"
            className="header-button nav-toggle"
            icon={<MenuOutlined aria-hidden="true" />}
            aria-label={t("nav.open")}
            aria-expanded={drawerOpen}
            aria-controls="nav-drawer"
            onClick={() => setDrawerOpen(true)}
          />
        }
        trailing={
          <>
            <NotificationBell />
            <UserMenu />
          </>
        }
      />
      <div className="shell__body">
        <nav className="shell__nav" aria-label={t("nav.label")}>
          <NavMenu />
        </nav>
        <Drawer
          id="nav-drawer"
          placement="left"
          size={280}
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          title={t("nav.drawerTitle")}
          destroyOnHidden
          styles={{ body: { padding: 0 } }}
        >
          <nav aria-label={t("nav.label")}>
            <NavMenu onNavigate={() => setDrawerOpen(false)} />
          </nav>
        </Drawer>
        <div className="shell__content">
          <Layout.Content id={MAIN_ID} tabIndex={-1} className="shell__main">
            <Suspense fallback={<PageLoading />}>
              <Outlet />
            </Suspense>
          </Layout.Content>
          <Layout.Footer className="shell__footer">{t("app.footer")}</Layout.Footer>
        </div>
      </div>
    </Layout>
  );
}
