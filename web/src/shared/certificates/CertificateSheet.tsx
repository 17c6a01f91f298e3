import type { ReactNode } from "react";
import type {
  CertificateClaim,
  CertificateDocument,
  CertificateHolder,
  CertificateStatus,
  MaskedHolder,
  PublicCertificate,
} from "../api-types";
import { useI18n } from "../I18nProvider";
import { CertificateStatusTag } from "./CertificateStatusTag";
import { shortKeyId } from "./labels";

/** What a sheet shows: a signed document's facts, or the public page's masked ones. */
export interface SheetFacts {
  id: string;
  type: string;
  name: string;
  nameEn: string;
  holder: CertificateHolder | MaskedHolder;
  issuer: { department: string; name: string; nameEn: string };
  issuedAt: string;
  validUntil: string | null;
  keyId: string;
}

export function factsOf(doc: CertificateDocument | PublicCertificate): SheetFacts {
  return {
    id: doc.id,
    type: doc.type,
    name: doc.name,
    nameEn: doc.nameEn,
    holder: doc.holder,
    issuer: doc.issuer,
    issuedAt: doc.issuedAt,
    validUntil: doc.validUntil,
    keyId: "signature" in doc ? doc.signature.keyId : doc.keyId,
  };
}

function claimValue(claim: CertificateClaim, yes: string, no: string): string {
  if (claim.value === null) {
    return "—";
  }
  if (typeof claim.value === "boolean") {
    return claim.value ? yes : no;
  }
  return String(claim.value);
}

/**
 * A certificate laid out like the paper it replaces: its name and status, the holder, the issuer,
 * the dates, the facts it states and the key that signed it.
 */
export function CertificateSheet({
  facts,
  claims,
  status,
  revokedAt,
  revocationReason,
  headingLevel = 2,
  footer,
}: {
  facts: SheetFacts;
  claims?: readonly CertificateClaim[] | null;
  status?: CertificateStatus | "invalid";
  revokedAt?: string | null;
  revocationReason?: string | null;
  headingLevel?: 2 | 3;
  footer?: ReactNode;
}) {
  const { t, pick, dateTime, locale } = useI18n();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const headingId = `certificate-${facts.id}`;
  const holder = facts.holder;
  const rows: { key: string; label: string; value: ReactNode }[] = [
    {
      key: "holder",
      label: t(holder.type === "person" ? "certificates.holder" : "certificates.holderOrganisation"),
      value: <span data-testid="certificate-holder">{holder.name}</span>,
    },
    holder.type === "person"
      ? {
          key: "idNumber",
          label: t("certificates.idNumber"),
          value: (
            <span className="mono" data-testid="certificate-id-number">
              {holder.idNumber}
            </span>
          ),
        }
      : {
          key: "creditCode",
          label: t("certificates.creditCode"),
          value: <span className="mono">{holder.creditCode}</span>,
        },
    {
      key: "issuer",
      label: t("certificates.issuer"),
      value: <span data-testid="certificate-issuer">{pick(facts.issuer.name, facts.issuer.nameEn)}</span>,
    },
    { key: "issuedAt", label: t("certificates.issuedAt"), value: dateTime(facts.issuedAt) },
    {
      key: "validUntil",
      label: t("certificates.validUntil"),
      value: facts.validUntil ?? t("certificates.noExpiry"),
    },
  ];
  if (revokedAt) {
    rows.push({ key: "revokedAt", label: t("certificates.revokedAt"), value: dateTime(revokedAt) });
  }
  if (revocationReason) {
    rows.push({ key: "reason", label: t("certificates.revocationReason"), value: revocationReason });
  }
  rows.push(
    { key: "number", label: t("certificates.number"), value: <span className="mono small">{facts.id}</span> },
    {
      key: "key",
      label: t("certificates.key"),
      value: (
        <span className="mono small" title={facts.keyId}>
          Ed25519 · {shortKeyId(facts.keyId)}
        </span>
      ),
    },
  );
  return (
    <article className="certificate-sheet" aria-labelledby={headingId} data-testid="certificate-sheet">
      <header className="certificate-sheet__head">
        <div>
          <Heading className="certificate-sheet__title" id={headingId}>
            {pick(facts.name, facts.nameEn)}
          </Heading>
          <p className="certificate-sheet__sub">
            {locale === "en" ? facts.name : facts.nameEn} · <span className="code">{facts.type}</span>
          </p>
        </div>
        {status ? <CertificateStatusTag status={status} /> : null}
      </header>
      <dl className="certificate-sheet__facts">
        {rows.map((row) => (
          <div key={row.key} className="certificate-sheet__row">
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
          </div>
        ))}
      </dl>
      {claims && claims.length > 0 ? (
        <section className="certificate-sheet__claims" aria-label={t("certificates.claims")}>
          <Heading className="certificate-sheet__claims-title">{t("certificates.claims")}</Heading>
          <dl className="certificate-sheet__facts" data-testid="certificate-claims">
            {claims.map((claim) => (
              <div key={claim.key} className="certificate-sheet__row">
                <dt>{pick(claim.label, claim.labelEn)}</dt>
                <dd>{claimValue(claim, t("certificates.yes"), t("certificates.no"))}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
      {footer}
    </article>
  );
}
