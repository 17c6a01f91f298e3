// Wire types of the applications API (办件) as src/modules/applications/applications.presenter.ts
// sends them. The catalogue's own types (forms, steps, items, bundles) come from shared/services.

import type { AuthorisationKind } from "../../../../shared/applications/assisted.js";
import type { ServiceForm, StepKind } from "../../../../shared/services/catalogue.js";

export type {
  FormProperty,
  FormUiHint,
  ServiceBundle,
  ServiceForm,
  ServiceItem,
  ServiceMaterial,
  StepKind,
} from "../../../../shared/services/catalogue.js";
export { STEP_KINDS, STEP_LABELS } from "../../../../shared/services/catalogue.js";

export type ApplicationStatus = "draft" | "submitted" | "concluded" | "withdrawn";
export type ApplicationOutcome = "approved" | "rejected" | "partial";
export type TaskStatus = "waiting" | "active" | "supplement" | "approved" | "rejected" | "cancelled";
export type DueStatus = "on-time" | "near" | "overdue";
export type FormValue = string | number | boolean | null;

export interface SupplementRequest {
  requestedAt: string;
  requestedBy: string;
  department: string;
  /** Material ids or form field names the applicant must supply. */
  items: string[];
  note: string;
}

/** One item's handling (a bundle has one per item). */
export interface ApplicationTask {
  id: string;
  itemCode: string;
  itemName: string;
  itemNameEn: string;
  department: string;
  currentDepartment: string;
  status: TaskStatus;
  step: { index: number; kind: StepKind | null; count: number };
  steps: { kind: StepKind; department: string }[];
  after: string[];
  limitDays: number;
  statutoryDays: number;
  acceptedOn: string | null;
  dueOn: string | null;
  dueStatus: DueStatus | null;
  pauses: { from: string; to: string }[];
  pausedSince: string | null;
  supplement: SupplementRequest | null;
  decisionReason: string | null;
  decisionBasis: string | null;
  certificateId: string | null;
  startedAt: string | null;
  concludedAt: string | null;
  workingDays: number | null;
}

export interface ApplicationSummary {
  id: string;
  number: string;
  kind: "item" | "bundle";
  service: { code: string; name: string; nameEn: string };
  leadDepartment: string;
  status: ApplicationStatus;
  outcome: ApplicationOutcome | null;
  subject: { type: "person" | "organisation"; name: string };
  /** Made for the person by someone else (帮办代办), with the authorisation they recorded. */
  onBehalf: {
    agentName: string;
    authorisation: { kind: AuthorisationKind; reference: string; note?: string };
    scan: { uploadId: string; filename: string; size: number; sha256: string } | null;
  } | null;
  promisedDays: number;
  acceptedOn: string | null;
  dueOn: string | null;
  createdAt: string;
  submittedAt: string | null;
  concludedAt: string | null;
}

/** GET /api/applications items. */
export interface MyApplication extends ApplicationSummary {
  tasks: ApplicationTask[];
}

/** Where a pre-filled value came from: the registry, its department, and the ledger entry of the read. */
export interface PrefillSource {
  resource: string;
  resourceName: string;
  resourceNameEn: string;
  department: string;
  sourceField: string;
  updatedAt: string;
  ledgerSeq: number;
}

export type MaterialState =
  | { via: "exchange"; resource: string; department: string; ledgerSeq: number }
  | { via: "upload"; uploadId: string; filename: string; sha256: string; size: number };

export interface ApplicationMaterial {
  id: string;
  name: string;
  nameEn: string;
  required: boolean;
  note: string | null;
  /** The platform can obtain it through the exchange (with consent). */
  obtainable: boolean;
  state: MaterialState | null;
}

export interface FieldProblem {
  /** "form.<field>" or "materials.<id>". */
  field: string;
  message: string;
}

export interface ApplicationEvent {
  at: string;
  action: string;
  taskId: string | null;
  step: string | null;
  department: string | null;
  comment: string | null;
  ledgerSeq: number | null;
  byApplicant: boolean;
}

/** GET /api/applications/:id. */
export interface ApplicationDetail extends ApplicationSummary {
  form: Record<string, FormValue>;
  prefill: Record<string, PrefillSource>;
  formDefinition: ServiceForm | null;
  materials: ApplicationMaterial[];
  consents: string[];
  /** A draft's missing or invalid entries and materials (empty once submitted). */
  problems: FieldProblem[];
  departments: Record<string, { name: string; nameEn: string }>;
  tasks: ApplicationTask[];
  events: ApplicationEvent[];
  asOfficer: boolean;
  /** The viewer is the person it was made for by someone else (帮办代办): they follow it, the applicant acts. */
  asSubject: boolean;
}

/** A registry that refused or failed during pre-fill: its fields are left to the applicant. */
export interface PrefillIssue {
  resource: string;
  code: string;
  message: string;
}

/** POST /api/applications/:id/prefill: the application, and what could not be read. */
export interface PrefillAnswer extends ApplicationDetail {
  prefillIssues?: PrefillIssue[];
}

/** GET /api/applications/:id/prefill: the consent screen. */
export interface PrefillPlan {
  entries: {
    department: string;
    resource: string;
    resourceName: string;
    resourceNameEn: string;
    owner: string;
    fields: string[];
    formFields: string[];
    agreement: string;
    purpose: string;
    legalBasis: string;
    requiresConsent: boolean;
    /** A consent the person already gave for this read, used again instead of asking. */
    standingConsent: { id: string; grantedAt: string | null; validUntil: string } | null;
  }[];
  unavailable: { resource: string; formFields: string[] }[];
  validUntil: string;
}

/** GET /api/workbench/queue. */
export interface Queue {
  today: string;
  counts: { open: number; near: number; overdue: number };
  /** Counts stop just above this: a count above it means "more than countCap". */
  countCap: number;
  items: QueueItem[];
}

export interface QueueItem {
  taskId: string;
  itemCode: string;
  itemName: string;
  itemNameEn: string;
  status: TaskStatus;
  step: { index: number; kind: StepKind | null; count: number };
  department: string;
  acceptedOn: string | null;
  dueOn: string | null;
  dueStatus: DueStatus | null;
  limitDays: number;
  application: {
    id: string;
    number: string;
    kind: "item" | "bundle";
    serviceName: string;
    serviceNameEn: string;
    applicantName: string;
    submittedAt: string | null;
  };
}

export type TaskAction = "approve" | "reject" | "supplement" | "transfer";

/** POST /api/workbench/tasks/:id/actions. */
export interface TaskActionBody {
  action: TaskAction;
  comment?: string;
  reason?: string;
  legalBasis?: string;
  items?: string[];
  toDepartment?: string;
}

/** The largest upload the server accepts, and the types it accepts. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
export const UPLOAD_TYPES = ["application/pdf", "image/jpeg", "image/png"] as const;
