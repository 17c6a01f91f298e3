import type { ColumnType, Generated } from "kysely";
import type { AuthorisationKind } from "../../../shared/applications/assisted.js";
import type { ServiceStep } from "../../../shared/services/catalogue.js";

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string | undefined, string>;
type DateCol = ColumnType<string, string, string>;
type Stamp = ColumnType<Date, Date | string, Date | string>;

export type ApplicationStatus = "draft" | "submitted" | "concluded" | "withdrawn";
export type ApplicationOutcome = "approved" | "rejected" | "partial";
export type TaskStatus = "waiting" | "active" | "supplement" | "approved" | "rejected" | "cancelled";

/** A form value the platform filled in from a registry through the exchange. */
export interface PrefilledValue {
  value: string | number | boolean | null;
  resource: string;
  sourceField: string;
  department: string;
  updatedAt: string;
  masked: boolean;
  /** The ledger entry of the gateway read. */
  ledgerSeq: number;
}

/** How a material is supplied: obtained through the exchange, or uploaded by the applicant. */
export type MaterialState =
  | { via: "exchange"; resource: string; department: string; ledgerSeq: number }
  | { via: "upload"; uploadId: string; filename: string; sha256: string; size: number };

/** Someone applying for another person (帮办代办), with the authorisation they showed. */
export interface OnBehalf {
  agentAccount: string;
  agentName: string;
  authorisation: { kind: AuthorisationKind; reference: string; note?: string };
}

export interface SupplementRequest {
  requestedAt: string;
  requestedBy: string;
  department: string;
  items: string[];
  note: string;
}

export interface ApplicationTables {
  applications: {
    id: Generated<string>;
    number: string;
    kind: "item" | "bundle";
    service_code: string;
    service_name: string;
    service_name_en: string;
    lead_department: string;
    applicant_account: string;
    subject_type: "person" | "organisation";
    subject_id: string;
    subject_name: string;
    on_behalf: Json<OnBehalf | null>;
    status: ApplicationStatus;
    outcome: ApplicationOutcome | null;
    form: Json<Record<string, unknown>>;
    prefill: Json<Record<string, PrefilledValue>>;
    materials: Json<Record<string, MaterialState>>;
    consents: Json<string[]>;
    promised_days: number;
    accepted_on: DateCol | null;
    due_on: DateCol | null;
    created_at: CreatedAt;
    updated_at: UpdatedAt;
    submitted_at: Stamp | null;
    concluded_at: Stamp | null;
  };
  application_tasks: {
    id: Generated<string>;
    application_id: string;
    item_code: string;
    item_name: string;
    item_name_en: string;
    department: string;
    steps: Json<Required<Pick<ServiceStep, "kind" | "department">>[]>;
    step_index: ColumnType<number, number | undefined, number>;
    current_department: string;
    status: TaskStatus;
    after_codes: Json<string[]>;
    limit_days: number;
    statutory_days: number;
    accepted_on: DateCol | null;
    due_on: DateCol | null;
    pauses: Json<{ from: string; to: string }[]>;
    paused_since: DateCol | null;
    supplement: Json<SupplementRequest | null>;
    decision_reason: string | null;
    decision_basis: string | null;
    certificate_id: string | null;
    started_at: Stamp | null;
    concluded_at: Stamp | null;
    concluded_working_days: number | null;
    updated_at: UpdatedAt;
  };
  application_events: {
    id: Generated<string>;
    application_id: string;
    task_id: string | null;
    at: CreatedAt;
    actor_account: string | null;
    action: string;
    step: string | null;
    department: string | null;
    comment: string | null;
    ledger_seq: ColumnType<string | null, number | string | null, never>;
  };
  application_uploads: {
    id: Generated<string>;
    application_id: string;
    material_id: string;
    filename: string;
    media_type: string;
    size: number;
    sha256: string;
    content: Uint8Array;
    uploaded_at: CreatedAt;
  };
}
