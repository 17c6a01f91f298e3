import { maskIdNumber, maskMobile } from "./id-number.js";
import type * as repo from "./identity.repository.js";
import type { AccountKind, Role } from "./identity.tables.js";

/** Presenters are the only way identity rows reach the wire: hashes and raw identifiers never do. */

export function presentDivision(d: repo.DivisionRow) {
  return { code: d.code, name: d.name, level: d.level, parentCode: d.parent_code, childCount: d.child_count };
}

export function presentDepartmentRef(d: repo.DepartmentRow) {
  return {
    id: d.id,
    code: d.code,
    name: d.name,
    nameEn: d.name_en,
    divisionCode: d.division_code,
    divisionName: d.division_name,
  };
}

export function presentDepartment(d: repo.DepartmentRow & { units?: repo.DepartmentRow[] }) {
  return {
    ...presentDepartmentRef(d),
    parentId: d.parent_id,
    parentName: d.parent_name,
    kind: d.parent_id ? ("unit" as const) : ("department" as const),
    creditCode: d.credit_code,
    units: (d.units ?? []).map((u) => ({ id: u.id, code: u.code, name: u.name, nameEn: u.name_en })),
  };
}

export function presentPersonSummary(p: repo.PersonRow) {
  return {
    id: p.id,
    name: p.name,
    idNumberMasked: maskIdNumber(p.id_number),
    mobileMasked: p.mobile ? maskMobile(p.mobile) : null,
    divisionCode: p.division_code,
  };
}

export function presentOrganisation(o: repo.OrganisationRow) {
  return {
    id: o.id,
    kind: o.kind,
    name: o.name,
    creditCode: o.credit_code,
    legalRepresentative: o.legal_representative,
    divisionCode: o.division_code,
    address: o.address,
    registeredOn: o.registered_on,
    mediaLicence: o.media_licence,
  };
}

export function presentAccount(a: repo.AccountRow, departments: repo.DepartmentRow[]) {
  return {
    id: a.id,
    username: a.username,
    displayName: a.display_name,
    kind: a.kind,
    roles: a.roles,
    departments: departments
      .filter((d) => a.department_ids.includes(d.id))
      .map((d) => ({ id: d.id, name: d.name, nameEn: d.name_en })),
    status: a.status,
    lockedUntil: a.locked_until && a.locked_until > new Date() ? a.locked_until.toISOString() : null,
    lastSignInAt: a.last_sign_in_at?.toISOString() ?? null,
    createdAt: a.created_at.toISOString(),
  };
}

export function presentMe(input: {
  account: repo.AccountRow;
  departments: repo.DepartmentRow[];
  person: repo.PersonRow | undefined;
  organisation: repo.OrganisationRow | undefined;
  csrfToken: string | null;
}): {
  id: string;
  username: string;
  displayName: string;
  kind: AccountKind;
  email: string | null;
  roles: Role[];
  departments: ReturnType<typeof presentDepartmentRef>[];
  person: ReturnType<typeof presentPersonSummary> | null;
  organisation: { id: string; kind: string; name: string; creditCode: string } | null;
  csrfToken: string | null;
} {
  const { account, organisation } = input;
  return {
    id: account.id,
    username: account.username,
    displayName: account.display_name,
    kind: account.kind,
    email: account.email,
    roles: account.roles,
    departments: input.departments.map(presentDepartmentRef),
    person: input.person ? presentPersonSummary(input.person) : null,
    organisation: organisation
      ? {
          id: organisation.id,
          kind: organisation.kind,
          name: organisation.name,
          creditCode: organisation.credit_code,
        }
      : null,
    csrfToken: input.csrfToken,
  };
}

export function presentToken(t: repo.TokenRow) {
  return {
    id: t.id,
    name: t.name,
    accountId: t.account_id,
    accountUsername: t.account_username,
    scopes: t.scopes,
    prefix: t.prefix,
    createdAt: t.created_at.toISOString(),
    expiresAt: t.expires_at.toISOString(),
    revokedAt: t.revoked_at?.toISOString() ?? null,
    lastUsedAt: t.last_used_at?.toISOString() ?? null,
  };
}
