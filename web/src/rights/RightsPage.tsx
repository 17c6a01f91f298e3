import { SearchOutlined } from "@ant-design/icons";
import { Empty, Input, Select, Skeleton } from "antd";
import { useMemo, useState } from "react";
import { useSearchParams } from "react-router-dom";
import type { ItemList, PowerType, RightsList } from "../shared/api-types";
import { POWER_TYPES } from "../shared/api-types";
import { PageHeading } from "../shared/components/PageHeading";
import { ProblemAlert } from "../shared/components/ProblemAlert";
import { useI18n } from "../shared/I18nProvider";
import { PublicShell } from "../shared/layout/PublicShell";
import { useApi } from "../shared/useApi";
import { POWER_TYPE_KEY } from "./labels";
import { legalBasisText, PowerCard } from "./PowerCard";
import { useDepartmentsByCode } from "./useDepartmentsByCode";

const ALL = "";

/** /rights: the public disclosure of every department's rights and responsibility list (no sign-in). */
export function RightsPage() {
  const { t, dateTime } = useI18n();
  const lists = useApi<ItemList<RightsList>>("/api/rights");
  const departments = useDepartmentsByCode();
  // "?department=HZ-GA" opens one department's list (the data catalogue links its owners here).
  const [params] = useSearchParams();
  const [department, setDepartment] = useState<string>(params.get("department") ?? ALL);
  const [type, setType] = useState<PowerType | typeof ALL>(ALL);
  const [query, setQuery] = useState("");

  const items = lists.data?.items ?? [];
  const needle = query.trim().toLowerCase();
  const shown = useMemo(
    () =>
      items
        .filter((list) => department === ALL || list.departmentCode === department)
        .map((list) => ({
          ...list,
          powers: list.powers.filter(
            (power) =>
              (type === ALL || power.type === type) &&
              (needle === "" ||
                [power.code, power.name, power.nameEn, legalBasisText(power), ...power.duties]
                  .join(" ")
                  .toLowerCase()
                  .includes(needle)),
          ),
        }))
        .filter((list) => list.powers.length > 0),
    [items, department, type, needle],
  );
  const total = shown.reduce((sum, list) => sum + list.powers.length, 0);

  return (
    <PublicShell>
      <PageHeading title={t("rights.title")} intro={t("rights.intro")} />
      <search className="toolbar rights-toolbar" aria-label={t("rights.filters")}>
        <Select<string>
          className="toolbar__wide-select"
          aria-label={t("rights.department")}
          value={department}
          onChange={setDepartment}
          options={[
            { value: ALL, label: t("rights.allDepartments") },
            ...items.map((list) => ({
              value: list.departmentCode,
              label: departments.name(list.departmentCode),
            })),
          ]}
          data-testid="rights-department"
        />
        <Select<PowerType | typeof ALL>
          className="toolbar__select"
          aria-label={t("rights.type")}
          value={type}
          onChange={setType}
          options={[
            { value: ALL, label: t("rights.allTypes") },
            ...POWER_TYPES.map((value) => ({ value, label: t(POWER_TYPE_KEY[value]) })),
          ]}
        />
        <Input
          className="rights-search"
          allowClear
          prefix={<SearchOutlined aria-hidden="true" />}
          aria-label={t("rights.search")}
          placeholder={t("rights.searchPlaceholder")}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
      </search>
      {lists.error ? <ProblemAlert error={lists.error} onRetry={lists.reload} /> : null}
      {lists.loading && !lists.data ? <Skeleton active paragraph={{ rows: 8 }} /> : null}
      {lists.data ? (
        <p className="muted" aria-live="polite" data-testid="rights-count">
          {t("rights.count", { total })}
        </p>
      ) : null}
      {lists.data && shown.length === 0 ? <Empty description={t("rights.none")} /> : null}
      {shown.map((list) => (
        <section
          key={list.departmentCode}
          className="rights-department"
          aria-labelledby={`dept-${list.departmentCode}`}
          data-testid="rights-department-section"
        >
          <header className="rights-department__head">
            <h2 className="section-title" id={`dept-${list.departmentCode}`}>
              {departments.name(list.departmentCode)}
            </h2>
            <p className="muted small">
              {t("rights.versionLine", {
                code: list.departmentCode,
                version: list.version,
                from: dateTime(list.effectiveFrom),
              })}
            </p>
          </header>
          <div className="power-grid">
            {list.powers.map((power) => (
              <PowerCard key={power.code} power={power} services={list.services?.[power.code]} />
            ))}
          </div>
        </section>
      ))}
      <p className="muted small rights-note">{t("rights.note")}</p>
    </PublicShell>
  );
}
