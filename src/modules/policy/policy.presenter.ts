import type { VersionRow } from "./policy.repository.js";

/** A rights-list version as the API shows it. */
export function presentVersion(v: VersionRow, names: Map<string, string> = new Map()) {
  return {
    id: v.id,
    departmentCode: v.department_code,
    version: v.version,
    status: v.status,
    summary: v.summary,
    powers: v.powers,
    proposedBy: v.proposed_by,
    proposedByName: v.proposed_by ? (names.get(`account:${v.proposed_by}`) ?? null) : null,
    proposedAt: v.proposed_at.toISOString(),
    reviewedBy: v.reviewed_by,
    reviewedByName: v.reviewed_by ? (names.get(`account:${v.reviewed_by}`) ?? null) : null,
    reviewedAt: v.reviewed_at?.toISOString() ?? null,
    reviewReason: v.review_reason,
    effectiveFrom: v.effective_from?.toISOString() ?? null,
  };
}
