import { Card, Empty, Segmented, Table, type TableColumnsType, Tag } from "antd";
import { useState } from "react";
import { withQuery } from "../../shared/api";
import {
  OUTBOX_STATUSES,
  type OutboxItemView,
  type OutboxList,
  type OutboxStatus,
} from "../../shared/api-types";
import { ProblemAlert } from "../../shared/components/ProblemAlert";
import { useI18n } from "../../shared/I18nProvider";
import { useApi } from "../../shared/useApi";

const PAGE_SIZE = 20;

export const STATUS_COLOUR: Record<OutboxStatus, string> = {
  pending: "blue",
  failed: "orange",
  delivered: "green",
  dead: "red",
};

/** The outbox for operators: deliveries by status, with attempts, the next retry and the last error. */
export function OutboxCard() {
  const { t, dateTime } = useI18n();
  const [status, setStatus] = useState<OutboxStatus | "all">("all");
  const [page, setPage] = useState(1);
  const list = useApi<OutboxList>(
    withQuery("/api/notifications/outbox", {
      status: status === "all" ? undefined : status,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    }),
  );
  const counts = list.data?.counts;

  const columns: TableColumnsType<OutboxItemView> = [
    {
      title: t("notifyAdmin.createdAt"),
      dataIndex: "createdAt",
      width: 150,
      render: (iso: string) => dateTime(iso),
    },
    {
      title: t("notifyAdmin.status"),
      dataIndex: "status",
      width: 90,
      render: (s: OutboxStatus) => <Tag color={STATUS_COLOUR[s]}>{t(`notifyAdmin.status.${s}`)}</Tag>,
    },
    {
      title: t("notifyAdmin.channel"),
      key: "channel",
      width: 170,
      render: (_, row) => (
        <>
          <div>{row.channelName}</div>
          <div className="muted small">
            {t(`notifyAdmin.kind.${row.channelKind}`)} · {row.recipient ?? "—"}
          </div>
        </>
      ),
    },
    { title: t("notifyAdmin.attempts"), dataIndex: "attempts", width: 80, align: "right" },
    {
      title: t("notifyAdmin.lastError"),
      dataIndex: "lastError",
      width: 240,
      render: (e: string | null) => (e ? <span className="outbox-error code">{e}</span> : "—"),
    },
    {
      title: t("notifyAdmin.nextAttempt"),
      dataIndex: "nextAttemptAt",
      width: 150,
      render: (iso: string | null) => (iso ? dateTime(iso) : "—"),
    },
    {
      title: t("notifyAdmin.deliveredAt"),
      dataIndex: "deliveredAt",
      width: 150,
      render: (iso: string | null) => (iso ? dateTime(iso) : "—"),
    },
    {
      title: t("notifyAdmin.notificationKind"),
      dataIndex: "notificationKind",
      width: 190,
      render: (kind: string) => <span className="code">{kind}</span>,
    },
  ];

  const label = (s: OutboxStatus | "all") => {
    const n = s === "all" ? undefined : counts?.[s];
    return n === undefined ? t(`notifyAdmin.status.${s}`) : `${t(`notifyAdmin.status.${s}`)} ${n}`;
  };

  return (
    <Card
      className="admin-card ledger-card"
      title={<h2 className="card-heading">{t("notifyAdmin.outbox")}</h2>}
    >
      <p className="muted small ledger-card__lead">{t("notifyAdmin.outboxIntro")}</p>
      <div className="toolbar outbox-filter">
        <Segmented<OutboxStatus | "all">
          aria-label={t("notifyAdmin.status")}
          value={status}
          onChange={(value) => {
            setStatus(value);
            setPage(1);
          }}
          options={(["all", ...OUTBOX_STATUSES] as const).map((s) => ({ value: s, label: label(s) }))}
          data-testid="outbox-status"
        />
      </div>
      {list.error ? (
        <ProblemAlert error={list.error} onRetry={list.reload} />
      ) : (
        <Table<OutboxItemView>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          // An empty table need not scroll (and a scroll area without rows is not keyboard-reachable).
          scroll={list.data?.items.length ? { x: 1220 } : undefined}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("app.empty")} /> }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            hideOnSinglePage: true,
            showTotal: (total) => t("app.total", { total }),
            onChange: setPage,
          }}
        />
      )}
    </Card>
  );
}
