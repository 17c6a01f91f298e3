import { InfoCircleOutlined, PaperClipOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Empty, Form, Input, Select, Skeleton, Upload } from "antd";
import { useMemo, useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import {
  AUTHORISATION_KINDS,
  AUTHORISATION_SCAN,
  type AuthorisationKind,
} from "../../../../shared/applications/assisted.js";
import { parseIdNumber } from "../../../../shared/identity/id-number.js";
import { readBase64 } from "../../portal/apply/MaterialUpload";
import { ApiError, api } from "../../shared/api";
import type { ItemList } from "../../shared/api-types";
import { formatBytes } from "../../shared/applications/labels";
import { authorisationKindKey } from "../../shared/applications/OnBehalfNote";
import { ApplicationStatusTag } from "../../shared/applications/Tags";
import type { ApplicationDetail, MyApplication } from "../../shared/applications/types";
import { MAX_UPLOAD_BYTES, UPLOAD_TYPES } from "../../shared/applications/types";
import { PageHeading } from "../../shared/components/PageHeading";
import { ProblemAlert } from "../../shared/components/ProblemAlert";
import { SubPageTrail } from "../../shared/components/SubPageTrail";
import { useI18n } from "../../shared/I18nProvider";
import type { BundleSummary, ServiceSummary } from "../../shared/services-api";
import { useApi } from "../../shared/useApi";
import "../../shared/applications/applications.css";

interface AssistForm {
  service: string;
  name: string;
  idNumber: string;
  kind: AuthorisationKind;
  reference: string;
  note?: string;
}

/** Which form field a problem of POST /api/applications is about. */
const FIELD_OF: Record<string, keyof AssistForm> = {
  "body.service": "service",
  "body.onBehalf.name": "name",
  "body.onBehalf.idNumber": "idNumber",
  "body.onBehalf.authorisation.reference": "reference",
};

/** Where an assisted application opens: a draft on the form, anything else in the list. */
export const assistedApplyLink = (app: Pick<MyApplication, "id" | "service">) =>
  `/workbench/assist/apply/${encodeURIComponent(app.service.code)}?draft=${app.id}&step=form`;

/**
 * /workbench/assist (帮办代办): a 帮办员 chooses a service, enters the person (name and ID number,
 * checked as typed), records their authorisation (kind, reference, an optional scan), and goes on to
 * the form; below, the applications they made for others.
 */
export function AssistPage() {
  const { t, pick, dateTime } = useI18n();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<AssistForm>();
  const items = useApi<ItemList<ServiceSummary>>("/api/services?audience=person");
  const bundles = useApi<ItemList<BundleSummary>>("/api/bundles?audience=person");
  const mine = useApi<ItemList<MyApplication>>("/api/applications?limit=50");
  const [scan, setScan] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();

  const options = useMemo(
    () => [
      ...(bundles.data?.items ?? []).map((b) => ({
        value: `bundle:${b.code}`,
        label: pick(b.name, b.nameEn),
      })),
      ...(items.data?.items ?? []).map((i) => ({ value: `item:${i.code}`, label: pick(i.name, i.nameEn) })),
    ],
    [items.data, bundles.data, pick],
  );

  const start = async (values: AssistForm) => {
    setBusy(true);
    setError(undefined);
    const [kind, code] = values.service.split(":") as ["item" | "bundle", string];
    try {
      const draft = await api<ApplicationDetail>("/api/applications", {
        method: "POST",
        body: {
          kind,
          service: code,
          onBehalf: {
            idNumber: values.idNumber.trim().toUpperCase(),
            name: values.name.trim(),
            authorisation: {
              kind: values.kind,
              reference: values.reference.trim(),
              ...(values.note?.trim() ? { note: values.note.trim() } : {}),
            },
          },
        },
      });
      if (scan) {
        await api(`/api/applications/${encodeURIComponent(draft.id)}/uploads`, {
          method: "POST",
          body: {
            material: AUTHORISATION_SCAN,
            filename: scan.name,
            mediaType: scan.type,
            content: await readBase64(scan),
          },
        });
      }
      navigate(assistedApplyLink(draft));
    } catch (cause) {
      if (!(cause instanceof ApiError)) {
        throw cause;
      }
      const field = cause.field ? FIELD_OF[cause.field] : undefined;
      if (field) {
        form.setFields([{ name: field, errors: [cause.problem.detail ?? cause.problem.title] }]);
      } else {
        setError(cause);
      }
    } finally {
      setBusy(false);
    }
  };

  const idRule = {
    validator: (_: unknown, value: string | undefined) => {
      if (!value) {
        return Promise.resolve();
      }
      const parsed = parseIdNumber(value);
      if (parsed.ok) {
        return Promise.resolve();
      }
      return Promise.reject(
        new Error(
          t(
            parsed.problem === "format"
              ? "assist.idFormat"
              : parsed.problem === "checkDigit"
                ? "assist.idCheck"
                : "assist.idInvalid",
          ),
        ),
      );
    },
  };

  const assisted = (mine.data?.items ?? []).filter((a) => a.onBehalf);

  return (
    <>
      <SubPageTrail section={t("nav.workbench")} sectionTo="/workbench" page={t("assist.title")} />
      <PageHeading title={t("assist.title")} intro={t("assist.intro")} />

      <Card className="apply-card">
        <h2 className="apply-card__title">{t("assist.new")}</h2>
        <Alert
          type="info"
          showIcon
          icon={<InfoCircleOutlined aria-hidden="true" />}
          className="block-gap"
          title={t("assist.noPrefill.title")}
          description={t("assist.noPrefill.body")}
          data-testid="assist-no-prefill"
        />
        <Form<AssistForm>
          form={form}
          layout="vertical"
          requiredMark="optional"
          initialValues={{ kind: "written" }}
          onFinish={(values) => void start(values)}
          data-testid="assist-form"
        >
          <Form.Item name="service" label={t("assist.service")} rules={[{ required: true }]}>
            <Select
              showSearch={{ optionFilterProp: "label" }}
              options={options}
              loading={!items.data || !bundles.data}
              placeholder={t("assist.servicePlaceholder")}
              data-testid="assist-service"
            />
          </Form.Item>
          <fieldset className="assist-fieldset">
            <legend>{t("assist.person")}</legend>
            <Form.Item
              name="name"
              label={t("assist.personName")}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input maxLength={50} autoComplete="off" data-testid="assist-name" />
            </Form.Item>
            <Form.Item
              name="idNumber"
              label={t("assist.personId")}
              rules={[{ required: true }, idRule]}
              validateTrigger={["onBlur", "onSubmit"]}
            >
              <Input
                maxLength={18}
                autoComplete="off"
                spellCheck={false}
                className="mono"
                data-testid="assist-id"
              />
            </Form.Item>
          </fieldset>
          <fieldset className="assist-fieldset">
            <legend>{t("assist.authorisation")}</legend>
            <Form.Item name="kind" label={t("assist.kind")} rules={[{ required: true }]}>
              <Select
                options={AUTHORISATION_KINDS.map((k) => ({ value: k, label: t(authorisationKindKey(k)) }))}
                data-testid="assist-kind"
              />
            </Form.Item>
            <Form.Item
              name="reference"
              label={t("assist.reference")}
              extra={t("assist.referenceHint")}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input maxLength={100} autoComplete="off" data-testid="assist-reference" />
            </Form.Item>
            <Form.Item name="note" label={t("assist.note")}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} />
            </Form.Item>
            <Form.Item label={t("assist.scan")} extra={t("apps.upload.limits")} data-testid="assist-scan">
              <Upload
                accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                showUploadList={false}
                maxCount={1}
                beforeUpload={(file) => {
                  if (!(UPLOAD_TYPES as readonly string[]).includes(file.type)) {
                    message.error(t("apps.upload.badType", { file: file.name }));
                  } else if (file.size > MAX_UPLOAD_BYTES) {
                    message.error(
                      t("apps.upload.tooLarge", { file: file.name, size: formatBytes(file.size) }),
                    );
                  } else {
                    setScan(file);
                  }
                  // Kept here and uploaded with the draft, once it exists.
                  return false;
                }}
              >
                <Button icon={<PaperClipOutlined aria-hidden="true" />}>{t("assist.scanChoose")}</Button>
              </Upload>
              {scan ? (
                <span className="muted small assist-scan-name">
                  {t("assist.scanChosen", { file: scan.name })}
                </span>
              ) : null}
            </Form.Item>
          </fieldset>
          {error ? (
            <div className="block-gap">
              <ProblemAlert error={error} />
            </div>
          ) : null}
          <div className="apply-actions">
            <Button type="primary" size="large" htmlType="submit" loading={busy} data-testid="assist-start">
              {t("assist.start")}
            </Button>
          </div>
        </Form>
      </Card>

      <section aria-labelledby="assist-mine" className="block-gap">
        <h2 className="section-title" id="assist-mine">
          {t("assist.mine")}
        </h2>
        {mine.error ? (
          <ProblemAlert error={mine.error} onRetry={mine.reload} />
        ) : !mine.data ? (
          <Skeleton active paragraph={{ rows: 3 }} />
        ) : assisted.length === 0 ? (
          <Empty description={t("assist.mineEmpty")} />
        ) : (
          <ul className="use-list" data-testid="assisted-applications">
            {assisted.map((app) => (
              <li key={app.id}>
                <article className="use-card app-card" data-number={app.number}>
                  <div className="use-card__head">
                    <h3 className="use-card__title">
                      {t("assist.for", { name: app.subject.name })} ·{" "}
                      {pick(app.service.name, app.service.nameEn)}
                    </h3>
                    <ApplicationStatusTag status={app.status} />
                    <span className="use-card__time">
                      {app.submittedAt
                        ? t("apps.submittedAt", { at: dateTime(app.submittedAt) })
                        : t("apps.createdAt", { at: dateTime(app.createdAt) })}
                    </span>
                  </div>
                  <p className="app-card__number">
                    <span className="muted small">{t("apps.number")}</span>{" "}
                    <span className="code">{app.number}</span>
                    {app.onBehalf ? (
                      <span className="muted small">
                        {" "}
                        · {t(authorisationKindKey(app.onBehalf.authorisation.kind))}{" "}
                        {app.onBehalf.authorisation.reference}
                      </span>
                    ) : null}
                  </p>
                  {app.status === "draft" ? (
                    <p className="small">
                      <Link to={assistedApplyLink(app)}>{t("assist.continue")}</Link>
                    </p>
                  ) : null}
                </article>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
