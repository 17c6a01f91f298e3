// Wire types of the Yimen HTTP API as the web client sees them. They mirror the server's
// presenters; the client never imports server code.

export const ROLES = [
  "citizen",
  "enterprise_agent",
  "officer",
  "dept_admin",
  "leader",
  "auditor",
  "platform_admin",
  "legal_reviewer",
  "helper",
  "system",
] as const;

export type Role = (typeof ROLES)[number];

export type AccountKind = "person" | "organisation" | "staff" | "system";

export interface MeDepartment {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  divisionCode: string;
  divisionName: string;
}

export interface MePerson {
  id: string;
  name: string;
  idNumberMasked: string;
  mobileMasked: string | null;
  divisionCode: string;
}

export interface MeOrganisation {
  id: string;
  kind: string;
  name: string;
  creditCode: string;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  kind: AccountKind;
  /** The address given for e-mail notifications, if any. */
  email: string | null;
  roles: Role[];
  departments: MeDepartment[];
  person: MePerson | null;
  organisation: MeOrganisation | null;
  csrfToken: string;
}

export interface SessionResponse {
  account: Me;
  csrfToken: string;
}

/** The server's closed set of error codes (problem+json `code`). */
export const PROBLEM_CODES = [
  "VALIDATION",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "CSRF",
  "NOT_FOUND",
  "CONFLICT",
  "LOCKED",
  "RATE_LIMITED",
  "PAYLOAD_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
  "UNAVAILABLE",
  "INTERNAL",
  // The exchange's refusals.
  "SUBJECT_UNKNOWN",
  "AGREEMENT_REQUIRED",
  "AGREEMENT_SUSPENDED",
  "AGREEMENT_EXPIRED",
  "FIELD_NOT_AGREED",
  "CONSENT_REQUIRED",
  "CONSENT_REVOKED",
  "QUOTA_EXCEEDED",
  "POLICY_DENIED",
  "PROVIDER_UNAVAILABLE",
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** RFC 9457 problem details as the server sends them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  /** Stable error code; absent on problems the client synthesises. */
  code?: string;
  /** The offending input, e.g. "body.newPassword". */
  field?: string;
  requestId?: string;
}

export interface ItemList<T> {
  items: T[];
}

export interface Page<T> extends ItemList<T> {
  total: number;
}

export interface RoleInfo {
  role: Role;
  name: string;
  nameEn: string;
  description: string;
  descriptionEn: string;
}

export type DivisionLevel = "province" | "city" | "county" | "township";

export interface Division {
  code: string;
  name: string;
  level: DivisionLevel;
  parentCode: string | null;
  childCount: number;
}

export interface DivisionPathItem {
  code: string;
  name: string;
  level: DivisionLevel;
}

export interface DivisionDetail extends Division {
  path: DivisionPathItem[];
}

export interface DepartmentUnit {
  id: string;
  code: string;
  name: string;
  nameEn: string;
}

export interface Department {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  divisionCode: string;
  divisionName: string;
  parentId: string | null;
  parentName: string | null;
  kind: "department" | "unit";
  units: DepartmentUnit[];
}

export type AccountStatus = "active" | "disabled";

export interface Account {
  id: string;
  username: string;
  displayName: string;
  kind: AccountKind;
  roles: Role[];
  departments: { id: string; name: string; nameEn: string }[];
  status: AccountStatus;
  lockedUntil: string | null;
  lastSignInAt: string | null;
  createdAt: string;
}

export interface NewAccount {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  departmentIds: string[];
}

export interface AccountPatch {
  displayName?: string;
  roles?: Role[];
  departmentIds?: string[];
  status?: AccountStatus;
}

