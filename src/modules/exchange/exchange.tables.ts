import type { ColumnType, Generated } from "kysely";

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;

export type AgreementStatus = "applied" | "approved" | "refused" | "suspended";
export type ConsentStatus = "pending" | "granted" | "refused" | "revoked" | "superseded";
export type AlertKind = "volume" | "off-hours" | "no-reference";

/** How the gateway reaches a resource's registry. */
export type ProviderConfig =
  | { kind: "builtin" }
  | { kind: "http"; baseUrl: string; operationId: string; openapi: unknown; timeoutMs: number };

export interface ConsentScopeItem {
  resource: string;
  fields: string[];
}

export interface ExchangeTables {
  exchange_resources: {
    id: string;
    code: string;
    owner_code: string;
    name: string;
    name_en: string;
    sharing_class: "unconditional" | "conditional" | "none";
    definition: Json<unknown>;
    provider: ColumnType<unknown, string | undefined, string>;
    version: ColumnType<number, number | undefined, number>;
    updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  };
  exchange_agreements: {
    id: Generated<string>;
    resource_id: string;
    consumer_code: string;
    requested_fields: Json<string[]>;
    fields: Json<string[]>;
    clearance: number;
    purpose: string;
    legal_basis: string;
    valid_from: ColumnType<string, string, string>;
    valid_until: ColumnType<string, string, string>;
    expected_daily_volume: number;
    daily_quota: number;
    rate_per_minute: number;
    requires_consent: boolean;
    status: AgreementStatus;
    applied_by: string | null;
    applied_at: CreatedAt;
    reviewed_by: string | null;
    reviewed_at: Date | null;
    review_reason: string | null;
    status_reason: string | null;
    expiry_warned_at: Date | null;
  };
  exchange_quota: {
    agreement_id: string;
    day: string;
    shard: number;
    calls: number;
  };
  exchange_calls: {
    id: Generated<string>;
    at: CreatedAt;
    request_id: string | null;
    agreement_id: string | null;
    resource_id: string;
    consumer_code: string | null;
    account_id: string | null;
    subject_type: "person" | "organisation" | null;
    subject_id: string | null;
    purpose: string;
    reference: string | null;
    fields: Json<string[]>;
    outcome: "success" | "denied" | "failure";
    error_code: string | null;
    request_hash: string;
    response_hash: string | null;
    ledger_seq: number;
  };
  exchange_consents: {
    id: Generated<string>;
    series: string;
    version: number;
    subject_type: "person" | "organisation";
    subject_id: string;
    requester_code: string;
    scope: Json<ConsentScopeItem[]>;
    purpose: string;
    reference: string | null;
    valid_until: Date;
    status: ConsentStatus;
    requested_by: string | null;
    requested_at: CreatedAt;
    decided_by: string | null;
    decided_at: Date | null;
    revoked_at: Date | null;
  };
  exchange_alerts: {
    id: Generated<string>;
    kind: AlertKind;
    account_id: string;
    day: string;
    detail: Json<Record<string, unknown>>;
    ledger_seqs: Json<number[]>;
    status: "open" | "reviewed";
    finding: string | null;
    reviewed_by: string | null;
    reviewed_at: Date | null;
    created_at: CreatedAt;
  };
}
