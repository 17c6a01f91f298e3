import { useI18n } from "../I18nProvider";
import { fieldOrder, fieldTitle } from "./form";
import { SourceTag } from "./SourceTag";
import type { ApplicationDetail, FormValue } from "./types";

/** The application's entries as a read-only list, each pre-filled one with its source. */
export function FormValues({
  application,
  departmentName,
  linkToLedger,
  only,
}: {
  application: Pick<ApplicationDetail, "form" | "prefill" | "formDefinition">;
  departmentName: (code: string) => string;
  linkToLedger: boolean;
  /** Show only these fields (a 补正's), in the form's order. */
  only?: readonly string[];
}) {
  const { t, pick } = useI18n();
  const definition = application.formDefinition;
  const names = definition ? fieldOrder(definition) : Object.keys(application.form);
  const shown = only ? names.filter((n) => only.includes(n)) : names;
  const display = (value: FormValue | undefined) => {
    if (value === undefined || value === null || value === "") {
      return <span className="muted">{t("apps.notFilled")}</span>;
    }
    if (typeof value === "boolean") {
      return t(value ? "apps.yes" : "apps.no");
    }
    return String(value);
  };
  return (
    <dl className="form-values" data-testid="form-values">
      {shown.map((name) => {
        const source = application.prefill[name];
        return (
          <div key={name} className="form-values__row" data-field={name}>
            <dt>{fieldTitle(definition, name, pick)}</dt>
            <dd>
              <span className="form-values__value">{display(application.form[name])}</span>
              {source ? (
                <SourceTag source={source} departmentName={departmentName} linkToLedger={linkToLedger} />
              ) : null}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
