import { DownloadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Form, InputNumber } from "antd";
import { useEffect, useState } from "react";
import { ApiError, api, apiText, withQuery } from "../shared/api";
import type { LedgerExport } from "../shared/api-types";
import { problemText } from "../shared/components/ProblemAlert";
import { showProblemOnField } from "../shared/formErrors";
import { useI18n } from "../shared/I18nProvider";

const EXPORT_MAX = 1000;

interface Values {
  from: number;
  to: number;
}

/** The size line of a checkpoint note ("origin\nsize\nroot\n\n— signature"); shown, not trusted. */
function sizeOf(note: string): number | null {
  const size = Number(note.split("\n")[1]);
  return Number.isSafeInteger(size) && size >= 0 ? size : null;
}

function download(name: string, data: unknown): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Auditors download a range of entries with their inclusion proofs and the signed checkpoint. */
export function LedgerExportCard() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [size, setSize] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    apiText("/ledger/checkpoint", { signal: controller.signal })
      .then((note) => {
        const signed = sizeOf(note);
        setSize(signed);
        if (signed !== null && form.getFieldValue("to") === undefined) {
          form.setFieldsValue({ from: Math.max(0, signed - 100), to: signed });
        }
      })
      .catch(() => {
        // The size is a convenience; the form still works without it.
      });
    return () => controller.abort();
  }, [form]);

  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      const result = await api<LedgerExport>(
        withQuery("/api/ledger/export", { from: values.from, to: values.to }),
      );
      download(`yimen-ledger-${values.from}-${values.to}.json`, result);
      setSize(result.treeSize);
      void message.success(t("ledgerExport.done", { count: result.entries.length }));
    } catch (cause) {
      if (!(cause instanceof ApiError)) {
        throw cause;
      }
      if (!showProblemOnField(form, cause, ["from", "to"])) {
        setError(problemText(cause, t("app.networkError")));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      className="admin-card ledger-card"
      title={<h2 className="card-heading">{t("ledgerExport.title")}</h2>}
      data-testid="ledger-export"
    >
      <p className="muted ledger-card__lead">{t("ledgerExport.intro")}</p>
      {size !== null ? <p className="ledger-card__lead">{t("ledgerExport.treeSize", { size })}</p> : null}
      {error ? <Alert type="error" showIcon title={error} className="ledger-card__alert" /> : null}
      <Form<Values>
        form={form}
        name="ledger-export"
        layout="vertical"
        className="ledger-export"
        requiredMark={false}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item
          name="from"
          label={t("ledgerExport.from")}
          rules={[{ required: true, message: t("ledgerExport.required") }]}
        >
          <InputNumber min={0} precision={0} />
        </Form.Item>
        <Form.Item
          name="to"
          label={t("ledgerExport.to")}
          dependencies={["from"]}
          rules={[
            { required: true, message: t("ledgerExport.required") },
            ({ getFieldValue }) => ({
              validator: (_, value?: number | null) => {
                const from: number | undefined = getFieldValue("from");
                if (value == null || from == null) {
                  return Promise.resolve();
                }
                if (value <= from) {
                  return Promise.reject(new Error(t("ledgerExport.order")));
                }
                if (value - from > EXPORT_MAX) {
                  return Promise.reject(new Error(t("ledgerExport.max")));
                }
                if (size !== null && value > size) {
                  return Promise.reject(new Error(t("ledgerExport.beyond", { size })));
                }
                return Promise.resolve();
              },
            }),
          ]}
        >
          <InputNumber min={1} precision={0} />
        </Form.Item>
        <Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            icon={<DownloadOutlined aria-hidden="true" />}
            loading={busy}
          >
            {t("ledgerExport.download")}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
