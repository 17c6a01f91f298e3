import { DeleteOutlined, EditOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, Card, Empty, Popconfirm, Space, Switch, Table, type TableColumnsType, Tag } from "antd";
import { useState } from "react";
import { ApiError, api } from "../../shared/api";
import type { ChannelView } from "../../shared/api-types";
import { PageHeading } from "../../shared/components/PageHeading";
import { ProblemAlert, problemText } from "../../shared/components/ProblemAlert";
import { useI18n } from "../../shared/I18nProvider";
import { useApi } from "../../shared/useApi";
import { ChannelFormModal } from "./ChannelFormModal";
import { OutboxCard } from "./OutboxCard";

/** /admin/notifications: the e-mail and SMS webhook channels, and the outbox's deliveries. */
export function NotificationChannelsPage() {
  const { t, dateTime } = useI18n();
  const { message } = App.useApp();
  const channels = useApi<{ items: ChannelView[] }>("/api/notifications/channels");
  const [editing, setEditing] = useState<ChannelView | null | undefined>(undefined);
  const [busy, setBusy] = useState<string | null>(null);

  const change = async (id: string, request: () => Promise<unknown>, done?: string) => {
    setBusy(id);
    try {
      await request();
      if (done) {
        void message.success(done);
      }
      channels.reload();
    } catch (cause) {
      if (!(cause instanceof ApiError)) {
        throw cause;
      }
      void message.error(problemText(cause, t("app.networkError")));
    } finally {
      setBusy(null);
    }
  };
  const path = (id: string) => `/api/notifications/channels/${encodeURIComponent(id)}`;

  const columns: TableColumnsType<ChannelView> = [
    {
      title: t("notifyAdmin.name"),
      key: "name",
      width: 190,
      render: (_, row) => (
        <>
          <div>{row.name}</div>
          <Tag color={row.kind === "sms" ? "geekblue" : "purple"}>{t(`notifyAdmin.kind.${row.kind}`)}</Tag>
        </>
      ),
    },
    {
      title: t("notifyAdmin.url"),
      dataIndex: "url",
      render: (url: string) => <span className="code channel-url">{url}</span>,
    },
    {
      title: t("notifyAdmin.enabled"),
      key: "enabled",
      width: 110,
      render: (_, row) => (
        <span className="channel-switch">
          <Switch
            checked={row.enabled}
            loading={busy === row.id}
            aria-label={t("notifyAdmin.toggle", { name: row.name })}
            onChange={(enabled) =>
              void change(row.id, () => api(path(row.id), { method: "PATCH", body: { enabled } }))
            }
          />
          <span className="muted small">
            {row.enabled ? t("notifyAdmin.enabledOn") : t("notifyAdmin.enabledOff")}
          </span>
        </span>
      ),
    },
    {
      title: t("notifyAdmin.updatedAt"),
      dataIndex: "updatedAt",
      width: 160,
      render: (iso: string) => dateTime(iso),
    },
    {
      title: t("app.actions"),
      key: "actions",
      width: 120,
      render: (_, row) => (
        <Space size={0}>
          <Button
            type="text"
            icon={<EditOutlined aria-hidden="true" />}
            aria-label={`${t("notifyAdmin.edit")} ${row.name}`}
            onClick={() => setEditing(row)}
          />
          <Popconfirm
            title={t("notifyAdmin.deleteConfirm")}
            okText={t("notifyAdmin.delete")}
            okButtonProps={{ danger: true }}
            cancelText={t("app.cancel")}
            onConfirm={() =>
              change(row.id, () => api(path(row.id), { method: "DELETE" }), t("notifyAdmin.deleted"))
            }
          >
            <Button
              type="text"
              danger
              icon={<DeleteOutlined aria-hidden="true" />}
              aria-label={`${t("notifyAdmin.delete")} ${row.name}`}
            />
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeading
        title={t("notifyAdmin.title")}
        intro={t("notifyAdmin.intro")}
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden="true" />} onClick={() => setEditing(null)}>
            {t("notifyAdmin.newChannel")}
          </Button>
        }
      />
      <div>
        <Card
          className="admin-card ledger-card"
          title={<h2 className="card-heading">{t("notifyAdmin.channels")}</h2>}
        >
          <p className="muted small ledger-card__lead">{t("notifyAdmin.signatureHelp")}</p>
          {channels.error ? (
            <ProblemAlert error={channels.error} onRetry={channels.reload} />
          ) : (
            <Table<ChannelView>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={channels.data?.items ?? []}
              loading={channels.loading}
              pagination={false}
              scroll={channels.data?.items.length ? { x: 820 } : undefined}
              locale={{
                emptyText: (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("notifyAdmin.noChannels")} />
                ),
              }}
            />
          )}
        </Card>
        <OutboxCard />
      </div>
      {editing !== undefined ? (
        <ChannelFormModal
          channel={editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            channels.reload();
          }}
        />
      ) : null}
    </>
  );
}
