import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Select } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useMe } from "../../shared/AuthProvider";
import { ApiError, api } from "../../shared/api";
import type { Agreement, SharingClass } from "../../shared/api-types";
import { ProblemAlert } from "../../shared/components/ProblemAlert";
import type { Catalogue } from "../../shared/exchange/useCatalogue";
import { showProblemOnField } from "../../shared/formErrors";
import { useI18n } from "../../shared/I18nProvider";
import type { MessageKey } from "../../shared/i18n";
import { FieldChecklist } from "./FieldChecklist";

interface ApplyValues {
  consumer?: string;
  resource?: string;
  fields: string[];
  purpose: string;
  legalBasis: string;
  period?: [Dayjs | null, Dayjs | null] | null;
  expectedDailyVolume?: number | null;
}

const SHARE_KEY: Record<SharingClass, MessageKey> = {
  unconditional: "catalogue.shareShort.unconditional",
  conditional: "catalogue.shareShort.conditional",
  none: "catalogue.shareShort.none",
};

/** A department admin applies to use another department's data resource. */
export function ApplyModal({
  catalogue,
  departmentName,
  onClose,
  onApplied,
}: {
  catalogue: Catalogue;
  departmentName: (code: string) => string;
  onClose: () => void;
  onApplied: () => void;
}) {
  const me = useMe();
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ApplyValues>();
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<ApiError>();
  const mine = me.departments.map((d) => d.code);
  const consumer = Form.useWatch("consumer", form) ?? mine[0];
  const resourceId = Form.useWatch("resource", form);
  const resource = resourceId ? catalogue.byId.get(resourceId) : undefined;

  const onFinish = async (values: ApplyValues) => {
    const [from, until] = values.period ?? [];
    if (!values.resource || !from || !until || !values.expectedDailyVolume) {
      return;
    }
    setSubmitting(true);
    setFailure(undefined);
    try {
      const created = await api<Agreement>("/api/exchange/agreements", {
        method: "POST",
        body: {
          resource: values.resource,
          ...(values.consumer ? { consumer: values.consumer } : {}),
          fields: values.fields,
          purpose: values.purpose.trim(),
          legalBasis: values.legalBasis.trim(),
          validFrom: from.format("YYYY-MM-DD"),
          validUntil: until.format("YYYY-MM-DD"),
          expectedDailyVolume: values.expectedDailyVolume,
        },
      });
      message.success(t(created.status === "approved" ? "agreements.grantedAtOnce" : "agreements.applied"));
      onApplied();
    } catch (error) {
      if (!(error instanceof ApiError)) {
        throw error;
      }
      const field = error.field === "validFrom" || error.field === "validUntil" ? "period" : error.field;
      if (field === "period") {
        form.setFields([{ name: "period", errors: [error.problem.detail ?? error.problem.title] }]);
      } else if (
        !showProblemOnField(form, error, [
          "resource",
          "fields",
          "purpose",
          "legalBasis",
          "expectedDailyVolume",
        ])
      ) {
        setFailure(error);
      }
    } finally {
      setSubmitting(false);
    }
  };

  // Own resources need no agreement, and 不予共享 ones cannot be had: listed, but not to be picked.
  const options = catalogue.resources.map((r) => ({
    value: r.id,
    disabled: r.sharingClass === "none" || r.owner === consumer,
    label: `${pick(r.name, r.nameEn)} · ${departmentName(r.owner)} · ${t(r.owner === consumer ? "agreements.ownResource" : SHARE_KEY[r.sharingClass])}`,
  }));

  return (
    <Modal
      open
      title={t("agreements.applyTitle")}
      okText={t("agreements.submitApplication")}
      cancelText={t("app.cancel")}
      onOk={() => form.submit()}
      confirmLoading={submitting}
      onCancel={onClose}
      width={720}
      destroyOnHidden
    >
      <Form<ApplyValues>
        form={form}
        name="apply"
        layout="vertical"
        initialValues={{ fields: [], purpose: "", legalBasis: "", consumer: mine[0] }}
        onFinish={(values) => void onFinish(values)}
        onValuesChange={(changed: Partial<ApplyValues>) => {
          if ("resource" in changed) {
            form.setFieldValue("fields", []);
          }
        }}
      >
        {mine.length > 1 ? (
          <Form.Item name="consumer" label={t("agreements.consumer")}>
            <Select options={mine.map((code) => ({ value: code, label: departmentName(code) }))} />
          </Form.Item>
        ) : null}
        <Form.Item
          name="resource"
          label={t("agreements.resource")}
          extra={t("agreements.resourceHint")}
          rules={[{ required: true, message: t("agreements.resourceRequired") }]}
        >
          <Select
            showSearch={{ optionFilterProp: "label" }}
            options={options}
            placeholder={t("agreements.resourcePlaceholder")}
            loading={catalogue.loading}
          />
        </Form.Item>
        {resource?.conditions && resource.sharingClass === "conditional" ? (
          <Alert
            type="info"
            showIcon
            className="block-gap"
            title={t("catalogue.conditions")}
            description={<span lang="zh-CN">{resource.conditions}</span>}
          />
        ) : null}
        {resource ? (
          <Form.Item
            name="fields"
            label={t("agreements.fieldsToApply")}
            extra={t("agreements.fieldsHint")}
            rules={[{ required: true, type: "array", min: 1, message: t("agreements.fieldsRequired") }]}
          >
            <FieldChecklist fields={resource.fields} />
          </Form.Item>
        ) : null}
        <Form.Item
          name="purpose"
          label={t("agreements.purpose")}
          extra={t("agreements.purposeHint")}
          rules={[{ required: true, whitespace: true, message: t("agreements.purposeRequired") }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="legalBasis"
          label={t("agreements.legalBasis")}
          rules={[{ required: true, whitespace: true, message: t("agreements.legalBasisRequired") }]}
        >
          <Input maxLength={300} placeholder={t("agreements.legalBasisPlaceholder")} />
        </Form.Item>
        <div className="form-pair">
          <Form.Item
            name="period"
            label={t("agreements.period")}
            rules={[{ required: true, message: t("agreements.periodRequired") }]}
          >
            <DatePicker.RangePicker
              style={{ width: "100%" }}
              aria-label={t("agreements.period")}
              placeholder={[t("agreements.validFrom"), t("agreements.validUntil")]}
            />
          </Form.Item>
          <Form.Item
            name="expectedDailyVolume"
            label={t("agreements.expectedVolume")}
            rules={[{ required: true, message: t("agreements.volumeRequired") }]}
          >
            <InputNumber min={1} max={10_000_000} precision={0} style={{ width: "100%" }} />
          </Form.Item>
        </div>
        {failure ? <ProblemAlert error={failure} /> : null}
      </Form>
    </Modal>
  );
}
