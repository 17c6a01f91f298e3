import type { Power } from "../../../shared/policy/rights.js";
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

/**
 * A department's list in force as the public sees it: each power with the data resources it lets
 * staff read (in its grants) and the service items that exercise it (政务服务事项).
 */
export function presentRightsList(
  list: { departmentCode: string; version: number; effectiveFrom: Date | null; powers: Power[] },
  services: Map<string, { code: string; name: string; nameEn: string }[]>,
) {
  return {
    departmentCode: list.departmentCode,
    version: list.version,
    effectiveFrom: list.effectiveFrom,
    powers: list.powers.map((power) => ({ ...power, services: services.get(power.code) ?? [] })),
  };
}
