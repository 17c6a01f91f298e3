import { App, Cascader, Form, Input, Modal, Select, Switch } from "antd";
import type { RequestCategory } from "../../../shared/requests/types";
import { api } from "../shared/api";
import type { Department, Page } from "../shared/api-types";
import { ProblemAlert } from "../shared/components/ProblemAlert";
import { useI18n } from "../shared/I18nProvider";
import type { MessageKey } from "../shared/i18n";
import { useApi } from "../shared/useApi";
import { categoryOptions, categoryPath } from "./labels";
import { useSubmit } from "./useSubmit";

export type ActionKind =
  | "dispatch"
  | "note"
  | "reply"
  | "close"
  | "return"
  | "escalate"
  | "coHandle"
  | "contribute";

const PATH: Record<ActionKind, string> = {
  dispatch: "dispatch",
  note: "notes",
  reply: "reply",
  close: "close",
  return: "return",
  escalate: "escalate",
  coHandle: "co-handlers",
  contribute: "contribution",
};

const TITLE: Record<ActionKind, MessageKey> = {
  dispatch: "requests.action.dispatch",
  note: "requests.action.note",
  reply: "requests.action.reply",
  close: "requests.action.close",
  return: "requests.action.return",
  escalate: "requests.action.escalate",
  coHandle: "requests.action.coHandle",
  contribute: "requests.action.contribute",
};

interface Values {
  text?: string;
  reason?: string;
  note?: string;
  public?: boolean;
  category?: string[];
  department?: string;
  coHandlers?: string[];
}

/** Every department and unit as select options, in the reader's language. */
function useDepartmentOptions() {
  const { pick } = useI18n();
  const list = useApi<Page<Department>>("/api/departments?limit=200");
  return (list.data?.items ?? []).flatMap((d) => [
    { value: d.code, label: `${pick(d.name, d.nameEn)} (${d.code})` },
    ...d.units.map((u) => ({
      value: u.code,
      label: `${pick(d.name, d.nameEn)} · ${pick(u.name, u.nameEn)} (${u.code})`,
    })),
  ]);
}

/** One handling action in a dialog: what it needs (text, reason, category, departments), then the call. */
export function ActionModal({
  kind,
  requestId,
  categories,
  proposedCategory,
  onClose,
  onDone,
}: {
  kind: ActionKind;
  requestId: string;
  categories: RequestCategory[];
  proposedCategory?: string | undefined;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { busy, error, run } = useSubmit();
  const departments = useDepartmentOptions();

  const submit = async (values: Values) => {
    const body: Record<string, unknown> = {};
    if (kind === "dispatch") {
      body.category = values.category?.[values.category.length - 1];
      if (values.department) {
        body.department = values.department;
      }
      if (values.coHandlers?.length) {
        body.coHandlers = values.coHandlers;
      }
    } else if (kind === "coHandle") {
      body.department = values.department;
    } else if (kind === "return" || kind === "escalate") {
      body.reason = values.reason;
    } else if (kind === "close") {
      if (values.note) {
        body.note = values.note;
      }
    } else {
      body.text = values.text;
      if (kind === "note") {
        body.public = values.public ?? false;
      }
    }
    await run(async () => {
      await api(`/api/requests/${encodeURIComponent(requestId)}/${PATH[kind]}`, { method: "POST", body });
      message.success(t("requests.action.done"));
      onDone();
    });
  };

  return (
    <Modal
      open
      title={t(TITLE[kind])}
      okText={t(TITLE[kind])}
      cancelText={t("app.cancel")}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {error ? <ProblemAlert error={error} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ category: categoryPath(categories, proposedCategory), public: true }}
      >
        {kind === "dispatch" ? (
          <>
            <Form.Item
              name="category"
              label={t("requests.category")}
              rules={[{ required: true, message: t("requests.action.categoryRequired") }]}
            >
              <Cascader options={categoryOptions(categories, pick)} changeOnSelect />
            </Form.Item>
            <Form.Item
              name="department"
              label={t("requests.action.department")}
              extra={t("requests.action.leadDefault")}
            >
              <Select showSearch allowClear options={departments} optionFilterProp="label" />
            </Form.Item>
            <Form.Item name="coHandlers" label={t("requests.action.coHandlers")}>
              <Select mode="multiple" showSearch allowClear options={departments} optionFilterProp="label" />
            </Form.Item>
          </>
        ) : null}
        {kind === "coHandle" ? (
          <Form.Item
            name="department"
            label={t("requests.action.department")}
            rules={[{ required: true, message: t("requests.action.departmentRequired") }]}
          >
            <Select showSearch options={departments} optionFilterProp="label" />
          </Form.Item>
        ) : null}
        {kind === "return" || kind === "escalate" ? (
          <Form.Item
            name="reason"
            label={t("requests.action.reason")}
            extra={t(kind === "return" ? "requests.action.returnHint" : "requests.action.escalateHint")}
            rules={[{ required: true, whitespace: true, message: t("requests.action.reasonRequired") }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        ) : null}
        {kind === "close" ? (
          <Form.Item name="note" label={t("requests.action.text")}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        ) : null}
        {kind === "reply" || kind === "note" || kind === "contribute" ? (
          <Form.Item
            name="text"
            label={t("requests.action.text")}
            rules={[{ required: true, whitespace: true, message: t("requests.action.textRequired") }]}
          >
            <Input.TextArea
              rows={kind === "reply" ? 6 : 3}
              maxLength={kind === "reply" ? 4000 : 2000}
              showCount
            />
          </Form.Item>
        ) : null}
        {kind === "note" ? (
          <Form.Item name="public" label={t("requests.action.public")} valuePropName="checked">
            <Switch />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
