import type { UploadFile } from "antd";
import { App, Button, Card, Checkbox, Form, Input } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import type { RequestDetail } from "../../../shared/requests/types";
import { api } from "../shared/api";
import { PageHeading } from "../shared/components/PageHeading";
import { ProblemAlert } from "../shared/components/ProblemAlert";
import { SubPageTrail } from "../shared/components/SubPageTrail";
import { useI18n } from "../shared/I18nProvider";
import { LocationFields } from "./LocationFields";
import { PhotoPicker, uploadPhotos } from "./PhotoPicker";
import { RequestFields } from "./RequestFields";
import { commonBody, useSubmit } from "./useSubmit";
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
  publicView?: boolean;
}

const FIELDS = ["title", "description", "category", "address", "lat", "lng", "contactName", "contactPhone"];

/** 提交诉求: the citizen's form, with an optional map and photos. */
export function FileRequestPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [photos, setPhotos] = useState<UploadFile[]>([]);
  const { busy, error, run } = useSubmit(form, FIELDS);
  const anonymous = Form.useWatch("anonymous", form);

  const submit = (values: Values) =>
    run(async () => {
      const created = await api<RequestDetail>("/api/requests", {
        method: "POST",
        body: {
          ...commonBody(values),
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
    });

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
          <RequestFields hints={true} />
          <LocationFields />
          <Form.Item label={t("requests.field.photos")} extra={t("requests.field.photosHint")}>
            <PhotoPicker files={photos} onChange={setPhotos} />
          </Form.Item>
          <Form.Item name="anonymous" valuePropName="checked">
            <Checkbox>{t("requests.field.anonymous")}</Checkbox>
          </Form.Item>
          <Form.Item name="publicView" valuePropName="checked" initialValue={true}>
            <Checkbox data-testid="request-public-view">{t("requests.field.publicView")}</Checkbox>
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
