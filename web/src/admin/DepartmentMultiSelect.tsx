import { Select } from "antd";
import { useMemo, useState } from "react";
import { withQuery } from "../shared/api";
import type { Department, Page } from "../shared/api-types";
import { useI18n } from "../shared/I18nProvider";
import { useApi } from "../shared/useApi";
import { useDebouncedValue } from "../shared/useDebouncedValue";

export interface DepartmentOption {
  id: string;
  name: string;
  nameEn: string;
}

/** Chooses departments and units by searching; `known` labels the ones already chosen. */
export function DepartmentMultiSelect({
  id,
  value,
  onChange,
  known,
}: {
  id?: string;
  value?: string[];
  onChange?: (ids: string[]) => void;
  known: DepartmentOption[];
}) {
  const { t, pick } = useI18n();
  const [search, setSearch] = useState("");
  const q = useDebouncedValue(search.trim());
  const found = useApi<Page<Department>>(withQuery("/api/departments", { q, limit: 50 }));

  const options = useMemo(() => {
    const byId = new Map<string, string>();
    for (const option of known) {
      byId.set(option.id, pick(option.name, option.nameEn));
    }
    for (const department of found.data?.items ?? []) {
      byId.set(department.id, `${pick(department.name, department.nameEn)} · ${department.divisionName}`);
      for (const unit of department.units) {
        byId.set(unit.id, `${pick(department.name, department.nameEn)} / ${pick(unit.name, unit.nameEn)}`);
      }
    }
    return [...byId].map(([optionId, label]) => ({ value: optionId, label }));
  }, [known, found.data, pick]);

  return (
    <Select
      id={id}
      mode="multiple"
      value={value}
      onChange={onChange}
      options={options}
      placeholder={t("accounts.departmentsPlaceholder")}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={found.loading}
      notFoundContent={found.error ? found.error.message : t("app.empty")}
      onBlur={() => setSearch("")}
    />
  );
}
