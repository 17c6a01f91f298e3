import { Input, Select, Space, Table, Tabs, Tag } from "antd";
import { useState } from "react";
import { Link } from "react-router-dom";
import {
  REQUEST_STATUSES,
  type RequestListItem,
  type RequestsWorkspace,
} from "../../../shared/requests/types";
import { withQuery } from "../shared/api";
import type { Page } from "../shared/api-types";
import { PageHeading } from "../shared/components/PageHeading";
import { ProblemAlert } from "../shared/components/ProblemAlert";
import { SubPageTrail } from "../shared/components/SubPageTrail";
import { useI18n } from "../shared/I18nProvider";
import type { MessageKey } from "../shared/i18n";
import { useApi } from "../shared/useApi";
import { useDebouncedValue } from "../shared/useDebouncedValue";
import { DueTag, StatusTag } from "./labels";
import "./requests.css";

type View = "department" | "dispatch" | "all";

/** 诉求工单: the department's queue by deadline, the 12345 centre's dispatch queue, and every request. */
export function QueuePage() {
  const { t, pick, dateTime } = useI18n();
  const workspace = useApi<RequestsWorkspace>("/api/requests/workspace");
  const [chosen, setChosen] = useState<View | null>(null);
  const [status, setStatus] = useState<string | undefined>();
  const [q, setQ] = useState("");
  const query = useDebouncedValue(q, 300);
  const [page, setPage] = useState(1);
  const ws = workspace.data;
  const views: View[] = ws
    ? [
        ...(ws.centre ? (["dispatch"] as View[]) : []),
        ...(ws.departments.length > 0 ? (["department"] as View[]) : []),
        ...(ws.centre || ws.reader ? (["all"] as View[]) : []),
      ]
    : [];
  const view = chosen && views.includes(chosen) ? chosen : (views[0] ?? null);
  const list = useApi<Page<RequestListItem>>(
    view
      ? withQuery("/api/requests/queue", { view, status, q: query, limit: 20, offset: (page - 1) * 20 })
      : null,
  );

  const columns = [
    {
      title: t("requests.number"),
      dataIndex: "number",
      key: "number",
      width: 160,
      render: (_: string, r: RequestListItem) => (
        <Link to={`/workbench/requests/${r.id}`} className="code">
          {r.number}
        </Link>
      ),
    },
    {
      title: t("requests.queue.text"),
      key: "text",
      render: (_: unknown, r: RequestListItem) => (
        <div>
          <span className="queue-cell__text" title={r.description}>
            {r.title ? <strong>{r.title} </strong> : null}
            {r.description}
          </span>
          {view === "dispatch" && r.proposedCategory ? (
            <span className="muted small">
              {t("requests.queue.proposal", {
                category: r.proposedCategory.path.join(" / "),
                confidence: (r.proposedConfidence ?? 0).toFixed(2),
              })}
            </span>
          ) : null}
          {r.coHandlers.length > 0 ? (
            <span className="muted small">
              {" "}
              {t("requests.queue.coHandlers", {
                names: r.coHandlers.map((d) => (d ? pick(d.name, d.nameEn) : "")).join("、"),
              })}
            </span>
          ) : null}
        </div>
      ),
    },
    {
      title: t("requests.category"),
      key: "category",
      width: 110,
      render: (_: unknown, r: RequestListItem) =>
        r.category ? pick(r.category.name, r.category.nameEn) : "—",
    },
    {
      title: t("requests.department"),
      key: "department",
      width: 150,
      render: (_: unknown, r: RequestListItem) =>
        r.department ? pick(r.department.name, r.department.nameEn) : t("requests.noDepartment"),
    },
    {
      title: t("requests.status"),
      key: "status",
      width: 200,
      render: (_: unknown, r: RequestListItem) => (
        <Space size={4} wrap>
          <StatusTag status={r.status} />
          {r.contactOverdue ? <Tag className="x-tag x-tag--bad">{t("requests.contactOverdue")}</Tag> : null}
          {r.resolveDue && r.status !== "closed" ? <DueTag request={r} /> : null}
        </Space>
      ),
    },
    {
      title: t("requests.submittedAt"),
      key: "created",
      width: 130,
      render: (_: unknown, r: RequestListItem) => dateTime(r.createdAt),
    },
  ];

  return (
    <>
      <SubPageTrail section={t("workbench.title")} sectionTo="/workbench" page={t("requests.queue.title")} />
      <PageHeading
        title={t("requests.queue.title")}
        intro={t(
          view === "dispatch"
            ? "requests.queue.dispatchIntro"
            : view === "all"
              ? "requests.queue.allIntro"
              : "requests.queue.intro",
        )}
      />
      {workspace.error ? <ProblemAlert error={workspace.error} onRetry={workspace.reload} /> : null}
      {view ? (
        <Tabs
          activeKey={view}
          onChange={(key) => {
            setChosen(key as View);
            setPage(1);
          }}
          items={views.map((v) => ({ key: v, label: t(`requests.queue.${v}` as MessageKey) }))}
        />
      ) : null}
      <div className="toolbar">
        <Input.Search
          allowClear
          placeholder={t("requests.queue.search")}
          aria-label={t("requests.queue.search")}
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setPage(1);
          }}
        />
        <Select
          className="toolbar__select"
          allowClear
          placeholder={t("requests.queue.anyStatus")}
          aria-label={t("requests.status")}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={REQUEST_STATUSES.map((s) => ({
            value: s,
            label: t(`requests.status.${s}` as MessageKey),
          }))}
        />
      </div>
      {list.error ? <ProblemAlert error={list.error} onRetry={list.reload} /> : null}
      <div className="table-scroll">
        <Table<RequestListItem>
          rowKey="id"
          size="middle"
          data-testid="request-queue"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          columns={
            view === "dispatch" ? columns.filter((c) => !["category", "department"].includes(c.key)) : columns
          }
          scroll={{ x: view === "dispatch" ? 760 : 1000 }}
          locale={{ emptyText: t("requests.queue.empty") }}
          rowClassName={(r) => (r.dueStatus === "overdue" ? "row--overdue" : "")}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showTotal: (total) => t("app.total", { total }),
          }}
        />
      </div>
    </>
  );
}
