import { useId } from "react";
import { useI18n } from "../I18nProvider";
import { fieldOrder, fieldTitle, formatChinaTime } from "./form";
import { SourceTag } from "./SourceTag";
import type { ApplicationDetail, FormValue, PrefillSource } from "./types";

/**
 * The application's entries as a read-only list. Each pre-filled value carries a note number; the
 * notes beneath say where the values came from (one per registry read), so a long form stays short
 * on a phone while every value keeps its source.
 */
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
  const { t, pick, locale } = useI18n();
  const prefix = useId();
  const definition = application.formDefinition;
  const names = definition ? fieldOrder(definition) : Object.keys(application.form);
  const shown = only ? names.filter((n) => only.includes(n)) : names;
  const notes: PrefillSource[] = [];
  const noteOf = (source: PrefillSource) => {
    let index = notes.findIndex((n) => n.resource === source.resource && n.ledgerSeq === source.ledgerSeq);
    if (index < 0) {
      notes.push(source);
      index = notes.length - 1;
    }
    return index + 1;
  };
  const display = (name: string, value: FormValue | undefined) => {
    if (value === undefined || value === null || value === "") {
      return <span className="muted">{t("apps.notFilled")}</span>;
    }
    if (typeof value === "boolean") {
      return t(value ? "apps.yes" : "apps.no");
    }
    if (typeof value === "string" && definition?.schema.properties[name]?.format === "date-time") {
      return formatChinaTime(value, locale);
    }
    return String(value);
  };
  const rows = shown.map((name) => {
    const source = application.prefill[name];
    return { name, note: source ? noteOf(source) : null };
  });
  return (
    <div className="form-values-block" data-testid="form-values">
      <dl className="form-values">
        {rows.map(({ name, note }) => (
          <div
            key={name}
            className="form-values__row"
            data-field={name}
            data-prefilled={note ? "true" : undefined}
          >
            <dt>{fieldTitle(definition, name, pick)}</dt>
            <dd>
              <span className="form-values__value">
                {display(name, application.form[name])}
                {note ? (
                  <sup className="source-mark">
                    <a href={`#${prefix}-note-${note}`} aria-label={t("apps.sourceNote", { n: note })}>
                      {note}
                    </a>
                  </sup>
                ) : null}
              </span>
            </dd>
          </div>
        ))}
      </dl>
      {notes.length > 0 ? (
        <ol className="source-notes" aria-label={t("apps.sourceNotes")} data-testid="source-notes">
          {notes.map((source, index) => (
            <li key={`${source.resource}-${source.ledgerSeq}`} id={`${prefix}-note-${index + 1}`}>
              <SourceTag source={source} departmentName={departmentName} linkToLedger={linkToLedger} />
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
