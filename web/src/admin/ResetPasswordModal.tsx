import { Alert, App, Form, Input, Modal } from "antd";
import { useState } from "react";
import { ApiError, api } from "../shared/api";
import type { Account } from "../shared/api-types";
import { problemText } from "../shared/components/ProblemAlert";
import { showProblemOnField } from "../shared/formErrors";
import { useI18n } from "../shared/I18nProvider";

interface Values {
  newPassword: string;
  confirm: string;
}

/** An administrator sets a new password for an account (POST /api/accounts/:id/password). */
export function ResetPasswordModal({ account, onClose }: { account: Account; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
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
      await api<void>(`/api/accounts/${encodeURIComponent(account.id)}/password`, {
        method: "POST",
        body: { newPassword: values.newPassword },
      });
      void message.success(t("accounts.resetDone"));
      onClose();
    } catch (cause) {
      if (!(cause instanceof ApiError)) {
        throw cause;
      }
      if (!showProblemOnField(form, cause, ["newPassword"])) {
        setError(problemText(cause, t("app.networkError")));
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t("accounts.resetTitle", { username: account.username })}
      okText={t("accounts.resetPassword")}
      cancelText={t("app.cancel")}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      forceRender
    >
      {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} /> : null}
      <Form<Values> form={form} name="reset-password" layout="vertical">
        <Form.Item
          label={t("password.new")}
          name="newPassword"
          extra={t("password.hint")}
          rules={[
            { required: true, message: t("password.required") },
            { min: 10, message: t("password.minLength") },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label={t("password.confirm")}
          name="confirm"
          dependencies={["newPassword"]}
          rules={[
            { required: true, message: t("password.required") },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || getFieldValue("newPassword") === value
                  ? Promise.resolve()
                  : Promise.reject(new Error(t("password.mismatch"))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