export interface ApiToken {
  id: string;
  name: string;
  accountId: string;
  accountUsername: string;
  scopes: string[];
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface NewToken {
  accountId: string;
  name: string;
  scopes: string[];
  expiresInDays: number;
}

export interface CreatedToken {
  token: string;
  item: ApiToken;
}

export interface TokenScope {
  scope: string;
  description: string;
  descriptionEn: string;
}

/** Who stands behind one of a ledger entry's keyed hashes, as the API reveals it to those entitled. */
export interface LedgerIdentity {
  kind: "actor" | "subject";
  type: "account" | "person" | "organisation";
  id: string;
  label: string | null;
}

/** A ledger entry as /api/ledger/entries and /api/ledger/mine list it. */
export interface LedgerEntryItem {
  seq: number;
  /** The entry's leaf index in the Merkle tree; null until the integrator has added it (usually < 1 s). */
  index: number | null;
  /** The canonical JSON the tree hashes (a LedgerEntryV1). */
  body: string;
  identities: LedgerIdentity[];
}

/** GET /ledger/entries/:index: an entry with its inclusion proof and the checkpoint it is proved against. */
export interface LedgerEntryProof {
  index: number;
  seq: number;
  body: string;
  treeSize: number;
  checkpoint: string;
  proof: string[];
}

/** GET /api/ledger/export: entries [from, to) with proofs against one signed checkpoint. */
export interface LedgerExport {
  origin: string;
  vkey: string;
  checkpoint: string;
  treeSize: number;
  entries: { index: number; body: string; proof: string[] }[];
}

export type { GrantRole, Power, PowerGrant, PowerLevel, PowerType } from "../../../shared/policy/rights.js";
export { POWER_LEVELS, POWER_TYPES } from "../../../shared/policy/rights.js";

import type { Power } from "../../../shared/policy/rights.js";

/** A service item a power authorises (政务服务事项), as the published list links to it. */
export interface LinkedService {
  code: string;
  name: string;
  nameEn: string;
}

/** A department's list in force (GET /api/rights). */
export interface RightsList {
  departmentCode: string;
  version: number;
  effectiveFrom: string;
  powers: Power[];
  /** The service items exercising each power, by power code. */
  services: Record<string, LinkedService[]>;
}

export type RightsVersionStatus = "proposed" | "approved" | "refused";

/** One version of a department's list: proposed, then approved or refused by a legal reviewer. */
export interface RightsVersion {
  id: string;
  departmentCode: string;
  version: number;
  status: RightsVersionStatus;
  summary: string;
  powers: Power[];
  proposedBy: string | null;
  /** "Display name (username)" of the proposer, when it was an account. */
  proposedByName: string | null;
  proposedAt: string;
  reviewedBy: string | null;
  reviewedByName: string | null;
  reviewedAt: string | null;
  reviewReason: string | null;
  effectiveFrom: string | null;
}

/** A proposal compared with the list in force. */
export interface RightsDiff {
  against: { id: string; version: number } | null;
  added: Power[];
  removed: Power[];
  changed: { code: string; before: Power; after: Power }[];
}

/** One policy behind an answer: the power (with its legal basis) or the negative-list rule. */
export interface PolicyReason {
  policy: string;
  kind: "power" | "negative" | "other";
  title: string;
  titleEn: string;
  legalBasis: string[];
}

/** GET /api/policy/who-may-read. */
export interface WhoMayRead {
  resource: {
    id: string;
    owner: string;
    sharingClass: "unconditional" | "conditional" | "none";
    dataClass: string;
    purposes: string[];
  };
  purpose: string;
  allowed: { department: string; role: string; because: PolicyReason[] }[];
  limits: { policy: string; title: string; titleEn: string }[];
}

/** POST /api/policy/explain. */
export interface PolicyExplanation {
  decision: {
    allow: boolean;
    decidedBy: string[];
    reason: "permitted" | "forbidden" | "no-permit" | "evaluation-error";
    errors: unknown[];
  };
  because: PolicyReason[];
}

export type {
  DataClass,
  DataResourceDefinition,
  FieldType,
  OpenDataClass,
  ResourceField,
  Sensitivity,
  SharingClass,
  SubjectType,
  UpdateFrequency,
} from "../../../shared/exchange/catalogue.js";
export { SENSITIVITY_LABELS, SHARING_CLASS_LABELS } from "../../../shared/exchange/catalogue.js";
export type {
  ChannelKind,
  ChannelView,
  NotificationList,
  NotificationView,
  OutboxItemView,
  OutboxList,
  OutboxStatus,
} from "../../../shared/notifications/notifications.js";
export { CHANNEL_KINDS, OUTBOX_STATUSES } from "../../../shared/notifications/notifications.js";

import type { DataResourceDefinition } from "../../../shared/exchange/catalogue.js";

/** A catalogue entry as GET /api/exchange/resources lists it (without the provider's connection). */
export interface CatalogueResource extends DataResourceDefinition {
  version: number;
  updatedAt: string;
  providerKind: "builtin" | "http";
}

export type AgreementStatus = "applied" | "approved" | "refused" | "suspended";
/** The stored status, with 已过期 derived from the period. */
export type AgreementEffectiveStatus = AgreementStatus | "expired";

/** A sharing agreement as the exchange presents it (list, apply, review, suspend and resume answers). */
export interface Agreement {
  id: string;
  resource: string;
  resourceName: string;
  resourceNameEn: string;
  /** The owning department's code (null only if the resource left the catalogue). */
  owner: string | null;
  ownerName: string | null;
  ownerNameEn: string | null;
  consumer: string;
  consumerName: string;
  consumerNameEn: string;
  requestedFields: string[];
  fields: string[];
  clearance: number;
  purpose: string;
  legalBasis: string;
  validFrom: string;
  validUntil: string;
  expectedDailyVolume: number;
  dailyQuota: number;
  ratePerMinute: number;
  requiresConsent: boolean;
  status: AgreementStatus;
  effectiveStatus: AgreementEffectiveStatus;
  appliedAt: string;
  /** Who applied, as a display label. */
  appliedBy: string | null;
  /** Who decided, as a display label. */
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewReason: string | null;
  statusReason: string | null;
  expiryWarnedAt: string | null;
}

export type ConsentStatus = "pending" | "granted" | "refused" | "revoked" | "superseded";

/** A consent (request) as GET /api/me/consents sends it. */
export interface Consent {
  id: string;
  series: string;
  version: number;
  subjectType: "person" | "organisation";
  requester: string;
  requesterName: string;
  requesterNameEn: string;
  scope: { resource: string; resourceName: string; resourceNameEn: string; fields: string[] }[];
  purpose: string;
  reference: string | null;
  validUntil: string;
  status: ConsentStatus;
  requestedAt: string;
  decidedAt: string | null;
  revokedAt: string | null;
}

export type UsageDimension = "department" | "resource" | "purpose" | "day" | "outcome";

/** GET /api/exchange/usage. */
export interface ExchangeUsage {
  by: UsageDimension;
  from: string;
  to: string;
  rows: {
    key: string | null;
    calls: number;
    success: number;
    denied: number;
    failure: number;
    subjects: number;
  }[];
}

/** One refused or failed gateway call (GET /api/exchange/refusals). */
export interface ExchangeRefusal {
  id: string;
  at: string;
  resource: string;
  resourceName: string;
  resourceNameEn: string;
  consumer: string | null;
  consumerName: string | null;
  consumerNameEn: string | null;
  /** The calling account, as a display label. */
  account: string | null;
  purpose: string;
  outcome: "denied" | "failure";
  errorCode: string | null;
  ledgerSeq: number;
  requestId: string | null;
}

/** GET /api/exchange/refusals: a page and the number in all. */
export interface ExchangeRefusals {
  items: ExchangeRefusal[];
  total: number;
}

export type AlertKind = "volume" | "off-hours" | "no-reference";

/** An anomaly alert (GET /api/exchange/alerts). */
export interface ExchangeAlert {
  id: string;
  kind: AlertKind;
  /** The account whose use raised it, as a display label. */
  account: string;
  day: string;
  detail: Record<string, unknown>;
  ledgerSeqs: number[];
  status: "open" | "reviewed";
  finding: string | null;
  /** The reviewing auditor, as a display label. */
  reviewedBy: string | null;
  reviewedAt: string | null;
  createdAt: string;
}

// ---- e-certificates (电子证照) ----

export type {
  CertificateClaim,
  CertificateDocument,
  CertificateHolder,
  VerifyReason,
} from "../../../shared/certificates/certificate.js";
export type { MaskedHolder } from "../../../shared/certificates/masked.js";

import type { CertificateDocument, VerifyReason } from "../../../shared/certificates/certificate.js";
import type { PublicCertificateFacts } from "../../../shared/certificates/masked.js";

export type CertificateStatus = "valid" | "expired" | "revoked";

/** A certificate as its holder or issuer gets it (GET /api/certificates[/:id]). */
export interface CertificateItem {
  status: CertificateStatus;
  revokedAt: string | null;
  revocationReason: string | null;
  /** The code after the # of the QR link. */
  verificationCode: string;
  document: CertificateDocument;
}

/** GET /api/certificates/:id/public: the masked facts and the status. */
export interface PublicCertificate extends PublicCertificateFacts {
  status: CertificateStatus;
  revokedAt: string | null;
}

/** POST /api/certificates/verify. */
export interface CertificateVerification {
  valid: boolean;
  status: CertificateStatus | "invalid";
  reason: VerifyReason | null;
  detail: string | null;
  keyId: string | null;
  revoked: boolean;
  revokedAt: string | null;
}
