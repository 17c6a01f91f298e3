import { useCallback, useMemo } from "react";
import type { Department, Page } from "../shared/api-types";
import { useI18n } from "../shared/I18nProvider";
import { useApi } from "../shared/useApi";

export interface DepartmentsByCode {
  /** The department's name in the current language, or its code when unknown. */
  name: (code: string) => string;
  /** Departments as select options keyed by code. */
  options: { value: string; label: string }[];
  loading: boolean;
}

/** Names for department codes (the rights lists name departments by code; the directory is public). */
export function useDepartmentsByCode(): DepartmentsByCode {
  const { pick } = useI18n();
  const list = useApi<Page<Department>>("/api/departments?limit=100");
  const { byCode, options } = useMemo(() => {
    const names = new Map<string, string>();
    for (const department of list.data?.items ?? []) {
      names.set(department.code, pick(department.name, department.nameEn));
    }
    return {
      byCode: names,
      options: [...names].map(([value, label]) => ({ value, label })),
    };
  }, [list.data, pick]);
  const name = useCallback((code: string) => byCode.get(code) ?? code, [byCode]);
  return { name, options, loading: list.loading };
}
