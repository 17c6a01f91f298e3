import { useCallback, useMemo } from "react";
import type { Department, Page } from "../shared/api-types";
import { useI18n } from "../shared/I18nProvider";
import { useApi } from "../shared/useApi";

/** Names for department codes (the rights lists name departments by code; the directory is public). */
export function useDepartmentsByCode(): { name: (code: string) => string; loading: boolean } {
  const { pick } = useI18n();
  const list = useApi<Page<Department>>("/api/departments?limit=100");
  const byCode = useMemo(() => {
    const names = new Map<string, string>();
    for (const department of list.data?.items ?? []) {
      names.set(department.code, pick(department.name, department.nameEn));
    }
    return names;
  }, [list.data, pick]);
  const name = useCallback((code: string) => byCode.get(code) ?? code, [byCode]);
  return { name, loading: list.loading };
}
