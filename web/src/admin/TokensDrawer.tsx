import { PlusOutlined } from "@ant-design/icons";
import { App, Badge, Button, Drawer, Popconfirm, Table, type TableColumnsType, Tag } from "antd";
import { useState } from "react";
import { ApiError, api, withQuery } from "../shared/api";
import type { Account, ApiToken, ItemList } from "../shared/api-types";
import { ProblemAlert, problemText } from "../shared/components/ProblemAlert";
import { useI18n } from "../shared/I18nProvider";
import { useApi } from "../shared/useApi";
import { CreateTokenModal } from "./CreateTokenModal";
import { TokenCreatedModal } from "./TokenCreatedModal";

type TokenState = "revoked" | "expired" | "valid";

function tokenState(token: ApiToken, now: number): TokenState {
  if (token.revokedAt) {
    return "revoked";
  }
  if (token.expiresAt && Date.parse(token.expiresAt) <= now) {
    return "expired";
  }
  return "valid";
}

/** A system account's API tokens: list, create (shown once) and revoke. */
export function TokensDrawer({ account, onClose }: { account: Account; onClose: () => void }) {
  const { t, dateTime } = useI18n();
  const { message } = App.useApp();
  const list = useApi<ItemList<ApiToken>>(withQuery("/api/tokens", { accountId: account.id }));
  const [creating, setCreating] = useState(false);
  const [createdToken, setCreatedToken] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<string | null>(null);
  const now = Date.now();

  const revoke = async (token: ApiToken) => {
    setRevoking(token.id);
    try {
      await api<void>(`/api/tokens/${encodeURIComponent(token.id)}`, { method: "DELETE" });
      void message.success(t("tokens.revokedDone"));
      list.reload();
    } catch (cause) {
      if (cause instanceof ApiError) {
        void message.error(problemText(cause, t("app.networkError")));
      }
    } finally {
      setRevoking(null);
    }
  };

  const columns: TableColumnsType<ApiToken> = [
    { title: t("tokens.name"), dataIndex: "name" },
    {
      title: t("tokens.prefix"),
      dataIndex: "prefix",
      render: (prefix: string) => <span className="code">{prefix}…</span>,
    },
    {
      title: t("tokens.scopes"),
      dataIndex: "scopes",
      render: (scopes: string[]) =>
        scopes.map((scope) => (
          <Tag key={scope} className="code">
            {scope}
          </Tag>
        )),
    },
    {
      title: t("tokens.status"),
      key: "status",
      render: (_, token) => {
        const state = tokenState(token, now);
        return (
          <Badge
            status={state === "valid" ? "success" : "default"}
            text={t(
              state === "valid" ? "tokens.valid" : state === "revoked" ? "tokens.revoked" : "tokens.expired",
            )}
          />
        );
      },
    },
    { title: t("tokens.createdAt"), dataIndex: "createdAt", render: (iso: string) => dateTime(iso) },
    {
      title: t("tokens.expiresAt"),
      dataIndex: "expiresAt",
      render: (iso: string | null) => (iso ? dateTime(iso) : t("tokens.noExpiry")),
    },
    { title: t("tokens.lastUsed"), dataIndex: "lastUsedAt", render: (iso: string | null) => dateTime(iso) },
    {
      title: t("app.actions"),
      key: "actions",
      fixed: "right",
      render: (_, token) =>
        token.revokedAt ? null : (
          <Popconfirm
            title={t("tokens.revoke")}
            description={t("tokens.revokeConfirm")}
            okText={t("tokens.revoke")}
            cancelText={t("app.cancel")}
            okButtonProps={{ danger: true }}
            onConfirm={() => revoke(token)}
          >
            <Button
              size="small"
              danger
              loading={revoking === token.id}
              aria-label={`${t("tokens.revoke")} ${token.name}`}
            >
              {t("tokens.revoke")}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Drawer
      open
      size={Math.min(880, window.innerWidth)}
      title={t("tokens.title", { username: account.username })}
      onClose={onClose}
      extra={
        <Button type="primary" icon={<PlusOutlined aria-hidden="true" />} onClick={() => setCreating(true)}>
          {t("tokens.new")}
        </Button>
      }
    >
      <p className="muted" style={{ marginTop: 0 }}>
        {t("tokens.intro")}
      </p>
      {list.error ? (
        <ProblemAlert error={list.error} onRetry={list.reload} />
      ) : (
        <Table<ApiToken>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          scroll={{ x: "max-content" }}
          pagination={false}
        />
      )}
      {creating ? (
        <CreateTokenModal
          account={account}
          onClose={() => setCreating(false)}
          onCreated={(created) => {
            setCreating(false);
            setCreatedToken(created.token);
            list.reload();
          }}
        />
      ) : null}
      {createdToken ? <TokenCreatedModal token={createdToken} onClose={() => setCreatedToken(null)} /> : null}
    </Drawer>
  );
}
