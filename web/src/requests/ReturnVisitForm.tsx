import { App, Button, Card, Form, Input, Radio } from "antd";
import { api } from "../shared/api";
import { ProblemAlert } from "../shared/components/ProblemAlert";
import { useI18n } from "../shared/I18nProvider";
import { useSubmit } from "./useSubmit";

interface Values {
  resolved: boolean;
  satisfied: boolean;
  comment?: string;
}

/** 回访: resolved or not, satisfied or not (the requester, or a hotline agent calling them). */
export function ReturnVisitForm({
  requestId,
  byPhone,
  onDone,
}: {
  requestId: string;
  byPhone: boolean;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { busy, error, run } = useSubmit();
  const yesNo = [
    { value: true, label: t("requests.visit.yes") },
    { value: false, label: t("requests.visit.no") },
  ];

  const submit = (values: Values) =>
    run(async () => {
      await api(`/api/requests/${encodeURIComponent(requestId)}/return-visit`, {
        method: "POST",
        body: values,
      });
      message.success(t("requests.visit.done"));
      onDone();
    });

  return (
    <Card
      title={
        <h2 className="card-heading">
          {byPhone ? t("requests.action.visitByPhone") : t("requests.visit.title")}
        </h2>
      }
      data-testid="return-visit"
    >
      <p className="muted">{t("requests.visit.intro")}</p>
      {error ? <ProblemAlert error={error} /> : null}
      <Form<Values> layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="resolved"
          label={t("requests.visit.resolved")}
          rules={[{ required: true, message: t("requests.visit.resolved") }]}
        >
          <Radio.Group options={yesNo} optionType="button" />
        </Form.Item>
        <Form.Item
          name="satisfied"
          label={t("requests.visit.satisfied")}
          rules={[{ required: true, message: t("requests.visit.satisfied") }]}
        >
          <Radio.Group options={yesNo} optionType="button" />
        </Form.Item>
        <Form.Item name="comment" label={t("requests.visit.comment")}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t("requests.visit.submit")}
        </Button>
      </Form>
    </Card>
  );
}
