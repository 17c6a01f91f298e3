import type { UploadFile } from "antd";
import { App, Button, Card, Cascader, Checkbox, Form, Input } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { REQUEST_LIMITS, type RequestDetail } from "../../../shared/requests/types";
import { ApiError, api } from "../shared/api";
import { PageHeading } from "../shared/components/PageHeading";
import { ProblemAlert } from "../shared/components/ProblemAlert";
import { SubPageTrail } from "../shared/components/SubPageTrail";
import { showProblemOnField } from "../shared/formErrors";
import { useI18n } from "../shared/I18nProvider";
import { LocationFields } from "./LocationFields";
import { categoryOptions, useCategories } from "./labels";
import { PhotoPicker, uploadPhotos } from "./PhotoPicker";
import "./requests.css";

interface Values {
  title?: string;
  description: string;
  category?: string[];
  address?: string;
  lat?: number | null;
  lng?: number | null;
  contactName?: string;
  contactPhone?: string;
  anonymous?: boolean;
}

const FIELDS = ["title", "description", "category", "address", "lat", "lng", "contactName", "contactPhone"];

/** 提交诉求: the citizen's form, with an optional map and photos. */
export function FileRequestPage() {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const categories = useCategories();
  const [photos, setPhotos] = useState<UploadFile[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const anonymous = Form.useWatch("anonymous", form);

  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      const created = await api<RequestDetail>("/api/requests", {
        method: "POST",
        body: {
          ...(values.title ? { title: values.title } : {}),
          description: values.description,
          ...(values.category?.length ? { category: values.category[values.category.length - 1] } : {}),
          ...(values.address ? { address: values.address } : {}),
          ...(typeof values.lat === "number" && typeof values.lng === "number"
            ? { lat: values.lat, lng: values.lng }
            : {}),
          anonymous: values.anonymous ?? false,
          ...(values.anonymous ? {} : { contactName: values.contactName, contactPhone: values.contactPhone }),
        },
      });
      const failed = await uploadPhotos(created.id, photos, (path, body) =>
        api(path, { method: "POST", body }),
      );
      for (const f of failed) {
        message.error(t("requests.photoFailed", f));
      }
      message.success(t("requests.submitted", { number: created.number }));
      navigate(`/portal/requests/${created.id}`);
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
      <SubPageTrail section={t("requests.title")} sectionTo="/portal/requests" page={t("requests.new")} />
      <PageHeading title={t("requests.new")} intro={t("requests.newIntro")} />
      <Card>
        {error ? <ProblemAlert error={error} /> : null}
        <Form<Values>
          form={form}
          layout="vertical"
          className="request-form"
          onFinish={(v) => void submit(v)}
          data-testid="request-form"
          requiredMark="optional"
        >
          <Form.Item name="title" label={t("requests.field.title")}>
            <Input maxLength={REQUEST_LIMITS.title} placeholder={t("requests.field.titleHint")} />
          </Form.Item>
          <Form.Item
            name="description"
            label={t("requests.field.description")}
            rules={[{ required: true, whitespace: true, message: t("requests.field.descriptionRequired") }]}
          >
            <Input.TextArea
              rows={6}
              showCount
              maxLength={REQUEST_LIMITS.text}
              placeholder={t("requests.field.descriptionHint")}
            />
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
          <Form.Item label={t("requests.field.photos")} extra={t("requests.field.photosHint")}>
            <PhotoPicker files={photos} onChange={setPhotos} />
          </Form.Item>
          <Form.Item name="anonymous" valuePropName="checked">
            <Checkbox>{t("requests.field.anonymous")}</Checkbox>
          </Form.Item>
          {anonymous ? null : (
            <div className="request-form__coords">
              <Form.Item name="contactName" label={t("requests.field.contactName")}>
                <Input maxLength={50} autoComplete="name" />
              </Form.Item>
              <Form.Item
                name="contactPhone"
                label={t("requests.field.contactPhone")}
                extra={t("requests.field.contactPhoneHint")}
              >
                <Input maxLength={20} inputMode="tel" autoComplete="tel" />
              </Form.Item>
            </div>
          )}
          <Button type="primary" htmlType="submit" loading={busy} data-testid="request-submit">
            {t("requests.submit")}
          </Button>
        </Form>
      </Card>
    </>
  );
}
