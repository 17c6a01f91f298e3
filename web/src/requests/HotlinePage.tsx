import { Alert, Button, Card, Checkbox, Form, Input, Result } from "antd";
import { useState } from "react";
import { Link } from "react-router-dom";
import type { RequestDetail, RequestsWorkspace } from "../../../shared/requests/types";
import { api } from "../shared/api";
import { PageHeading } from "../shared/components/PageHeading";
import { ProblemAlert } from "../shared/components/ProblemAlert";
import { SubPageTrail } from "../shared/components/SubPageTrail";
import { useI18n } from "../shared/I18nProvider";
import { useApi } from "../shared/useApi";
import { LocationFields } from "./LocationFields";
import { StatusTag } from "./labels";
import { RequestFields } from "./RequestFields";
import { commonBody, useSubmit } from "./useSubmit";
import "./requests.css";

interface Values {
  callerPhone: string;
  callerName?: string;
  anonymous?: boolean;
  publicView?: boolean;
  title?: string;
  description: string;
  category?: string[];
  address?: string;
  lat?: number | null;
  lng?: number | null;
}

const FIELDS = ["callerPhone", "callerName", "title", "description", "category", "address", "lat", "lng"];

/** The 12345 operator screen: type what the caller says; the platform classifies and dispatches. */
export function HotlinePage() {
  const { t, pick } = useI18n();
  const [form] = Form.useForm<Values>();
  const workspace = useApi<RequestsWorkspace>("/api/requests/workspace");
  const { busy, error, run } = useSubmit(form, FIELDS);
  const [created, setCreated] = useState<RequestDetail | null>(null);

  const submit = (values: Values) =>
    run(async () => {
      const r = await api<RequestDetail>("/api/requests/hotline", {
        method: "POST",
        body: {
          ...commonBody(values),
          callerPhone: values.callerPhone,
          ...(values.callerName ? { callerName: values.callerName } : {}),
        },
      });
      setCreated(r);
      form.resetFields();
    });

  return (
    <>
      <SubPageTrail
        section={t("workbench.title")}
        sectionTo="/workbench"
        page={t("requests.hotline.title")}
      />
      <PageHeading title={t("requests.hotline.title")} intro={t("requests.hotline.intro")} />
      {workspace.data && !workspace.data.centre ? (
        <Alert type="warning" showIcon title={t("requests.hotline.notCentre")} />
      ) : null}
      {created ? (
        <Card className="hotline-result" data-testid="hotline-result">
          <Result
            status="success"
            title={t("requests.hotline.created", { number: created.number })}
            subTitle={
              <>
                <StatusTag status={created.status} />{" "}
                {created.department
                  ? t("requests.hotline.routed", {
                      department: pick(created.department.name, created.department.nameEn),
                    })
                  : t("requests.hotline.queued")}
              </>
            }
            extra={[
              <Link key="open" to={`/workbench/requests/${created.id}`}>
                {t("requests.hotline.open")}
              </Link>,
              <Button key="next" type="primary" onClick={() => setCreated(null)}>
                {t("requests.hotline.next")}
              </Button>,
            ]}
          />
        </Card>
      ) : null}
      <Card>
        {error ? <ProblemAlert error={error} /> : null}
        <Form<Values>
          form={form}
          layout="vertical"
          className="request-form"
          onFinish={(v) => void submit(v)}
          data-testid="hotline-form"
        >
          <div className="request-form__coords">
            <Form.Item
              name="callerPhone"
              label={t("requests.hotline.callerPhone")}
              rules={[
                { required: true, whitespace: true, message: t("requests.hotline.callerPhoneRequired") },
              ]}
            >
              <Input maxLength={20} inputMode="tel" autoComplete="off" />
            </Form.Item>
            <Form.Item name="callerName" label={t("requests.hotline.callerName")}>
              <Input maxLength={50} autoComplete="off" />
            </Form.Item>
          </div>
          <Form.Item name="anonymous" valuePropName="checked">
            <Checkbox>{t("requests.hotline.anonymous")}</Checkbox>
          </Form.Item>
          <Form.Item name="publicView" valuePropName="checked" initialValue={true}>
            <Checkbox data-testid="request-public-view">{t("requests.field.publicView")}</Checkbox>
          </Form.Item>
          <RequestFields hints={false} />
          <LocationFields />
          <Button type="primary" htmlType="submit" loading={busy} data-testid="hotline-submit">
            {t("requests.hotline.submit")}
          </Button>
        </Form>
      </Card>
    </>
  );
}
