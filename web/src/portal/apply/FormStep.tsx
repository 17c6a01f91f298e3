import { SaveOutlined } from "@ant-design/icons";
import { Alert, App, Button, Form } from "antd";
import { useEffect, useMemo, useState } from "react";
import { ApiError, api } from "../../shared/api";
import { fieldOrder, problemTarget } from "../../shared/applications/form";
import type {
  ApplicationDetail,
  FieldProblem,
  FormValue,
  PrefillIssue,
} from "../../shared/applications/types";
import { ProblemAlert } from "../../shared/components/ProblemAlert";
import { useI18n } from "../../shared/I18nProvider";
import { editableValues, FormFields } from "./FormFields";

const filled = (v: FormValue | undefined) => v !== undefined && v !== null && v !== "";

/** The form problems to show on fields: every one once the applicant tried to go on, else only wrong entries. */
export function formProblems(
  application: ApplicationDetail,
  revealAll: boolean,
): { name: string; message: string }[] {
  return application.problems
    .map((p: FieldProblem) => ({ ...problemTarget(p.field), message: p.message }))
    .filter((p) => p.part === "form" && (revealAll || filled(application.form[p.name])));
}

/**
 * 填写表单: the form from its JSON Schema and UI hints, pre-filled fields read-only with their source;
 * saved as a draft, checked by the server, its problems shown on the fields.
 */
export function FormStep({
  application,
  issues,
  resourceName,
  departmentName,
  revealAll,
  onSaved,
  onBack,
  onNext,
}: {
  application: ApplicationDetail;
  /** Registries that could not be read just now: their fields are the applicant's to type. */
  issues: PrefillIssue[];
  resourceName: (id: string) => string;
  departmentName: (code: string) => string;
  revealAll: boolean;
  onSaved: (detail: ApplicationDetail) => void;
  onBack: () => void;
  onNext: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, unknown>>();
  const [busy, setBusy] = useState<"save" | "next" | null>(null);
  const [error, setError] = useState<ApiError>();
  const definition = application.formDefinition;
  const initial = useMemo(() => ({ ...application.form }), [application.form]);
  const problems = useMemo(() => formProblems(application, revealAll), [application, revealAll]);

  // The server's problems, on fields the browser's own checks have not already explained (its words
  // are plainer than a schema validator's).
  useEffect(() => {
    const unexplained = problems.filter((p) => form.getFieldError(p.name).length === 0);
    if (unexplained.length > 0) {
      form.setFields(unexplained.map((p) => ({ name: p.name, errors: [p.message] })));
    }
  }, [form, problems]);

  if (!definition) {
    return <p className="muted">{t("apps.noForm")}</p>;
  }

  // "Next" saves whatever was typed (nothing is lost), then shows the browser's checks and the
  // server's (check characters, formats) on the fields, the first one focused.
  const save = async (then: "save" | "next") => {
    setError(undefined);
    let invalid: string[] = [];
    if (then === "next") {
      invalid = await form.validateFields().then(
        () => [],
        (failed: { errorFields?: { name: (string | number)[] }[] }) =>
          (failed.errorFields ?? []).map((f) => String(f.name[0])),
      );
    }
    setBusy(then);
    try {
      const detail = await api<ApplicationDetail>(`/api/applications/${encodeURIComponent(application.id)}`, {
        method: "PATCH",
        body: { form: editableValues(definition, application, form.getFieldsValue(true)) },
      });
      onSaved(detail);
      if (then === "save") {
        message.success(t("apps.saved"));
        return;
      }
      const server = formProblems(detail, true).filter((p) => !invalid.includes(p.name));
      form.setFields(server.map((p) => ({ name: p.name, errors: [p.message] })));
      const wrong = new Set([...invalid, ...server.map((p) => p.name)]);
      const first = fieldOrder(definition).find((name) => wrong.has(name));
      if (first) {
        form.focusField(first);
        return;
      }
      onNext();
    } catch (cause) {
      if (!(cause instanceof ApiError)) {
        throw cause;
      }
      const target = cause.field ? problemTarget(cause.field) : null;
      if (target?.part === "form" && definition.schema.properties[target.name]) {
        form.setFields([{ name: target.name, errors: [cause.problem.detail ?? cause.problem.title] }]);
        form.focusField(target.name);
      } else {
        setError(cause);
      }
    } finally {
      setBusy(null);
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={initial}
      requiredMark
      className="apply-form"
      data-testid="apply-form"
      onFinish={() => void save("next")}
      onFinishFailed={() => void save("next")}
    >
      {issues.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          className="block-gap"
          data-testid="prefill-issues"
          title={t("apps.form.prefillIssues")}
          description={
            <ul className="plain-list">
              {issues.map((issue) => (
                <li key={issue.resource}>
                  {resourceName(issue.resource)}：{issue.message}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
      {Object.keys(application.prefill).length > 0 ? (
        <p className="muted small">{t("apps.form.prefilledHint")}</p>
      ) : null}
      <FormFields definition={definition} application={application} departmentName={departmentName} />
      {error ? (
        <div className="block-gap">
          <ProblemAlert error={error} />
        </div>
      ) : null}
      <div className="apply-actions">
        <Button size="large" onClick={onBack} disabled={busy !== null}>
          {t("apps.back")}
        </Button>
        <Button
          size="large"
          icon={<SaveOutlined aria-hidden="true" />}
          loading={busy === "save"}
          disabled={busy === "next"}
          onClick={() => void save("save")}
          data-testid="save-draft"
        >
          {t("apps.saveDraft")}
        </Button>
        <Button
          type="primary"
          size="large"
          htmlType="submit"
          loading={busy === "next"}
          disabled={busy === "save"}
        >
          {t("apps.next")}
        </Button>
      </div>
    </Form>
  );
}
