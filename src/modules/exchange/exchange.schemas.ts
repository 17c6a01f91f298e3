import { type Static, type TSchema, Type } from "typebox";
import { Nullable } from "../../platform/http/schema.js";

/** The exchange's answers as the API sends them (the presenters build exactly these shapes). */

const DateTime = Type.String({ format: "date-time" });
const Day = Type.String({ format: "date" });

export const AgreementSchema = Type.Object(
  {
    id: Type.String(),
    resource: Type.String(),
    resourceName: Type.String(),
    resourceNameEn: Type.String(),
    owner: Nullable(Type.String({ description: "Code of the department that owns the resource" })),
    ownerName: Nullable(Type.String()),
    ownerNameEn: Nullable(Type.String()),
    consumer: Type.String({ description: "Code of the consuming department" }),
    consumerName: Type.String(),
    consumerNameEn: Type.String(),
    requestedFields: Type.Array(Type.String()),
    fields: Type.Array(Type.String()),
    clearance: Type.Integer(),
    purpose: Type.String(),
    legalBasis: Type.String(),
    validFrom: Day,
    validUntil: Day,
    expectedDailyVolume: Type.Integer(),
    dailyQuota: Type.Integer(),
    ratePerMinute: Type.Integer(),
    requiresConsent: Type.Boolean(),
    status: Type.Enum(["applied", "approved", "refused", "suspended"] as const),
    effectiveStatus: Type.Enum(["applied", "approved", "refused", "suspended", "expired"] as const),
    appliedAt: DateTime,
    appliedBy: Nullable(Type.String({ description: "Who applied, as a display label" })),
    reviewedBy: Nullable(Type.String({ description: "Who decided, as a display label" })),
    reviewedAt: Nullable(DateTime),
    reviewReason: Nullable(Type.String()),
    statusReason: Nullable(Type.String()),
    expiryWarnedAt: Nullable(DateTime),
  },
  { additionalProperties: false },
);
export type PresentedAgreement = Static<typeof AgreementSchema>;

export const ConsentSchema = Type.Object(
  {
    id: Type.String(),
    series: Type.String(),
    version: Type.Integer(),
    subjectType: Type.Enum(["person", "organisation"] as const),
    requester: Type.String({ description: "Code of the department that asked" }),
    requesterName: Type.String(),
    requesterNameEn: Type.String(),
    scope: Type.Array(
      Type.Object(
        {
          resource: Type.String(),
          resourceName: Type.String(),
          resourceNameEn: Type.String(),
          fields: Type.Array(Type.String()),
        },
        { additionalProperties: false },
      ),
    ),
    purpose: Type.String(),
    reference: Nullable(Type.String()),
    validUntil: DateTime,
    status: Type.Enum(["pending", "granted", "refused", "revoked", "superseded"] as const),
    requestedAt: DateTime,
    decidedAt: Nullable(DateTime),
    revokedAt: Nullable(DateTime),
  },
  { additionalProperties: false },
);
export type PresentedConsent = Static<typeof ConsentSchema>;

export const AlertSchema = Type.Object(
  {
    id: Type.String(),
    kind: Type.Enum(["volume", "off-hours", "no-reference"] as const),
    account: Type.String({ description: "The account whose use raised the alert, as a display label" }),
    day: Day,
    detail: Type.Record(Type.String(), Type.Unknown()),
    ledgerSeqs: Type.Array(Type.Integer()),
    status: Type.Enum(["open", "reviewed"] as const),
    finding: Nullable(Type.String()),
    reviewedBy: Nullable(Type.String({ description: "The reviewing auditor, as a display label" })),
    reviewedAt: Nullable(DateTime),
    createdAt: DateTime,
  },
  { additionalProperties: false },
);
export type PresentedAlert = Static<typeof AlertSchema>;

export const RefusalSchema = Type.Object(
  {
    id: Type.String(),
    at: DateTime,
    resource: Type.String(),
    resourceName: Type.String(),
    resourceNameEn: Type.String(),
    consumer: Nullable(Type.String()),
    consumerName: Nullable(Type.String()),
    consumerNameEn: Nullable(Type.String()),
    account: Nullable(Type.String({ description: "The calling account, as a display label" })),
    purpose: Type.String(),
    outcome: Type.Enum(["success", "denied", "failure"] as const),
    errorCode: Nullable(Type.String()),
    ledgerSeq: Type.Integer(),
    requestId: Nullable(Type.String()),
  },
  { additionalProperties: false },
);
export type PresentedRefusal = Static<typeof RefusalSchema>;

/** A list answer: `{ items }`. */
export const Items = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item) }, { additionalProperties: false });
