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
 * A department's list in force as the public sees it: the powers as they are (so that a department
 * admin can propose them back unchanged), and the service items (政务服务事项) exercising each power,
 * by power code.
 */
export function presentRightsList(
  list: { departmentCode: string; version: number; effectiveFrom: Date | null; powers: Power[] },
  services: Map<string, { code: string; name: string; nameEn: string }[]>,
) {
  return {
    departmentCode: list.departmentCode,
    version: list.version,
    effectiveFrom: list.effectiveFrom,
    powers: list.powers,
    services: Object.fromEntries(list.powers.map((power) => [power.code, services.get(power.code) ?? []])),
  };
}
