import { Alert, App, Button, Card, Form, Input, Space } from "antd";
import { useState } from "react";
import { useAuth, useMe } from "../shared/AuthProvider";
import { ApiError, api } from "../shared/api";
import { PageHeading } from "../shared/components/PageHeading";
import { problemText } from "../shared/components/ProblemAlert";
import { useI18n } from "../shared/I18nProvider";

interface ContactForm {
  email: string;
}

/**
 * The signed-in user's own e-mail address for notifications (PATCH /api/me). The mobile number for
 * SMS comes from the person's registered record and is only shown here.
 */
export function ContactPage() {
  const { t } = useI18n();
  const me = useMe();
  const { refresh } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<ContactForm>();
  const [busy, setBusy] = useState<"save" | "remove" | null>(null);
  const [error, setError] = useState<string | null>(null);

  const save = async (email: string | null) => {
    setBusy(email === null ? "remove" : "save");
    setError(null);
    try {
      await api("/api/me", { method: "PATCH", body: { email } });
      await refresh();
      void message.success(email === null ? t("contact.removed") : t("contact.saved"));
      if (email === null) {
        form.resetFields();
      }
    } catch (cause) {
      if (!(cause instanceof ApiError)) {
        throw cause;
      }
      const text = problemText(cause, t("app.networkError"));
      if (cause.field === "body.email") {
        form.setFields([{ name: "email", errors: [text] }]);
      } else {
        setError(text);
      }
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="narrow-page">
      <PageHeading title={t("contact.title")} intro={t("contact.intro")} />
      <Card>
        {error ? (
          <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />
        ) : null}
        <Form<ContactForm>
          form={form}
          name="contact"
          layout="vertical"
          initialValues={{ email: me.email ?? "" }}
          onFinish={({ email }) => void save(email.trim())}
        >
          <Form.Item
            label={t("contact.email")}
            name="email"
            extra={t("contact.emailHint")}
            rules={[
              { required: true, message: t("contact.emailRequired") },
              { type: "email", message: t("contact.emailInvalid") },
            ]}
          >
            <Input type="email" autoComplete="email" inputMode="email" maxLength={254} />
          </Form.Item>
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={busy === "save"} data-testid="contact-save">
              {t("contact.save")}
            </Button>
            {me.email ? (
              <Button onClick={() => void save(null)} loading={busy === "remove"}>
                {t("contact.remove")}
              </Button>
            ) : null}
          </Space>
        </Form>
        {me.person ? (
          <p className="muted small block-gap">
            {me.person.mobileMasked
              ? t("contact.mobile", { mobile: me.person.mobileMasked })
              : t("contact.noMobile")}
          </p>
        ) : null}
      </Card>
    </div>
  );
}
