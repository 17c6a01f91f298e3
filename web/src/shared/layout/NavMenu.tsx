import {
  ApartmentOutlined,
  AuditOutlined,
  DashboardOutlined,
  DesktopOutlined,
  GlobalOutlined,
  HomeOutlined,
  NotificationOutlined,
  TeamOutlined,
} from "@ant-design/icons";
import { Menu, type MenuProps } from "antd";
import type { ReactNode } from "react";
import { Link, useLocation } from "react-router-dom";
import { useMe } from "../AuthProvider";
import { useI18n } from "../I18nProvider";
import type { MessageKey } from "../i18n";
import {
  type AdminPage,
  adminPagesFor,
  hasAnyRole,
  SECTION_LABEL,
  SECTION_ORDER,
  SECTION_ROLES,
  type Section,
} from "../roles";

const SECTION_ICON: Record<Section, ReactNode> = {
  portal: <HomeOutlined aria-hidden="true" />,
  workbench: <DesktopOutlined aria-hidden="true" />,
  cockpit: <DashboardOutlined aria-hidden="true" />,
  oversight: <AuditOutlined aria-hidden="true" />,
  admin: null,
};

const ADMIN_ICON: Record<AdminPage, ReactNode> = {
  divisions: <GlobalOutlined aria-hidden="true" />,
  departments: <ApartmentOutlined aria-hidden="true" />,
  accounts: <TeamOutlined aria-hidden="true" />,
  notifications: <NotificationOutlined aria-hidden="true" />,
};

const ADMIN_LABEL: Record<AdminPage, MessageKey> = {
  divisions: "nav.admin.divisions",
  departments: "nav.admin.departments",
  accounts: "nav.admin.accounts",
  notifications: "nav.admin.notifications",
};

type Item = NonNullable<MenuProps["items"]>[number];

/** The role-aware navigation menu (used in the side bar and in the mobile drawer). */
export function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const me = useMe();
  const { t } = useI18n();
  const { pathname } = useLocation();

  const items: Item[] = [];
  for (const section of SECTION_ORDER) {
    if (!hasAnyRole(me.roles, SECTION_ROLES[section])) {
      continue;
    }
    if (section === "admin") {
      items.push({
        type: "group",
        key: "admin",
        label: t(SECTION_LABEL.admin),
        children: adminPagesFor(me.roles).map((page) => ({
          key: `/admin/${page}`,
          icon: ADMIN_ICON[page],
          label: (
            <Link to={`/admin/${page}`} onClick={onNavigate}>
              {t(ADMIN_LABEL[page])}
            </Link>
          ),
        })),
      });
    } else {
      items.push({
        key: `/${section}`,
        icon: SECTION_ICON[section],
        label: (
          <Link to={`/${section}`} onClick={onNavigate}>
            {t(SECTION_LABEL[section])}
          </Link>
        ),
      });
    }
  }

  const selected = pathname.startsWith("/admin/")
    ? pathname.split("/").slice(0, 3).join("/")
    : `/${pathname.split("/")[1] ?? ""}`;

  return <Menu mode="inline" className="nav-menu" items={items} selectedKeys={[selected]} />;
}
