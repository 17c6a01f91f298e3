import { LockOutlined, PlusOutlined } from "@ant-design/icons";
import { Badge, Button, Card, Empty, Input, Select, Space, Table, type TableColumnsType, Tag } from "antd";
import { useState } from "react";
import { useSearchParams } from "react-router-dom";
import { withQuery } from "../shared/api";
import type { Account, Page, Role } from "../shared/api-types";
import { PageHeading } from "../shared/components/PageHeading";
import { ProblemAlert } from "../shared/components/ProblemAlert";
import { useI18n } from "../shared/I18nProvider";
import { ROLE_COLOUR, roleLabel } from "../shared/roles";
import { useApi } from "../shared/useApi";
import { AccountFormModal } from "./AccountFormModal";
import { ResetPasswordModal } from "./ResetPasswordModal";
import { TokensDrawer } from "./TokensDrawer";
import { useRoleOptions } from "./useRoles";

const PAGE_SIZE = 20;

type Dialog =
  | { kind: "create" }
  | { kind: "edit"; account: Account }
  | { kind: "reset"; account: Account }
  | { kind: "tokens"; account: Account };

/** Tokens are for machine-to-machine accounts only. */
function isSystemAccount(account: Account): boolean {
  return account.kind === "system" || account.roles.includes("system");
}

/** Platform accounts: search, filter by role, create, edit, reset password, manage API tokens. */
export function AccountsPage() {
  const { t, pick, dateTime } = useI18n();
  const roleOptions = useRoleOptions();
  const [params, setParams] = useSearchParams();
  const q = params.get("q")?.trim() ?? "";
  const role = (params.get("role") || undefined) as Role | undefined;
  const page = Math.max(1, Number(params.get("page")) || 1);
  const [draft, setDraft] = useState(q);
  const [dialog, setDialog] = useState<Dialog | null>(null);

  const list = useApi<Page<Account>>(
    withQuery("/api/accounts", { q, role, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
  );

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) {
        next.set(key, value);
      } else {
        next.delete(key);
      }
    }
    setParams(next);
  };

  const columns: TableColumnsType<Account> = [
    {
      title: t("accounts.username"),
      key: "username",
      width: 160,
      render: (_, account) => (
        <>
          <div className="code">{account.username}</div>
          <div className="muted small">{account.displayName}</div>
        </>
      ),
    },
    {
      title: t("accounts.roles"),
      dataIndex: "roles",
      width: 170,
      render: (roles: Role[]) =>
        roles.map((r) => (
          <Tag key={r} color={ROLE_COLOUR[r]}>
            {t(roleLabel(r))}
          </Tag>
        )),
    },
    {
      title: t("accounts.departments"),
      dataIndex: "departments",
      render: (departments: Account["departments"]) =>
        departments.length === 0 ? (
          <span className="muted">{t("departments.none")}</span>
        ) : (
          departments.map((department) => (
            <div key={department.id}>{pick(department.name, department.nameEn)}</div>
          ))
        ),
    },
    {
      title: t("accounts.status"),
      key: "status",
      width: 100,
      render: (_, account) => (
        <>
          <Badge
            status={account.status === "active" ? "success" : "default"}
            text={account.status === "active" ? t("accounts.active") : t("accounts.disabled")}
          />
          {account.lockedUntil && Date.parse(account.lockedUntil) > Date.now() ? (
            <div className="small" style={{ color: "#b91c1c" }}>
              <LockOutlined aria-hidden="true" />{" "}
              {t("accounts.lockedUntil", { time: dateTime(account.lockedUntil) })}
            </div>
          ) : null}
        </>
      ),
    },
    {
      title: t("accounts.lastSignIn"),
      dataIndex: "lastSignInAt",
      width: 140,
      render: (iso: string | null) => <span className="small">{dateTime(iso)}</span>,
    },
    {
      title: t("app.actions"),
      key: "actions",
      width: 150,
      fixed: "right",
      render: (_, account) => (
        <Space size={0} wrap>
          <Button
            type="link"
            size="small"
            aria-label={`${t("accounts.edit")} ${account.username}`}
            onClick={() => setDialog({ kind: "edit", account })}
          >
            {t("accounts.edit")}
          </Button>
          <Button
            type="link"
            size="small"
            aria-label={`${t("accounts.resetPassword")} ${account.username}`}
            onClick={() => setDialog({ kind: "reset", account })}
          >
            {t("accounts.resetPassword")}
          </Button>
          {isSystemAccount(account) ? (
            <Button
              type="link"
              size="small"
              aria-label={`${t("accounts.tokens")} ${account.username}`}
              onClick={() => setDialog({ kind: "tokens", account })}
            >
              {t("accounts.tokens")}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeading
        title={t("accounts.title")}
        intro={t("accounts.intro")}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden="true" />}
            onClick={() => setDialog({ kind: "create" })}
          >
            {t("accounts.new")}
          </Button>
        }
      />
      <Card className="admin-card">
        <div className="toolbar">
          <Input.Search
            aria-label={t("accounts.search")}
            placeholder={t("accounts.search")}
            allowClear
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            onSearch={(value) => update({ q: value.trim(), page: undefined })}
            enterButton
          />
          <Select
            aria-label={t("accounts.roleFilter")}
            className="toolbar__select"
            allowClear
            placeholder={t("accounts.allRoles")}
            value={role}
            options={roleOptions}
            onChange={(value?: Role) => update({ role: value, page: undefined })}
          />
        </div>
        {list.error ? (
          <ProblemAlert error={list.error} onRetry={list.reload} />
        ) : (
          <Table<Account>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.loading}
            scroll={{ x: 880 }}
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("app.empty")} />,
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

      {dialog?.kind === "create" || dialog?.kind === "edit" ? (
        <AccountFormModal
          account={dialog.kind === "edit" ? dialog.account : null}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            list.reload();
          }}
        />
      ) : null}
      {dialog?.kind === "reset" ? (
        <ResetPasswordModal account={dialog.account} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === "tokens" ? (
        <TokensDrawer account={dialog.account} onClose={() => setDialog(null)} />
      ) : null}
    </>
  );
}
