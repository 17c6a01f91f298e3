import { Alert, Form, Input, Modal, Select } from "antd";
import { useState } from "react";
import { ApiError, api } from "../shared/api";
import type { Account, CreatedToken, ItemList, NewToken, TokenScope } from "../shared/api-types";
import { problemText } from "../shared/components/ProblemAlert";
import { showProblemOnField } from "../shared/formErrors";
import { useI18n } from "../shared/I18nProvider";
import { useApi } from "../shared/useApi";

interface Values {
  name: string;
  scopes: string[];
  expiresInDays: number;
}

const EXPIRY_DAYS = [30, 90, 180, 365] as const;

/** Asks for a token's name, scopes and lifetime, then creates it (POST /api/tokens). */
export function CreateTokenModal({
  account,
  onClose,
  onCreated,
}: {
  account: Account;
  onClose: () => void;
  onCreated: (created: CreatedToken) => void;
}) {
  const { t, pick } = useI18n();
  const [form] = Form.useForm<Values>();
  const scopes = useApi<ItemList<TokenScope>>("/api/tokens/scopes");
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

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
      const created = await api<CreatedToken>("/api/tokens", {
        method: "POST",
        body: {
          accountId: account.id,
          name: values.name.trim(),
          scopes: values.scopes,
          expiresInDays: values.expiresInDays,
        } satisfies NewToken,
      });
      onCreated(created);
    } catch (cause) {
      if (!(cause instanceof ApiError)) {
        throw cause;
      }
      if (!showProblemOnField(form, cause, ["name", "scopes", "expiresInDays"])) {
        setError(problemText(cause, t("app.networkError")));
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t("tokens.new")}
      okText={t("tokens.new")}
      cancelText={t("app.cancel")}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      forceRender
    >
      {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} /> : null}
      {scopes.error ? (
        <Alert type="error" showIcon title={problemText(scopes.error, t("app.networkError"))} />
      ) : null}
      <Form<Values>
        form={form}
        name="new-token"
        layout="vertical"
        initialValues={{ expiresInDays: 90, scopes: [] }}
      >
        <Form.Item
          label={t("tokens.name")}
          name="name"
          rules={[{ required: true, whitespace: true, message: t("tokens.nameRequired") }]}
        >
          <Input autoComplete="off" maxLength={100} />
        </Form.Item>
        <Form.Item
          label={t("tokens.scopes")}
          name="scopes"
          rules={[{ required: true, type: "array", min: 1, message: t("tokens.scopesRequired") }]}
        >
          <Select
            mode="multiple"
            loading={scopes.loading}
            optionFilterProp="label"
            options={(scopes.data?.items ?? []).map((scope) => ({
              value: scope.scope,
              label: scope.scope,
              title: pick(scope.description, scope.descriptionEn),
            }))}
            optionRender={(option) => (
              <div>
                <div className="code">{option.value}</div>
                <div className="muted small">{option.data.title}</div>
              </div>
            )}
          />
        </Form.Item>
        <Form.Item label={t("tokens.expiresIn")} name="expiresInDays">
          <Select options={EXPIRY_DAYS.map((days) => ({ value: days, label: t("tokens.days", { days }) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
