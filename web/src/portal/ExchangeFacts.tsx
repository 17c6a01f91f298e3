import { Tag } from "antd";
import type { ReactNode } from "react";
import { PROBLEM_CODES } from "../shared/api-types";
import type { Catalogue } from "../shared/exchange/useCatalogue";
import { useI18n } from "../shared/I18nProvider";
import type { LedgerEntryV1 } from "../shared/ledger/entry";

type Details = LedgerEntryV1["details"];

const text = (value: Details[string] | undefined): string | null =>
  typeof value === "string" ? value : null;
const list = (value: Details[string] | undefined): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

/** "data/household-register" → "household-register". */
function resourceOf(entry: LedgerEntryV1): string | null {
  const detail = text(entry.details.resource);
  if (detail) {
    return detail;
  }
  return entry.resource?.startsWith("data/") ? entry.resource.slice(5) : null;
}

/**
 * The consent request's scope as recorded: "resource:field,field" strings, or, in entries written
 * before the details were flat, objects (the ledger is append-only, so both stay readable).
 */
function scopeOf(details: Details): { resource: string; fields: string[] }[] {
  const raw: unknown = details.scope;
  if (!Array.isArray(raw)) {
    return [];
  }
  return raw.flatMap((item: unknown) => {
    if (typeof item === "string") {
      const at = item.indexOf(":");
      return at > 0
        ? [
            {
              resource: item.slice(0, at),
              fields: item
                .slice(at + 1)
                .split(",")
                .filter(Boolean),
            },
          ]
        : [];
    }
    if (typeof item !== "object" || item === null) {
      return [];
    }
    const { resource, fields } = item as { resource?: unknown; fields?: unknown };
    return typeof resource === "string" && Array.isArray(fields)
      ? [{ resource, fields: fields.filter((f): f is string => typeof f === "string") }]
      : [];
  });
}

function Fact({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? "use-card__wide" : undefined}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/**
 * What an exchange entry says in the reader's terms: which department read which of their data, which
 * fields (masked ones marked), under which agreement and consent, and why a refused call was refused.
 */
export function ExchangeFacts({
  entry,
  catalogue,
  departmentName,
}: {
  entry: LedgerEntryV1;
  catalogue: Catalogue;
  departmentName: (code: string) => string;
}) {
  const { t } = useI18n();
  if (!entry.action.startsWith("exchange.")) {
    return null;
  }
  const d = entry.details;
  const resource = resourceOf(entry);
  const facts: ReactNode[] = [];
  const consumer = text(d.consumer) ?? text(d.requester);

  if (consumer) {
    facts.push(
      <Fact key="consumer" label={t(d.requester ? "dataUse.x.requester" : "dataUse.x.consumer")}>
        <span className="strong" data-testid="data-use-consumer">
          {departmentName(consumer)}
        </span>
      </Fact>,
    );
  }
  if (resource && entry.action === "exchange.query") {
    facts.push(
      <Fact key="resource" label={t("dataUse.x.resource")}>
        <span data-testid="data-use-resource">{catalogue.name(resource)}</span>
      </Fact>,
    );
  }
  if (entry.reference) {
    facts.push(
      <Fact key="reference" label={t("dataUse.x.reference")}>
        <span className="code">{entry.reference}</span>
      </Fact>,
    );
  }
  const fields = list(d.fields);
  if (resource && fields.length > 0 && entry.action === "exchange.query") {
    const masked = new Set(list(d.masked));
    facts.push(
      <Fact
        key="fields"
        label={t(entry.outcome === "success" ? "dataUse.x.fieldsRead" : "dataUse.x.fieldsAsked")}
        wide
      >
        <ul className="field-tags" data-testid="data-use-fields">
          {fields.map((name) => (
            <li key={name}>
              {catalogue.fieldLabel(resource, name)}
              {masked.has(name) ? <Tag className="x-tag x-tag--masked">{t("dataUse.x.masked")}</Tag> : null}
            </li>
          ))}
        </ul>
        {masked.size > 0 ? <span className="use-card__meta">{t("dataUse.x.maskedNote")}</span> : null}
      </Fact>,
    );
  }
  const scope = scopeOf(d);
  if (scope.length > 0) {
    facts.push(
      <Fact key="scope" label={t("dataUse.x.scope")} wide>
        {scope.map((item) => (
          <span key={item.resource} className="use-card__line">
            <strong>{catalogue.name(item.resource)}</strong>
            {t("exchange.colon")}
            {item.fields.map((f) => catalogue.fieldLabel(item.resource, f)).join(t("rights.listSep"))}
          </span>
        ))}
      </Fact>,
    );
  }
  const agreement = text(d.agreement);
  if (agreement) {
    facts.push(
      <Fact key="agreement" label={t("dataUse.x.agreement")}>
        <span className="code small">{agreement}</span>
      </Fact>,
    );
  }
  if (entry.action === "exchange.query" && entry.outcome === "success") {
    const consent = text(d.consent);
    facts.push(
      <Fact key="consent" label={t("dataUse.x.consent")}>
        {consent ? (
          <span className="code small">{consent}</span>
        ) : (
          <span className="muted">{t("dataUse.x.noConsent")}</span>
        )}
      </Fact>,
    );
  }
  if (typeof d.version === "number" && entry.action.startsWith("exchange.consent.")) {
    facts.push(
      <Fact key="version" label={t("dataUse.x.version")}>
        {t("consents.version", { n: d.version })}
      </Fact>,
    );
  }
  const error = text(d.error);
  if (entry.outcome !== "success" && error) {
    const known = PROBLEM_CODES.find((code) => code === error);
    facts.push(
      <Fact key="error" label={t("dataUse.x.refusedBecause")} wide>
        <span className="strong" data-testid="data-use-error">
          {known ? t(`problem.${known}`) : error}
        </span>
        <span className="code muted small"> {error}</span>
      </Fact>,
    );
  }
  if (facts.length === 0) {
    return null;
  }
  return <dl className="use-card__facts use-card__facts--exchange">{facts}</dl>;
}
