import { Alert, App, Button, Card, Form, Input } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { useMe } from "../shared/AuthProvider";
import { ApiError, api } from "../shared/api";
import { PageHeading } from "../shared/components/PageHeading";
import { problemText } from "../shared/components/ProblemAlert";
import { useI18n } from "../shared/I18nProvider";
import { homeFor } from "../shared/roles";

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

const FIELD_OF: Record<string, keyof PasswordForm> = {
  currentPassword: "currentPassword",
  newPassword: "newPassword",
};

/** Lets the signed-in user change their own password (POST /api/me/password). */
export function ChangePasswordPage() {
  const { t } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<PasswordForm>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onFinish = async ({ currentPassword, newPassword }: PasswordForm) => {
    setSubmitting(true);
    setError(null);
    try {
      await api<void>("/api/me/password", { method: "POST", body: { currentPassword, newPassword } });
      void message.success(t("password.changed"));
      form.resetFields();
      navigate(homeFor(me.roles) ?? "/");
    } catch (cause) {
      if (!(cause instanceof ApiError)) {
        throw cause;
      }
      const text = problemText(cause, t("app.networkError"));
      const field = cause.field ? FIELD_OF[cause.field] : undefined;
      if (field) {
        form.setFields([{ name: field, errors: [text] }]);
      } else if (cause.status === 401) {
        form.setFields([{ name: "currentPassword", errors: [text] }]);
      } else {
        setError(text);
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="narrow-page">
      <PageHeading title={t("password.title")} intro={t("password.hint")} />
      <Card>
        {error ? (
          <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />
        ) : null}
        <Form<PasswordForm>
          form={form}
          name="password"
          layout="vertical"
          onFinish={(values) => void onFinish(values)}
        >
          <Form.Item
            label={t("password.current")}
            name="currentPassword"
            rules={[{ required: true, message: t("password.required") }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            label={t("password.new")}
            name="newPassword"
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
          <Button type="primary" htmlType="submit" loading={submitting}>
            {t("password.submit")}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
