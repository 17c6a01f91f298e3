import type { Selectable } from "kysely";
import type { ServiceContext } from "../../platform/context.js";
import type { DB } from "../../platform/db/schema.js";
import { directory } from "../identity/index.js";
import { type AgreementRow, effectiveStatus } from "./agreements.service.js";
import { resourceRefs } from "./catalogue.service.js";
import type { ConsentRow } from "./consent.service.js";
import type {
  PresentedAgreement,
  PresentedAlert,
  PresentedConsent,
  PresentedRefusal,
} from "./exchange.schemas.js";

/**
 * Presenters are the only way exchange rows reach the wire: codes come with names, accounts as
 * display labels, and internal ids (the subject's, the accounts') stay behind.
 */

export type AlertRow = Selectable<DB["exchange_alerts"]>;
export type RefusalRow = Pick<
  Selectable<DB["exchange_calls"]>,
  | "id"
  | "at"
  | "resource_id"
  | "consumer_code"
  | "account_id"
  | "purpose"
  | "outcome"
  | "error_code"
  | "ledger_seq"
  | "request_id"
>;

type ResourceRef = { name: string; nameEn: string; owner: string };
type DepartmentName = { name: string; nameEn: string };

/** What the presenters look up: resources by id, departments by code, account labels by id. */
interface Names {
  resources: Map<string, ResourceRef>;
  departments: Map<string, DepartmentName>;
  labels: Map<string, string>;
}

const present = <T>(values: (T | null | undefined)[]) => [
  ...new Set(values.filter((v): v is T => v !== null && v !== undefined)),
];

async function lookUp(
  ctx: ServiceContext,
  need: { resources?: string[]; departments?: (string | null)[]; accounts?: (string | null)[] },
): Promise<Names> {
  const resources = await resourceRefs(ctx, present(need.resources ?? []));
  const owners = [...resources.values()].map((r) => r.owner);
  const departments = await directory.departmentNames(ctx, present([...(need.departments ?? []), ...owners]));
  const accounts = present(need.accounts ?? []);
  const labels =
    accounts.length > 0
      ? await directory.labelsFor(ctx, { account: accounts, person: [], organisation: [] })
      : new Map<string, string>();
  return { resources, departments, labels };
}

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d === null ? null : iso(d));

function resourceNames(names: Names, id: string) {
  const r = names.resources.get(id);
  return { resourceName: r?.name ?? id, resourceNameEn: r?.nameEn ?? id };
}

function departmentName(names: Names, code: string): DepartmentName {
  return names.departments.get(code) ?? { name: code, nameEn: code };
}

function accountLabel(names: Names, id: string | null): string | null {
  // An account that no longer resolves still shows as something an auditor can search for.
  return id === null ? null : (names.labels.get(`account:${id}`) ?? id);
}

function presentAgreement(a: AgreementRow, names: Names): PresentedAgreement {
  const owner = names.resources.get(a.resource_id)?.owner ?? null;
  const ownerName = owner === null ? null : departmentName(names, owner);
  const consumer = departmentName(names, a.consumer_code);
  return {
    id: a.id,
    resource: a.resource_id,
    ...resourceNames(names, a.resource_id),
    owner,
    ownerName: ownerName?.name ?? null,
    ownerNameEn: ownerName?.nameEn ?? null,
    consumer: a.consumer_code,
    consumerName: consumer.name,
    consumerNameEn: consumer.nameEn,
    requestedFields: a.requested_fields,
    fields: a.fields,
    clearance: a.clearance,
    purpose: a.purpose,
    legalBasis: a.legal_basis,
    validFrom: a.valid_from,
    validUntil: a.valid_until,
    expectedDailyVolume: a.expected_daily_volume,
    dailyQuota: a.daily_quota,
    ratePerMinute: a.rate_per_minute,
    requiresConsent: a.requires_consent,
    status: a.status,
    effectiveStatus: effectiveStatus(a),
    appliedAt: iso(a.applied_at),
    appliedBy: accountLabel(names, a.applied_by),
    reviewedBy: accountLabel(names, a.reviewed_by),
    reviewedAt: isoOrNull(a.reviewed_at),
    reviewReason: a.review_reason,
    statusReason: a.status_reason,
    expiryWarnedAt: isoOrNull(a.expiry_warned_at),
  };
}

