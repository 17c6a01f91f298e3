import { useMemo } from "react";
import type { ItemList, Role, RoleInfo } from "../shared/api-types";
import { ROLES } from "../shared/api-types";
import { useI18n } from "../shared/I18nProvider";
import { roleLabel } from "../shared/roles";
import { useApi } from "../shared/useApi";

export interface RoleOption {
  value: Role;
  label: string;
  title: string;
}

/** Role options from GET /api/roles, falling back to the client's own names while loading. */
export function useRoleOptions(): RoleOption[] {
  const { t, pick } = useI18n();
  const { data } = useApi<ItemList<RoleInfo>>("/api/roles");
  return useMemo(() => {
    if (data?.items.length) {
      return data.items.map((info) => ({
        value: info.role,
        label: pick(info.name, info.nameEn),
        title: pick(info.description, info.descriptionEn),
      }));
    }
    return ROLES.map((role) => ({ value: role, label: t(roleLabel(role)), title: t(roleLabel(role)) }));
  }, [data, pick, t]);
}
