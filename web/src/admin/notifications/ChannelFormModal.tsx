import { Alert, App, Form, Input, Modal, Select, Switch } from "antd";
import { useState } from "react";
import { ApiError, api } from "../../shared/api";
import { CHANNEL_KINDS, type ChannelKind, type ChannelView } from "../../shared/api-types";
import { problemText } from "../../shared/components/ProblemAlert";
import { showProblemOnField } from "../../shared/formErrors";
import { useI18n } from "../../shared/I18nProvider";

interface Values {
  name: string;
  kind: ChannelKind;
  url: string;
  secret?: string;
  enabled: boolean;
}

const FIELDS = ["name", "kind", "url", "secret", "enabled"] as const;

/** Adds a webhook channel (channel = null) or edits one; the secret is only ever written. */
export function ChannelFormModal({
  channel,
  onClose,
  onSaved,
}: {
  channel: ChannelView | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const creating = channel === null;

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    const secret = values.secret ? values.secret : undefined;
    try {
      if (creating) {
        await api("/api/notifications/channels", {
          method: "POST",
          body: {
            name: values.name.trim(),
            kind: values.kind,
            url: values.url.trim(),
            secret,
            enabled: values.enabled,
          },
        });
      } else {
        await api(`/api/notifications/channels/${encodeURIComponent(channel.id)}`, {
          method: "PATCH",
          body: { name: values.name.trim(), url: values.url.trim(), enabled: values.enabled, secret },
        });
      }
      void message.success(creating ? t("notifyAdmin.created") : t("notifyAdmin.saved"));
      onSaved();
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
      title={creating ? t("notifyAdmin.newChannel") : t("notifyAdmin.editChannel", { name: channel.name })}
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
        name={creating ? "new-channel" : "edit-channel"}
        layout="vertical"
        initialValues={
          channel
            ? { name: channel.name, kind: channel.kind, url: channel.url, enabled: channel.enabled }
            : { kind: "sms", enabled: false }
        }
      >
        <Form.Item
          label={t("notifyAdmin.name")}
          name="name"
          rules={[{ required: true, whitespace: true, max: 100, message: t("notifyAdmin.nameRequired") }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t("notifyAdmin.kind")} name="kind" rules={[{ required: true }]}>
          <Select
            disabled={!creating}
            options={CHANNEL_KINDS.map((kind) => ({ value: kind, label: t(`notifyAdmin.kind.${kind}`) }))}
          />
        </Form.Item>
        <Form.Item
          label={t("notifyAdmin.url")}
          name="url"
          rules={[
            { required: true, whitespace: true, message: t("notifyAdmin.urlRequired") },
            { pattern: /^https?:\/\/\S+$/i, message: t("notifyAdmin.urlRequired") },
          ]}
        >
          <Input autoComplete="off" inputMode="url" placeholder="https://" />
        </Form.Item>
        <Form.Item
          label={t("notifyAdmin.secret")}
          name="secret"
          extra={creating ? t("notifyAdmin.secretHint") : t("notifyAdmin.secretKeep")}
          rules={[{ required: creating, min: 16, max: 256, message: t("notifyAdmin.secretRequired") }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item label={t("notifyAdmin.enabled")} name="enabled" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