/** Sharing agreements with resource and department names, and who applied and decided as labels. */
export async function presentAgreements(
  ctx: ServiceContext,
  rows: AgreementRow[],
): Promise<PresentedAgreement[]> {
  const names = await lookUp(ctx, {
    resources: rows.map((a) => a.resource_id),
    departments: rows.map((a) => a.consumer_code),
    accounts: rows.flatMap((a) => [a.applied_by, a.reviewed_by]),
  });
  return rows.map((a) => presentAgreement(a, names));
}

/** One sharing agreement, presented as in the list. */
export async function presentAgreementOne(
  ctx: ServiceContext,
  row: AgreementRow,
): Promise<PresentedAgreement> {
  const [one] = await presentAgreements(ctx, [row]);
  if (!one) {
    throw new Error("presentAgreements lost its row");
  }
  return one;
}

/** Consents (requests) with the requester's and the resources' names; the subject only by type. */
export async function presentConsents(ctx: ServiceContext, rows: ConsentRow[]): Promise<PresentedConsent[]> {
  const names = await lookUp(ctx, {
    resources: rows.flatMap((c) => c.scope.map((s) => s.resource)),
    departments: rows.map((c) => c.requester_code),
  });
  return rows.map((c) => {
    const requester = departmentName(names, c.requester_code);
    return {
      id: c.id,
      series: c.series,
      version: c.version,
      subjectType: c.subject_type,
      requester: c.requester_code,
      requesterName: requester.name,
      requesterNameEn: requester.nameEn,
      scope: c.scope.map((s) => ({
        resource: s.resource,
        ...resourceNames(names, s.resource),
        fields: s.fields,
      })),
      purpose: c.purpose,
      reference: c.reference,
      validUntil: iso(c.valid_until),
      status: c.status,
      requestedAt: iso(c.requested_at),
      decidedAt: isoOrNull(c.decided_at),
      revokedAt: isoOrNull(c.revoked_at),
    };
  });
}

/** One consent, presented as in the list. */
export async function presentConsentOne(ctx: ServiceContext, row: ConsentRow): Promise<PresentedConsent> {
  const [one] = await presentConsents(ctx, [row]);
  if (!one) {
    throw new Error("presentConsents lost its row");
  }
  return one;
}

/** Anomaly alerts, the account and the reviewer as display labels. */
export async function presentAlerts(ctx: ServiceContext, rows: AlertRow[]): Promise<PresentedAlert[]> {
  const names = await lookUp(ctx, { accounts: rows.flatMap((r) => [r.account_id, r.reviewed_by]) });
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    account: accountLabel(names, r.account_id) ?? r.account_id,
    day: r.day,
    detail: r.detail,
    ledgerSeqs: r.ledger_seqs,
    status: r.status,
    finding: r.finding,
    reviewedBy: accountLabel(names, r.reviewed_by),
    reviewedAt: isoOrNull(r.reviewed_at),
    createdAt: iso(r.created_at),
  }));
}

/** Refused and failed gateway calls with resource and department names, the caller as a label. */
export async function presentRefusals(ctx: ServiceContext, rows: RefusalRow[]): Promise<PresentedRefusal[]> {
  const names = await lookUp(ctx, {
    resources: rows.map((r) => r.resource_id),
    departments: rows.map((r) => r.consumer_code),
    accounts: rows.map((r) => r.account_id),
  });
  return rows.map((r) => {
    const consumer = r.consumer_code === null ? null : departmentName(names, r.consumer_code);
    return {
      id: r.id,
      at: iso(r.at),
      resource: r.resource_id,
      ...resourceNames(names, r.resource_id),
      consumer: r.consumer_code,
      consumerName: consumer?.name ?? null,
      consumerNameEn: consumer?.nameEn ?? null,
      account: accountLabel(names, r.account_id),
      purpose: r.purpose,
      outcome: r.outcome,
      errorCode: r.error_code,
      ledgerSeq: Number(r.ledger_seq),
      requestId: r.request_id,
    };
  });
}
