import { App, Button, Form, Input } from "antd";
import { useState } from "react";
import { ApiError, api } from "../../shared/api";
import { fieldTitle, problemTarget } from "../../shared/applications/form";
import { MaterialSource } from "../../shared/applications/MaterialsList";
import type { ApplicationDetail, ApplicationTask, FieldProblem } from "../../shared/applications/types";
import { ProblemAlert } from "../../shared/components/ProblemAlert";
import type { Catalogue } from "../../shared/exchange/useCatalogue";
import { useI18n } from "../../shared/I18nProvider";
import { editableValues, FormFields } from "../apply/FormFields";
import { MaterialUpload } from "../apply/MaterialUpload";

/** What a 补正 asks for, sorted into form fields, materials and other things said in words. */
export function supplementTargets(application: ApplicationDetail, items: readonly string[]) {
  const fields: string[] = [];
  const materials: string[] = [];
  const other: string[] = [];
  const properties = application.formDefinition?.schema.properties ?? {};
  for (const item of items) {
    const target = problemTarget(item);
    const name = target.part === "other" ? item : target.name;
    if (target.part !== "materials" && name in properties) {
      fields.push(name);
    } else if (target.part !== "form" && application.materials.some((m) => m.id === name)) {
      materials.push(name);
    } else {
      other.push(item);
    }
  }
  return { fields, materials, other };
}

/**
 * A department asked for supplements (补正): what it asked for, and the form to supply it; the
 * task's clock stays paused until the applicant sends it.
 */
export function SupplyPanel({
  application,
  task,
  catalogue,
  departmentName,
  onChanged,
}: {
  application: ApplicationDetail;
  task: ApplicationTask;
  catalogue: Catalogue;
  departmentName: (code: string) => string;
  onChanged: (detail?: ApplicationDetail) => void;
}) {
  const { t, pick, dateTime } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, unknown>>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const request = task.supplement;
  if (!request) {
    return null;
  }
  const { fields, materials, other } = supplementTargets(application, request.items);
  const definition = application.formDefinition;
  const editable = fields.filter((f) => !application.prefill[f]);

  const send = async () => {
    setError(undefined);
    try {
      await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      const values = form.getFieldsValue(true);
      const entries = definition ? editableValues(definition, application, values, editable) : {};
      const note = typeof values.supplyNote === "string" ? values.supplyNote.trim() : "";
      const detail = await api<ApplicationDetail>(
        `/api/applications/${encodeURIComponent(application.id)}/supply`,
        {
          method: "POST",
          body: {
            task: task.id,
            ...(Object.keys(entries).length > 0 ? { form: entries } : {}),
            ...(note ? { note } : {}),
          },
        },
      );
      message.success(t("apps.supply.sent"));
      onChanged(detail);
    } catch (cause) {
      if (!(cause instanceof ApiError)) {
        throw cause;
      }
      const errors = (cause.problem as { errors?: FieldProblem[] }).errors;
      const onFields = (errors ?? [])
        .map((e) => ({ ...problemTarget(e.field), message: e.message }))
        .filter((e) => e.part === "form" && editable.includes(e.name));
      if (onFields.length > 0) {
        form.setFields(onFields.map((e) => ({ name: e.name, errors: [e.message] })));
      }
      if (onFields.length !== (errors?.length ?? 0) || !errors) {
        setError(cause);
      }
    } finally {
      setBusy(false);
    }
  };

  const asked = [
    ...fields.map((f) => fieldTitle(definition, f, pick)),
    ...materials.map((id) => {
      const m = application.materials.find((x) => x.id === id);
      return m ? pick(m.name, m.nameEn) : id;
    }),
    ...other,
  ];

  return (
    <section className="supply-panel" aria-labelledby={`supply-${task.id}`} data-testid="supply-panel">
      <h4 className="supply-panel__title" id={`supply-${task.id}`}>
        {t("apps.supply.title", {
          department: departmentName(request.department),
          at: dateTime(request.requestedAt),
        })}
      </h4>
      {asked.length > 0 ? (
        <ul className="plain-list supply-panel__asked" data-testid="supply-asked">
          {asked.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ul>
      ) : null}
      {request.note ? (
        <p className="supply-panel__note">
          <span className="muted">{t("apps.supply.note")}</span> {request.note}
        </p>
      ) : null}
      <p className="muted small">{t("apps.supply.paused")}</p>
      <Form
        form={form}
        layout="vertical"
        initialValues={application.form}
        className="apply-form"
        onFinish={() => void send()}
      >
        {definition && fields.length > 0 ? (
          <FormFields
            definition={definition}
            application={application}
            departmentName={departmentName}
            only={fields}
          />
        ) : null}
        {materials.length > 0 ? (
          <ul className="material-list">
            {materials.map((id) => {
              const m = application.materials.find((x) => x.id === id);
              if (!m) {
                return null;
              }
              return (
                <li key={id} className="material-list__item" data-material={id}>
                  <span className="material-list__name">{pick(m.name, m.nameEn)}</span>
                  {m.state ? (
                    <MaterialSource
                      applicationId={application.id}
                      state={m.state}
                      catalogue={catalogue}
                      departmentName={departmentName}
                      linkToLedger
                    />
                  ) : null}
                  <MaterialUpload
                    applicationId={application.id}
                    material={m}
                    onUploaded={() => onChanged()}
                  />
                </li>
              );
            })}
          </ul>
        ) : null}
        <Form.Item name="supplyNote" label={t("apps.supply.yourNote")}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
        </Form.Item>
        {error ? (
          <div className="block-gap">
            <ProblemAlert error={error} />
          </div>
        ) : null}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="supply-submit">
          {t("apps.supply.submit")}
        </Button>
      </Form>
    </section>
  );
}
