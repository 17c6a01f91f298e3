import { Select } from "antd";
import { useMemo, useState } from "react";
import { withQuery } from "../shared/api";
import type { Division, DivisionDetail, ItemList } from "../shared/api-types";
import { useI18n } from "../shared/I18nProvider";
import { useApi } from "../shared/useApi";
import { useDebouncedValue } from "../shared/useDebouncedValue";
import { LEVEL_LABEL } from "./DivisionsPage";

/** Picks one division by typing part of its name; shows the chosen one's full path. */
export function DivisionSelect({
  value,
  onChange,
  id,
  ariaLabel,
}: {
  value: string | undefined;
  onChange: (code: string | undefined) => void;
  id?: string;
  ariaLabel: string;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState("");
  const q = useDebouncedValue(search.trim());
  const found = useApi<ItemList<Division>>(q ? withQuery("/api/divisions", { q, limit: 20 }) : null);
  const current = useApi<DivisionDetail>(value ? `/api/divisions/${encodeURIComponent(value)}` : null);

  const options = useMemo(() => {
    const result: { value: string; label: string }[] = [];
    if (value && current.data && current.data.code === value) {
      result.push({ value, label: current.data.path.map((item) => item.name).join(" / ") });
    }
    for (const division of q ? (found.data?.items ?? []) : []) {
      if (division.code !== value) {
        result.push({ value: division.code, label: `${division.name} · ${t(LEVEL_LABEL[division.level])}` });
      }
    }
    return result;
  }, [value, current.data, q, found.data, t]);

  return (
    <Select
      id={id}
      aria-label={ariaLabel}
      className="toolbar__wide-select"
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      value={value}
      placeholder={t("departments.allDivisions")}
      options={options}
      loading={found.loading || current.loading}
      notFoundContent={q ? t("app.empty") : t("departments.divisionPlaceholder")}
      onChange={(code?: string) => {
        setSearch("");
        onChange(code);
      }}
    />
  );
}
