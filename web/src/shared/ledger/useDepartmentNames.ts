import { useCallback, useMemo } from "react";
import type { Department, Page } from "../api-types";
import { useI18n } from "../I18nProvider";
import { useApi } from "../useApi";

export interface DepartmentNames {
  /** The department's or unit's name in the current language, or a short form of the id when unknown. */
  name: (id: string) => string;
  /** Departments and their units as select options. */
  options: { value: string; label: string }[];
  loading: boolean;
}

/** Names for the department UUIDs that ledger entries carry (the directory is public). */
export function useDepartmentNames(): DepartmentNames {
  const { pick } = useI18n();
  const list = useApi<Page<Department>>("/api/departments?limit=500");

  const { byId, options } = useMemo(() => {
    const names = new Map<string, string>();
    const opts: { value: string; label: string }[] = [];
    for (const department of list.data?.items ?? []) {
      const name = pick(department.name, department.nameEn);
      names.set(department.id, name);
      opts.push({ value: department.id, label: name });
      for (const unit of department.units) {
        const unitName = `${name} / ${pick(unit.name, unit.nameEn)}`;
        names.set(unit.id, unitName);
        opts.push({ value: unit.id, label: unitName });
      }
    }
    return { byId: names, options: opts };
  }, [list.data, pick]);

  const name = useCallback((id: string) => byId.get(id) ?? `${id.slice(0, 8)}…`, [byId]);
  return { name, options, loading: list.loading };
}
