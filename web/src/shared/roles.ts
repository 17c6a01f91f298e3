import type { Role } from "./api-types";
import type { MessageKey } from "./i18n";

/** The workspaces of the web client, each for a set of roles. */
export type Section = "portal" | "workbench" | "cockpit" | "oversight" | "admin";

export const SECTION_ROLES: Record<Section, readonly Role[]> = {
  portal: ["citizen", "enterprise_agent"],
  workbench: ["officer", "dept_admin", "legal_reviewer", "helper"],
  cockpit: ["leader"],
  oversight: ["auditor"],
  admin: ["platform_admin", "dept_admin"],
};

/** Admin sub-pages and who may open them (dept admins see departments only). */
export const ADMIN_PAGE_ROLES = {
  divisions: ["platform_admin"],
  departments: ["platform_admin", "dept_admin"],
  accounts: ["platform_admin"],
  notifications: ["platform_admin"],
} as const satisfies Record<string, readonly Role[]>;

export type AdminPage = keyof typeof ADMIN_PAGE_ROLES;

export const SECTION_ORDER: readonly Section[] = ["portal", "workbench", "cockpit", "oversight", "admin"];

export const SECTION_LABEL: Record<Section, MessageKey> = {
  portal: "nav.portal",
  workbench: "nav.workbench",
  cockpit: "nav.cockpit",
  oversight: "nav.oversight",
  admin: "nav.admin",
};

const ROLE_HOME: Record<Role, string | null> = {
  citizen: "/portal",
  enterprise_agent: "/portal",
  officer: "/workbench",
  dept_admin: "/workbench",
  leader: "/cockpit",
  auditor: "/oversight",
  platform_admin: "/admin",
  legal_reviewer: "/workbench",
  helper: "/workbench/assist",
  system: null,
};

/** True when any of the account's roles is allowed. */
export function hasAnyRole(roles: readonly Role[], allowed: readonly Role[]): boolean {
  return roles.some((role) => allowed.includes(role));
}

/** The home page of the account's first role that has one, or null (system accounts). */
export function homeFor(roles: readonly Role[]): string | null {
  for (const role of roles) {
    const home = ROLE_HOME[role];
    if (home) {
      return home;
    }
  }
  return null;
}

/** The admin sub-pages the account may open, in menu order. */
export function adminPagesFor(roles: readonly Role[]): AdminPage[] {
  return (Object.keys(ADMIN_PAGE_ROLES) as AdminPage[]).filter((page) =>
    hasAnyRole(roles, ADMIN_PAGE_ROLES[page]),
  );
}

/** The translation key of a role's name. */
export function roleLabel(role: Role): MessageKey {
  return `role.${role}`;
}

/** Only these tag colours keep text contrast at WCAG AA on their light background. */
export const ROLE_COLOUR: Record<Role, string> = {
  citizen: "blue",
  enterprise_agent: "geekblue",
  officer: "purple",
  dept_admin: "magenta",
  leader: "red",
  auditor: "geekblue",
  platform_admin: "red",
  legal_reviewer: "purple",
  helper: "blue",
  system: "default",
};
