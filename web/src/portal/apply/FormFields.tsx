import { Form, Input, InputNumber, Radio, Select } from "antd";
import type { Rule } from "antd/es/form";
import type { ReactNode } from "react";
import { fieldOrder, formatChinaTime } from "../../shared/applications/form";
import { SourceTag } from "../../shared/applications/SourceTag";
import type {
  ApplicationDetail,
  FormProperty,
  FormUiHint,
  FormValue,
  ServiceForm,
} from "../../shared/applications/types";
import { useI18n } from "../../shared/I18nProvider";

// Checks the browser can make at once; the server checks again (and the check characters of
// 身份证号 and 统一社会信用代码) when the draft is saved and submitted.
const ID_NUMBER = /^[0-9]{17}[0-9Xx]$/;
const MOBILE = /^1[3-9][0-9]{9}$/;
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The input a property and its UI hint call for. */
function widget(
  prop: FormProperty,
  hint: FormUiHint | undefined,
  placeholder: string | undefined,
): ReactNode {
  const kind = hint?.widget;
  if (prop.type === "boolean") {
    return <BooleanRadio />;
  }
  if (prop.enum) {
    const options = prop.enum.map((value) => ({ value, label: value }));
    if (kind === "radio" || (kind !== "select" && prop.enum.length <= 3)) {
      return <Radio.Group options={options} />;
    }
    return <Select options={options} placeholder={placeholder} allowClear showSearch />;
  }
  if (prop.type === "number" || prop.type === "integer") {
    return (
      <InputNumber
        className="apply-form__number"
        min={prop.minimum}
        max={prop.maximum}
        precision={prop.type === "integer" ? 0 : undefined}
        placeholder={placeholder}
      />
    );
  }
  if (kind === "textarea") {
    return (
      <Input.TextArea
        autoSize={{ minRows: 3, maxRows: 8 }}
        maxLength={prop.maxLength}
        showCount={!!prop.maxLength}
        placeholder={placeholder}
      />
    );
  }
  if (prop.format === "date-time") {
    return <DateTimeInput />;
  }
  if (kind === "date" || prop.format === "date") {
    return <Input type="date" className="apply-form__date" />;
  }
  if (kind === "idNumber" || kind === "creditCode") {
    return (
      <Input
        maxLength={18}
        autoComplete="off"
        spellCheck={false}
        className="mono"
        placeholder={placeholder}
      />
    );
  }
  if (kind === "mobile") {
    return (
      <Input
        type="tel"
        inputMode="numeric"
        autoComplete="tel"
        maxLength={11}
        className="mono"
        placeholder={placeholder}
      />
    );
  }
  if (prop.format === "email") {
    return <Input type="email" autoComplete="email" placeholder={placeholder} />;
  }
  return <Input maxLength={prop.maxLength} placeholder={placeholder} />;
}

/** A date and time in China (UTC+8), stored as an RFC 3339 date-time with its offset. */
function DateTimeInput(props: {
  value?: string;
  onChange?: (value: string | undefined) => void;
  id?: string;
}) {
  return (
    <Input
      id={props.id}
      type="datetime-local"
      className="apply-form__date"
      value={props.value ? chinaLocal(props.value) : ""}
      onChange={(e) => props.onChange?.(e.target.value ? `${e.target.value}:00+08:00` : undefined)}
    />
  );
}

/** "2026-11-18T01:42:00Z" → "2026-11-18T09:42", the wall-clock time in China. */
function chinaLocal(iso: string): string {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? "" : new Date(at + 8 * 3_600_000).toISOString().slice(0, 16);
}

function BooleanRadio(props: { value?: boolean; onChange?: (value: boolean) => void; id?: string }) {
  const { t } = useI18n();
  return (
    <Radio.Group
      id={props.id}
      value={props.value}
      onChange={(e) => props.onChange?.(e.target.value as boolean)}
      options={[
        { value: true, label: t("apps.yes") },
        { value: false, label: t("apps.no") },
      ]}
    />
  );
}

