import { Card, Empty, Input, Table, type TableColumnsType } from "antd";
import { useState } from "react";
import { useSearchParams } from "react-router-dom";
import { useMe } from "../shared/AuthProvider";
import { withQuery } from "../shared/api";
import type { Department, Page } from "../shared/api-types";
import { PageHeading } from "../shared/components/PageHeading";
import { ProblemAlert } from "../shared/components/ProblemAlert";
import { useI18n } from "../shared/I18nProvider";
import { useApi } from "../shared/useApi";
import { DivisionSelect } from "./DivisionSelect";

const PAGE_SIZE = 20;

/** Departments of a division (by default the user's own, i.e. the demo city), with their units. */
export function DepartmentsPage() {
  const { t, pick } = useI18n();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  // An explicit ?division= (even empty, meaning "all") wins over the default: the user's own division,
  // or else that of the first department listed (the deployment's own city: no API names it yet).
  const explicit = params.has("division");
  const own = me.departments[0]?.divisionCode;
  const probe = useApi<Page<Department>>(
    explicit || own ? null : withQuery("/api/departments", { limit: 1 }),
  );
  const division = explicit
    ? params.get("division") || undefined
    : (own ?? probe.data?.items[0]?.divisionCode);
  const ready = explicit || own !== undefined || probe.data !== undefined || probe.error !== undefined;
  const q = params.get("q")?.trim() ?? "";
  const page = Math.max(1, Number(params.get("page")) || 1);
  const [draft, setDraft] = useState(q);

  const list = useApi<Page<Department>>(
    !ready
      ? null
      : withQuery("/api/departments", {
          divisionCode: division,
          q,
          limit: PAGE_SIZE,
          offset: (page - 1) * PAGE_SIZE,
        }),
  );

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    if (!next.has("division")) {
      next.set("division", division ?? "");
    }
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) {
        next.delete(key);
      } else {
        next.set(key, value);
      }
    }
    setParams(next);
  };

  const columns: TableColumnsType<Department> = [
    {
      title: t("departments.code"),
      dataIndex: "code",
      width: 120,
      render: (code: string) => <span className="code">{code}</span>,
    },
    {
      title: t("departments.name"),
      key: "name",
      render: (_, row) => (
        <>
          <div>{pick(row.name, row.nameEn)}</div>
          {row.nameEn && row.nameEn !== pick(row.name, row.nameEn) ? (
            <div className="muted small">{row.nameEn}</div>
          ) : null}
        </>
      ),
    },
    { title: t("departments.division"), dataIndex: "divisionName", width: 130 },
    {
      title: t("departments.parent"),
      dataIndex: "parentName",
      width: 170,
      render: (name: string | null) => name ?? t("departments.none"),
    },
    {
      title: t("departments.units"),
      key: "units",
      width: 100,
      align: "right",
      render: (_, row) => t("departments.unitCount", { count: row.units.length }),
    },
  ];

  return (
    <>
      <PageHeading title={t("departments.title")} intro={t("departments.intro")} />
      <Card className="admin-card">
        <div className="toolbar">
          <DivisionSelect
            ariaLabel={t("departments.division")}
            value={division}
            onChange={(code) => update({ division: code ?? "", page: undefined })}
          />
          <Input.Search
            aria-label={t("departments.search")}
            placeholder={t("departments.search")}
            allowClear
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            onSearch={(value) => update({ q: value.trim() || undefined, page: undefined })}
            enterButton
          />
        </div>
        {list.error ? (
          <ProblemAlert error={list.error} onRetry={list.reload} />
        ) : (
          <Table<Department>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.loading || !ready}
            scroll={{ x: 860 }}
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("app.empty")} />,
            }}
            expandable={{
              columnTitle: <span className="visually-hidden">{t("departments.units")}</span>,
              rowExpandable: (row) => row.units.length > 0,
              expandedRowRender: (row) => (
                <ul className="unit-list">
                  {row.units.map((unit) => (
                    <li key={unit.id}>
                      <span className="code">{unit.code}</span> {pick(unit.name, unit.nameEn)}
                    </li>
                  ))}
                </ul>
              ),
            }}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              hideOnSinglePage: true,
              showTotal: (total) => t("app.total", { total }),
              onChange: (next) => update({ page: String(next) }),
            }}
          />
        )}
      </Card>
    </>
  );
}
