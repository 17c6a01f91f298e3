import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Switch } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { ApiError, api } from "../../shared/api";
import {
  type Agreement,
  type CatalogueResource,
  SENSITIVITY_LABELS,
  type Sensitivity,
} from "../../shared/api-types";
import { ProblemAlert } from "../../shared/components/ProblemAlert";
import { formatDay } from "../../shared/exchange/labels";
import { showProblemOnField } from "../../shared/formErrors";
import { useI18n } from "../../shared/I18nProvider";
import { FieldChecklist } from "./FieldChecklist";

interface ReviewValues {
  decision: "approve" | "refuse";
  fields: string[];
  validUntil?: Dayjs | null;
  clearance: Sensitivity;
  dailyQuota?: number | null;
  ratePerMinute?: number | null;
  requiresConsent: boolean;
  reason: string;
}

const LEVELS: readonly Sensitivity[] = [1, 2, 3, 4];

/** The owning department approves an application (only ever narrowing it) or refuses it, with reasons. */
export function ReviewModal({
  agreement,
  resource,
  consumerName,
  onClose,
  onDone,
}: {
  agreement: Agreement;
  resource: CatalogueResource | undefined;
  consumerName: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, pick, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReviewValues>();
  const decision = Form.useWatch("decision", form) ?? "approve";
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<ApiError>();
  const applied = (resource?.fields ?? []).filter((f) => agreement.requestedFields.includes(f.name));
  const alwaysConsent = resource?.dataClass === "health" || resource?.dataClass === "sensitive";

  const onFinish = async (values: ReviewValues) => {
    setSubmitting(true);
    setFailure(undefined);
    const approve = values.decision === "approve";
    try {
      await api<Agreement>(`/api/exchange/agreements/${encodeURIComponent(agreement.id)}/review`, {
        method: "POST",
        body: {
          decision: values.decision,
          reason: values.reason.trim(),
          ...(approve
            ? {
                fields: values.fields,
                ...(values.validUntil ? { validUntil: values.validUntil.format("YYYY-MM-DD") } : {}),
                clearance: values.clearance,
                ...(values.dailyQuota ? { dailyQuota: values.dailyQuota } : {}),
                ...(values.ratePerMinute ? { ratePerMinute: values.ratePerMinute } : {}),
                requiresConsent: values.requiresConsent,
              }
            : {}),
        },
      });
      message.success(t(approve ? "agreements.approved" : "agreements.refused"));
      onDone();
    } catch (error) {
      if (!(error instanceof ApiError)) {
        throw error;
      }
      const fields = ["reason", "fields", "validUntil", "clearance", "dailyQuota", "ratePerMinute"];
      const field = error.field?.replace(/\[\d+\]$/, "");
      if (field && fields.includes(field)) {
        form.setFields([{ name: field as never, errors: [error.problem.detail ?? error.problem.title] }]);
      } else if (!showProblemOnField(form, error, fields)) {
        setFailure(error);
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open
      title={t("agreements.reviewTitle")}
      okText={decision === "refuse" ? t("agreements.refuse") : t("agreements.approve")}
      okButtonProps={{ danger: decision === "refuse", "data-testid": "review-submit" } as never}
      cancelText={t("app.cancel")}
      onOk={() => form.submit()}
      confirmLoading={submitting}
      onCancel={onClose}
      width={720}
      destroyOnHidden
    >
      <p className="muted">
        {t("agreements.reviewLead", {
          consumer: consumerName,
          resource: pick(agreement.resourceName, agreement.resourceNameEn),
          purpose: agreement.purpose,
        })}
      </p>
      <Form<ReviewValues>
        form={form}
        name="review-agreement"
        layout="vertical"
        initialValues={{
          decision: "approve",
          fields: agreement.requestedFields,
          clearance: agreement.clearance,
          dailyQuota: agreement.dailyQuota,
          ratePerMinute: agreement.ratePerMinute,
          requiresConsent: agreement.requiresConsent || alwaysConsent,
          reason: "",
        }}
        onFinish={(values) => void onFinish(values)}
      >
        <Form.Item name="decision" label={t("agreements.decision")}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: "approve", label: t("agreements.approve") },
              { value: "refuse", label: t("agreements.refuse") },
            ]}
          />
        </Form.Item>
        {decision === "approve" ? (
          <>
            <Alert type="info" showIcon className="block-gap" title={t("agreements.narrowHint")} />
            <Form.Item
              name="fields"
              label={t("agreements.grantFields")}
              extra={t("agreements.grantFieldsHint")}
              rules={[{ required: true, type: "array", min: 1, message: t("agreements.fieldsRequired") }]}
            >
              <FieldChecklist fields={applied} />
            </Form.Item>
            <div className="form-pair">
              <Form.Item
                name="validUntil"
                label={t("agreements.validUntil")}
                extra={t("agreements.validUntilHint", { date: formatDay(agreement.validUntil, locale) })}
              >
                <DatePicker
                  style={{ width: "100%" }}
                  disabledDate={(day) => {
                    const d = day.format("YYYY-MM-DD");
                    return d > agreement.validUntil || d < agreement.validFrom;
                  }}
                />
              </Form.Item>
              <Form.Item
                name="clearance"
                label={t("agreements.clearance")}
                extra={t("agreements.clearanceHint")}
              >
                <Select
                  options={LEVELS.map((level) => ({
                    value: level,
                    label: t("agreements.clearanceOption", {
                      n: level,
                      label: pick(SENSITIVITY_LABELS[level].zh, SENSITIVITY_LABELS[level].en),
                    }),
                  }))}
                />
              </Form.Item>
              <Form.Item
                name="dailyQuota"
                label={t("agreements.dailyQuota")}
                extra={t("agreements.expectedValue", { n: agreement.expectedDailyVolume })}
              >
                <InputNumber min={1} max={10_000_000} precision={0} style={{ width: "100%" }} />
              </Form.Item>
              <Form.Item name="ratePerMinute" label={t("agreements.ratePerMinute")}>
                <InputNumber min={1} max={1_000_000} precision={0} style={{ width: "100%" }} />
              </Form.Item>
            </div>
            <Form.Item
              name="requiresConsent"
              label={t("agreements.requiresConsent")}
              valuePropName="checked"
              extra={t(alwaysConsent ? "agreements.consentAlways" : "agreements.consentHint")}
            >
              <Switch disabled={alwaysConsent} />
            </Form.Item>
          </>
        ) : null}
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