/** The form's editable fields as antd Form items; pre-filled fields read-only with their source. */
export function FormFields({
  definition,
  application,
  departmentName,
  only,
}: {
  definition: ServiceForm;
  application: Pick<ApplicationDetail, "form" | "prefill">;
  departmentName: (code: string) => string;
  /** Only these fields (a 补正's). */
  only?: readonly string[];
}) {
  const { t, pick, locale } = useI18n();
  const names = fieldOrder(definition).filter((n) => !only || only.includes(n));
  return (
    <>
      {names.map((name) => {
        const prop = definition.schema.properties[name];
        if (!prop) {
          return null;
        }
        const hint = definition.ui.hints?.[name];
        const label = pick(prop.title, prop.titleEn);
        const required = definition.schema.required.includes(name);
        const source = application.prefill[name];
        if (source) {
          const value = application.form[name];
          const sourceId = `source-${name}`;
          return (
            <Form.Item
              key={name}
              label={label}
              htmlFor={`field-${name}`}
              required={required}
              extra={<SourceTag id={sourceId} source={source} departmentName={departmentName} linkToLedger />}
              className="apply-form__item apply-form__item--prefilled"
              data-field={name}
              data-prefilled="true"
            >
              <Input
                id={`field-${name}`}
                readOnly
                value={displayValue(value, prop, t("apps.yes"), t("apps.no"), locale)}
                aria-describedby={sourceId}
                className="apply-form__readonly"
              />
            </Form.Item>
          );
        }
        const rules: Rule[] = [];
        if (required) {
          rules.push({ required: true, message: t("apps.fieldRequired", { field: label }) });
        }
        if (prop.type === "string" && !prop.enum) {
          if (prop.minLength !== undefined || prop.maxLength !== undefined) {
            rules.push({
              min: prop.minLength,
              max: prop.maxLength,
              message: t("apps.fieldLength", {
                field: label,
                min: prop.minLength ?? 0,
                max: prop.maxLength ?? "∞",
              }),
            });
          }
          const pattern =
            hint?.widget === "idNumber"
              ? ID_NUMBER
              : hint?.widget === "mobile"
                ? MOBILE
                : hint?.widget === "creditCode"
                  ? CREDIT_CODE
                  : prop.pattern
                    ? safePattern(prop.pattern)
                    : null;
          if (pattern) {
            rules.push({ pattern, message: t("apps.fieldPattern", { field: label }) });
          }
        }
        const help = hint?.help ? pick(hint.help, hint.helpEn) : undefined;
        const upper = hint?.widget === "idNumber" || hint?.widget === "creditCode";
        return (
          <Form.Item
            key={name}
            name={name}
            label={label}
            rules={rules}
            extra={help}
            normalize={upper ? (v: unknown) => (typeof v === "string" ? v.toUpperCase() : v) : undefined}
            className="apply-form__item"
            data-field={name}
          >
            {widget(prop, hint, hint?.placeholder)}
          </Form.Item>
        );
      })}
    </>
  );
}

function safePattern(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern, "u");
  } catch {
    return null;
  }
}

function displayValue(
  value: FormValue | undefined,
  prop: FormProperty,
  yes: string,
  no: string,
  locale: string,
): string {
  if (typeof value === "boolean") {
    return value ? yes : no;
  }
  if (typeof value === "string" && prop.format === "date-time") {
    return formatChinaTime(value, locale);
  }
  return value === null || value === undefined ? "" : String(value);
}

/** The entries to save: every editable field of the form, cleared ones as null (the server drops them). */
export function editableValues(
  definition: ServiceForm,
  application: Pick<ApplicationDetail, "prefill">,
  values: Record<string, unknown>,
  only?: readonly string[],
): Record<string, FormValue> {
  const out: Record<string, FormValue> = {};
  for (const name of Object.keys(definition.schema.properties)) {
    if (application.prefill[name] || (only && !only.includes(name))) {
      continue;
    }
    const v = values[name];
    out[name] =
      typeof v === "string"
        ? v.trim() === ""
          ? null
          : v.trim()
        : typeof v === "number" || typeof v === "boolean"
          ? v
          : null;
  }
  return out;
}
