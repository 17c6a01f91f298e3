import { Breadcrumb, Button, Card, Input, Table, type TableColumnsType, Tag } from "antd";
import { useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { withQuery } from "../shared/api";
import type { Division, DivisionDetail, DivisionLevel, ItemList } from "../shared/api-types";
import { PageHeading } from "../shared/components/PageHeading";
import { ProblemAlert } from "../shared/components/ProblemAlert";
import { useI18n } from "../shared/I18nProvider";
import type { MessageKey } from "../shared/i18n";
import { useApi } from "../shared/useApi";

export const LEVEL_LABEL: Record<DivisionLevel, MessageKey> = {
  province: "level.province",
  city: "level.city",
  county: "level.county",
  township: "level.township",
};

const LEVEL_COLOUR: Record<DivisionLevel, string> = {
  province: "red",
  city: "blue",
  county: "purple",
  township: "default",
};

/** Browse the division tree from the provinces down, or search it by name. */
export function DivisionsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const parent = params.get("parent");
  const q = params.get("q")?.trim() ?? "";
  const [draft, setDraft] = useState(q);

  const listPath = q
    ? withQuery("/api/divisions", { q, limit: 200 })
    : withQuery("/api/divisions", { parent, limit: 500 });
  const list = useApi<ItemList<Division>>(listPath);
  const detail = useApi<DivisionDetail>(parent && !q ? `/api/divisions/${encodeURIComponent(parent)}` : null);

  const drillHref = (code: string) => `?${new URLSearchParams({ parent: code })}`;

  const columns: TableColumnsType<Division> = [
    {
      title: t("divisions.code"),
      dataIndex: "code",
      width: 110,
      render: (code: string) => <span className="code">{code}</span>,
    },
    {
      title: t("divisions.name"),
      dataIndex: "name",
      render: (name: string, row) =>
        row.childCount > 0 ? (
          <Link to={drillHref(row.code)} onClick={() => setDraft("")}>
            {name}
          </Link>
        ) : (
          name
        ),
    },
    {
      title: t("divisions.level"),
      dataIndex: "level",
      width: 110,
      render: (level: DivisionLevel) => <Tag color={LEVEL_COLOUR[level]}>{t(LEVEL_LABEL[level])}</Tag>,
    },
    {
      title: t("divisions.children"),
      dataIndex: "childCount",
      width: 110,
      align: "right",
      responsive: ["sm"],
    },
  ];

  const crumbs = [
    {
      key: "root",
      title: parent || q ? <Link to="?">{t("divisions.all")}</Link> : t("divisions.all"),
    },
    ...(q
      ? [{ key: "q", title: t("divisions.searchResults", { q }) }]
      : (detail.data?.path ?? []).map((item, index, all) => ({
          key: item.code,
          title: index === all.length - 1 ? item.name : <Link to={drillHref(item.code)}>{item.name}</Link>,
        }))),
  ];

  const search = (value: string) => {
    const text = value.trim();
    setParams(text ? { q: text } : {});
  };

  return (
    <>
      <PageHeading title={t("divisions.title")} intro={t("divisions.intro")} />
      <Card className="admin-card">
        <div className="toolbar">
          <Input.Search
            aria-label={t("divisions.search")}
            placeholder={t("divisions.search")}
            allowClear
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            onSearch={search}
            enterButton
          />
          {q ? (
            <Button
              onClick={() => {
                setDraft("");
                setParams({});
              }}
            >
              {t("divisions.clearSearch")}
            </Button>
          ) : null}
        </div>
        <Breadcrumb aria-label={t("divisions.path")} items={crumbs} style={{ marginBottom: 12 }} />
        {list.error ? <ProblemAlert error={list.error} onRetry={list.reload} /> : null}
        {detail.error ? <ProblemAlert error={detail.error} onRetry={detail.reload} /> : null}
        {list.error ? null : (
          <Table<Division>
            rowKey="code"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.loading}
            scroll={{ x: "max-content" }}
            pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          />
        )}
      </Card>
    </>
  );
}
