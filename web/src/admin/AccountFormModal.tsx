import { Alert, App, Form, Input, Modal, Select } from "antd";
import { useState } from "react";
import { ApiError, api } from "../shared/api";
import type { Account, AccountPatch, AccountStatus, NewAccount, Role } from "../shared/api-types";
import { problemText } from "../shared/components/ProblemAlert";
import { showProblemOnField } from "../shared/formErrors";
import { useI18n } from "../shared/I18nProvider";
import { DepartmentMultiSelect } from "./DepartmentMultiSelect";
import { useRoleOptions } from "./useRoles";

interface Values {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  departmentIds: string[];
  status: AccountStatus;
}

const FIELDS = ["username", "displayName", "password", "roles", "departmentIds", "status"] as const;

/** Creates an account (account = null) or edits one's name, roles, departments and status. */
export function AccountFormModal({
  account,
  onClose,
  onSaved,
}: {
  account: Account | null;
  onClose: () => void;
  onSaved: (account: Account) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const roleOptions = useRoleOptions();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const creating = account === null;

  const initialValues: Partial<Values> = account
    ? {
        displayName: account.displayName,
        roles: account.roles,
        departmentIds: account.departments.map((department) => department.id),
        status: account.status,
      }
    : { roles: [], departmentIds: [] };

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const saved = creating
        ? await api<Account>("/api/accounts", {
            method: "POST",
            body: {
              username: values.username.trim(),
              displayName: values.displayName.trim(),
              password: values.password,
              roles: values.roles,
              departmentIds: values.departmentIds ?? [],
            } satisfies NewAccount,
          })
        : await api<Account>(`/api/accounts/${encodeURIComponent(account.id)}`, {
            method: "PATCH",
            body: {
              displayName: values.displayName.trim(),
              roles: values.roles,
              departmentIds: values.departmentIds ?? [],
              status: values.status,
            } satisfies AccountPatch,
          });
      void message.success(creating ? t("accounts.created") : t("accounts.saved"));
      onSaved(saved);
    } catch (cause) {
      if (!(cause instanceof ApiError)) {
        throw cause;
      }
      if (!showProblemOnField(form, cause, FIELDS)) {
        setError(problemText(cause, t("app.networkError")));
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={creating ? t("accounts.new") : t("accounts.editTitle", { username: account.username })}
      okText={t("app.save")}
      cancelText={t("app.cancel")}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      forceRender
    >
      {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} /> : null}
      <Form<Values>
        form={form}
        name={creating ? "new-account" : "edit-account"}
        layout="vertical"
        initialValues={initialValues}
      >
        {creating ? (
          <Form.Item
            label={t("accounts.username")}
            name="username"
            rules={[
              { required: true, whitespace: true, message: t("accounts.usernameRequired") },
              { pattern: /^[a-z0-9._-]+$/, message: t("accounts.usernamePattern") },
            ]}
          >
            <Input autoComplete="off" />
          </Form.Item>
        ) : null}
        <Form.Item
          label={t("accounts.displayName")}
          name="displayName"
          rules={[{ required: true, whitespace: true, message: t("accounts.displayNameRequired") }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        {creating ? (
          <Form.Item
            label={t("accounts.initialPassword")}
            name="password"
            extra={t("password.hint")}
            rules={[
              { required: true, message: t("password.required") },
              { min: 10, message: t("password.minLength") },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        ) : null}
        <Form.Item
          label={t("accounts.roles")}
          name="roles"
          rules={[{ required: true, type: "array", min: 1, message: t("accounts.rolesRequired") }]}
        >
          <Select mode="multiple" options={roleOptions} optionFilterProp="label" />
        </Form.Item>
        <Form.Item label={t("accounts.departments")} name="departmentIds">
          <DepartmentMultiSelect known={account?.departments ?? []} />
        </Form.Item>
        {creating ? null : (
          <Form.Item label={t("accounts.statusLabel")} name="status">
            <Select
              options={[
                { value: "active", label: t("accounts.active") },
                { value: "disabled", label: t("accounts.disabled") },
              ]}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
