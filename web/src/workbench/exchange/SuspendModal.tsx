import { App, Form, Input, Modal } from "antd";
import { useState } from "react";
import { ApiError, api } from "../../shared/api";
import type { Agreement } from "../../shared/api-types";
import { ProblemAlert } from "../../shared/components/ProblemAlert";
import { showProblemOnField } from "../../shared/formErrors";
import { useI18n } from "../../shared/I18nProvider";

/** The owner suspends an approved agreement (refused from the next call) or resumes a suspended one. */
export function SuspendModal({
  agreement,
  action,
  onClose,
  onDone,
}: {
  agreement: Agreement;
  action: "suspend" | "resume";
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<ApiError>();

  const onFinish = async ({ reason }: { reason: string }) => {
    setSubmitting(true);
    setFailure(undefined);
    try {
      await api<Agreement>(`/api/exchange/agreements/${encodeURIComponent(agreement.id)}/${action}`, {
        method: "POST",
        body: { reason: reason.trim() },
      });
      message.success(t(action === "suspend" ? "agreements.suspended" : "agreements.resumed"));
      onDone();
    } catch (error) {
      if (!(error instanceof ApiError)) {
        throw error;
      }
      if (!showProblemOnField(form, error, ["reason"])) {
        setFailure(error);
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open
      title={t(action === "suspend" ? "agreements.suspendTitle" : "agreements.resumeTitle")}
      okText={t(action === "suspend" ? "agreements.suspend" : "agreements.resume")}
      okButtonProps={{ danger: action === "suspend" }}
      cancelText={t("app.cancel")}
      onOk={() => form.submit()}
      confirmLoading={submitting}
      onCancel={onClose}
      destroyOnHidden
    >
      <p className="muted">{t(action === "suspend" ? "agreements.suspendHint" : "agreements.resumeHint")}</p>
      <Form form={form} name="suspend" layout="vertical" onFinish={(values) => void onFinish(values)}>
        <Form.Item
          name="reason"
          label={t("agreements.reason")}
          rules={[{ required: true, whitespace: true, message: t("agreements.reasonRequired") }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        {failure ? <ProblemAlert error={failure} /> : null}
      </Form>
    </Modal>
  );
}
