import { Checkbox } from "antd";
import type { ResourceField } from "../../shared/api-types";
import { SensitivityTag } from "../../shared/exchange/Tags";
import { useI18n } from "../../shared/I18nProvider";

/** A resource's fields as checkboxes, each with its sensitivity (a Form.Item's control: value and onChange). */
export function FieldChecklist({
  fields,
  value,
  onChange,
  id,
}: {
  fields: readonly ResourceField[];
  value?: string[];
  onChange?: (value: string[]) => void;
  id?: string;
}) {
  const { pick } = useI18n();
  return (
    <Checkbox.Group
      {...(id ? { id } : {})}
      className="field-checklist"
      value={value}
      onChange={(v) => onChange?.(v as string[])}
    >
      {fields.map((field) => (
        <Checkbox key={field.name} value={field.name} data-testid={`field-${field.name}`}>
          <span className="field-checklist__label">{pick(field.label, field.labelEn)}</span>
          <SensitivityTag level={field.sensitivity} />
        </Checkbox>
      ))}
    </Checkbox.Group>
  );
}
