import { Alert, Button, Card, Cascader, Checkbox, Form, Input, Result } from "antd";
import { useState } from "react";
import { Link } from "react-router-dom";
import { REQUEST_LIMITS, type RequestDetail, type RequestsWorkspace } from "../../../shared/requests/types";
import { ApiError, api } from "../shared/api";
import { PageHeading } from "../shared/components/PageHeading";
import { ProblemAlert } from "../shared/components/ProblemAlert";
import { SubPageTrail } from "../shared/components/SubPageTrail";
import { showProblemOnField } from "../shared/formErrors";
import { useI18n } from "../shared/I18nProvider";
import { useApi } from "../shared/useApi";
import { LocationFields } from "./LocationFields";
import { categoryOptions, StatusTag, useCategories } from "./labels";
import "./requests.css";

interface Values {
  callerPhone: string;
  callerName?: string;
  anonymous?: boolean;
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
  const categories = useCategories();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [created, setCreated] = useState<RequestDetail | null>(null);

  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api<RequestDetail>("/api/requests/hotline", {
        method: "POST",
        body: {
          callerPhone: values.callerPhone,
          ...(values.callerName ? { callerName: values.callerName } : {}),
          anonymous: values.anonymous ?? false,
          ...(values.title ? { title: values.title } : {}),
          description: values.description,
          ...(values.category?.length ? { category: values.category[values.category.length - 1] } : {}),
          ...(values.address ? { address: values.address } : {}),
          ...(typeof values.lat === "number" && typeof values.lng === "number"
            ? { lat: values.lat, lng: values.lng }
            : {}),
        },
      });
      setCreated(r);
      form.resetFields();
    } catch (cause) {
      if (!(cause instanceof ApiError)) {
        throw cause;
      }
      if (!showProblemOnField(form, cause, FIELDS)) {
        setError(cause);
      }
    } finally {
      setBusy(false);
    }
  };

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
          <Form.Item name="title" label={t("requests.field.title")}>
            <Input maxLength={REQUEST_LIMITS.title} />
          </Form.Item>
          <Form.Item
            name="description"
            label={t("requests.field.description")}
            rules={[{ required: true, whitespace: true, message: t("requests.field.descriptionRequired") }]}
          >
            <Input.TextArea rows={6} showCount maxLength={REQUEST_LIMITS.text} />
          </Form.Item>
          <Form.Item name="category" label={t("requests.field.category")}>
            <Cascader
              options={categoryOptions(categories.data?.items ?? [], pick)}
              placeholder={t("requests.field.categoryHint")}
              changeOnSelect
              allowClear
            />
          </Form.Item>
          <LocationFields />
          <Button type="primary" htmlType="submit" loading={busy} data-testid="hotline-submit">
            {t("requests.hotline.submit")}
          </Button>
        </Form>
      </Card>
    </>
  );
}
