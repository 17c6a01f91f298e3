import { type Expression, type RawBuilder, sql } from "kysely";
import type { Caller, ServiceContext } from "../../platform/context.js";
import { inTransaction } from "../../platform/db/tx.js";
import { conflict, notFound, validationError } from "../../platform/errors.js";
import { parseCreditCode } from "./credit-code.js";
import { isMobileNumber, maskIdNumber, parseIdNumber } from "./id-number.js";
import * as repo from "./identity.repository.js";
import type { OrganisationKind } from "./identity.tables.js";

// ---- divisions ---------------------------------------------------------------------------------

export function listDivisions(
  ctx: ServiceContext,
  filter: { parent?: string | undefined; q?: string | undefined; limit: number },
): Promise<repo.DivisionRow[]> {
  return repo.listDivisions(ctx.db, filter);
}

export async function getDivisionOrThrow(ctx: ServiceContext, code: string) {
  const division = await repo.findDivision(ctx.db, code);
  if (!division) {
    throw notFound(`Division ${code}`);
  }
  return { division, path: await repo.divisionPath(ctx.db, code) };
}

// ---- departments -------------------------------------------------------------------------------

export interface DepartmentWithUnits extends repo.DepartmentRow {
  units: repo.DepartmentRow[];
}

/** Top-level departments (or every match of a text search), each with its sub-units. */
export async function listDepartments(
  ctx: ServiceContext,
  filter: { divisionCode?: string | undefined; q?: string | undefined; limit: number; offset: number },
): Promise<{ items: DepartmentWithUnits[]; total: number }> {
  const { rows, total } = await repo.listDepartments(ctx.db, { ...filter, parentId: null });
  const units = await repo.listUnits(
    ctx.db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => ({ ...r, units: units.filter((u) => u.parent_id === r.id) })), total };
}

export async function getDepartmentOrThrow(ctx: ServiceContext, id: string): Promise<DepartmentWithUnits> {
  const department = await repo.findDepartment(ctx.db, id);
  if (!department) {
    throw notFound("Department");
  }
  return { ...department, units: await repo.listUnits(ctx.db, [id]) };
}

export async function createDepartment(
  ctx: ServiceContext,
  input: {
    code: string;
    name: string;
    nameEn: string;
    divisionCode: string;
    parentId?: string | null;
    creditCode?: string | null;
  },
): Promise<string> {
  if (!(await repo.findDivision(ctx.db, input.divisionCode))) {
    throw validationError("body.divisionCode", "No such division");
  }
  let creditCode: string | null = null;
  if (input.creditCode) {
    const parsed = parseCreditCode(input.creditCode);
    if (!parsed.ok) {
      throw validationError("body.creditCode", `Invalid 统一社会信用代码 (${parsed.problem})`);
    }
    creditCode = parsed.value.creditCode;
  }
  return repo.insertDepartment(ctx.db, {
    code: input.code,
    name: input.name,
    name_en: input.nameEn,
    division_code: input.divisionCode,
    parent_id: input.parentId ?? null,
    credit_code: creditCode,
  });
}

// ---- persons and organisations -----------------------------------------------------------------

const ID_PROBLEMS = {
  format: "must be 17 digits followed by a digit or X",
  region: "does not start with a province code of GB/T 2260",
  birthDate: "contains an impossible birth date",
  checkDigit: "has a wrong check digit (GB 11643)",
} as const;

/** Registers a natural person; the ID number is validated and gives birth date and gender. */
export async function registerPerson(
  ctx: ServiceContext,
  caller: Caller,
  input: {
    name: string;
    idNumber: string;
    mobile?: string | null | undefined;
    divisionCode?: string | null | undefined;
  },
): Promise<repo.PersonRow> {
  const parsed = parseIdNumber(input.idNumber);
  if (!parsed.ok) {
    throw validationError("body.idNumber", `The 居民身份证号 ${ID_PROBLEMS[parsed.problem]}`);
  }
  if (input.mobile && !isMobileNumber(input.mobile)) {
    throw validationError("body.mobile", "The mobile number must be 11 digits starting with 13–19");
  }
  if (input.divisionCode && !(await repo.findDivision(ctx.db, input.divisionCode))) {
    throw validationError("body.divisionCode", "No such division");
  }
  if (await repo.findPersonByIdNumber(ctx.db, parsed.value.idNumber)) {
    throw conflict("A person with this ID number is already registered", "body.idNumber");
  }
  const person = {
    name: input.name.trim(),
    id_number: parsed.value.idNumber,
    birth_date: parsed.value.birthDate,
    gender: parsed.value.gender,
    mobile: input.mobile ?? null,
    division_code: input.divisionCode ?? null,
  };
  const id = await inTransaction(ctx.db, async (tx) => {
    const personId = await repo.insertPerson(tx, person);
    await ctx.ledger.record(tx, {
      action: "identity.person.register",
      actor: caller.actor,
      subjects: [{ type: "person", id: personId }],
      resource: "identity/persons",
      outcome: "success",
      requestId: caller.requestId,
    });
    return personId;
  });
  return { id, ...person };
}

export async function findPerson(ctx: ServiceContext, id: string): Promise<repo.PersonRow | undefined> {
  return repo.findPerson(ctx.db, id);
}

const CREDIT_PROBLEMS = {
  format: "must be 18 characters of digits and capitals without I, O, Z, S, V",
  authority: "has an unknown registration authority or organisation category",
  checkChar: "has a wrong check character (GB 32100)",
} as const;

// 登记管理部门码 expected for each kind: 9 工商 for enterprises, 5 民政 for social organisations.
const AUTHORITY_BY_KIND: Record<OrganisationKind, string | null> = {
  enterprise: "9",
  social_organisation: "5",
  media: null,
};

/** Registers an enterprise, social organisation or media outlet under its credit code. */
export async function registerOrganisation(
  ctx: ServiceContext,
  caller: Caller,
  input: {
    kind: OrganisationKind;
    name: string;
    creditCode: string;
    legalRepresentative: string;
    divisionCode?: string | null | undefined;
    address?: string | null | undefined;
    registeredOn?: string | null | undefined;
    mediaLicence?: string | null | undefined;
  },
): Promise<repo.OrganisationRow> {
  const parsed = parseCreditCode(input.creditCode);
  if (!parsed.ok) {
    throw validationError("body.creditCode", `The 统一社会信用代码 ${CREDIT_PROBLEMS[parsed.problem]}`);
  }
  const authority = AUTHORITY_BY_KIND[input.kind];
  if (authority && parsed.value.authority !== authority) {
    throw validationError(
      "body.creditCode",
      `A ${input.kind.replace("_", " ")}'s credit code starts with ${authority} (its registration authority)`,
    );
  }
  if (input.divisionCode && !(await repo.findDivision(ctx.db, input.divisionCode))) {
    throw validationError("body.divisionCode", "No such division");
  }
  if (await repo.findOrganisationByCreditCode(ctx.db, parsed.value.creditCode)) {
    throw conflict("An organisation with this credit code is already registered", "body.creditCode");
  }
  const row = {
    kind: input.kind,
    name: input.name.trim(),
    credit_code: parsed.value.creditCode,
    legal_representative: input.legalRepresentative.trim(),
    division_code: input.divisionCode ?? null,
    address: input.address ?? null,
    registered_on: input.registeredOn ?? null,
    media_licence: input.mediaLicence ?? null,
  };
  const id = await inTransaction(ctx.db, async (tx) => {
    const orgId = await repo.insertOrganisation(tx, row);
    await ctx.ledger.record(tx, {
      action: "identity.organisation.register",
      actor: caller.actor,
      subjects: [{ type: "organisation", id: orgId }],
      resource: "identity/organisations",
      outcome: "success",
      requestId: caller.requestId,
      details: { kind: row.kind },
    });
    return orgId;
  });
  return { id, ...row };
}

export function findOrganisation(ctx: ServiceContext, id: string): Promise<repo.OrganisationRow | undefined> {
  return repo.findOrganisation(ctx.db, id);
}

/** Lists organisations; their legal representatives are people, so the read is recorded. */
export async function listOrganisations(
  ctx: ServiceContext,
  caller: Caller,
  filter: { kind?: OrganisationKind | undefined; q?: string | undefined; limit: number; offset: number },
): Promise<{ rows: repo.OrganisationRow[]; total: number }> {
  const result = await repo.listOrganisations(ctx.db, filter);
  if (result.rows.length > 0) {
    await ctx.ledger.record(ctx.db, {
      action: "identity.organisations.read",
      actor: caller.actor,
      subjects: result.rows.map((o) => ({ type: "organisation" as const, id: o.id })),
      resource: "identity/organisations",
      outcome: "success",
      requestId: caller.requestId,
      details: { count: result.rows.length },
    });
  }
  return result;
}

export function findPersonByIdNumber(
  ctx: ServiceContext,
  idNumber: string,
): Promise<repo.PersonRow | undefined> {
  return repo.findPersonByIdNumber(ctx.db, idNumber.trim().toUpperCase());
}

/**
 * The id of the person with this 身份证号 as an SQL expression (null if none), for one-query callers;
 * the number as stored (trimmed, upper-case X), or a parameter's stand-in (runShaped).
 */
export function personIdSql(idNumber: unknown): RawBuilder<string | null> {
  return sql<string | null>`(select id from persons where id_number = ${idNumber})`;
}

/** The id of the organisation with this credit code (as stored: upper case) as an SQL expression (null if none). */
export function organisationIdSql(creditCode: unknown): RawBuilder<string | null> {
  return sql<string | null>`(select id from organisations where credit_code = ${creditCode})`;
}

/**
 * A person's or organisation's name and key (身份证号 or credit code) by type and id, as an SQL
 * expression (json, null if none): a subject's details inside another module's one-query read.
 */
export function subjectSql(
  type: Expression<string>,
  id: Expression<string>,
): RawBuilder<{ name: string; idNumber?: string; creditCode?: string } | null> {
  return sql`(case when ${type} = 'person'
    then (select json_build_object('name', name, 'idNumber', id_number) from persons where id = ${id})
    else (select json_build_object('name', name, 'creditCode', credit_code) from organisations where id = ${id})
    end)`;
}

/** Whom an account speaks for: its person and organisation, with their names and keys. */
export interface AccountSubjects {
  person_id: string | null;
  person_name: string | null;
  person_id_number: string | null;
  organisation_id: string | null;
  organisation_name: string | null;
  organisation_credit_code: string | null;
}

/**
 * An account's person and organisation (ids, names and keys) as an SQL expression (json, null if no such
 * account): whom it speaks for, inside another module's one-query read.
 */
export function accountSubjectsSql(accountId: string): RawBuilder<AccountSubjects | null> {
  return sql`(select json_build_object('person_id', a.person_id, 'person_name', p.name,
      'person_id_number', p.id_number, 'organisation_id', a.organisation_id,
      'organisation_name', o.name, 'organisation_credit_code', o.credit_code)
    from accounts a left join persons p on p.id = a.person_id
      left join organisations o on o.id = a.organisation_id
    where a.id = ${accountId})`;
}

/**
 * Every person's and organisation's registered division as a derived table `(id, division_code)`, to
 * join on a subject's id: a fragment over this module's tables for other modules' aggregations
 * (statistics by district) that stays one query.
 */
export function subjectDivisionsSql(): RawBuilder<{ id: string; division_code: string | null }> {
  return sql`(select id, division_code from persons union all select id, division_code from organisations)`;
}

export function findOrganisationByCreditCode(
  ctx: ServiceContext,
  creditCode: string,
): Promise<repo.OrganisationRow | undefined> {
  return repo.findOrganisationByCreditCode(ctx.db, creditCode.trim().toUpperCase());
}

/** Human labels for identifiers (for auditors' views): usernames, and names with masked ID numbers. */
export async function labelsFor(
  ctx: ServiceContext,
  ids: { account: string[]; person: string[]; organisation: string[] },
): Promise<Map<string, string>> {
  const labels = new Map<string, string>();
  for (const a of await repo.accountsByIds(ctx.db, ids.account)) {
    labels.set(`account:${a.id}`, `${a.display_name} (${a.username})`);
  }
  for (const p of await repo.personsByIds(ctx.db, ids.person)) {
    labels.set(`person:${p.id}`, `${p.name} ${maskIdNumber(p.id_number)}`);
  }
  for (const o of await repo.organisationsByIds(ctx.db, ids.organisation)) {
    labels.set(`organisation:${o.id}`, `${o.name} ${o.credit_code}`);
  }
  return labels;
}

/** The codes of departments given by id (e.g. to name an actor's departments in policy decisions). */
export async function departmentCodes(ctx: ServiceContext, ids: readonly string[]): Promise<string[]> {
  // A department's code never changes once created, so what was looked up once stays true.
  const missing = ids.filter((id) => !codeById.has(id));
  if (missing.length > 0) {
    for (const d of await repo.findDepartmentsByIds(ctx.db, missing)) {
      codeById.set(d.id, d.code);
    }
  }
  return ids
    .map((id) => codeById.get(id))
    .filter((c): c is string => c !== undefined)
    .sort();
}
const codeById = new Map<string, string>();

/** A department's names in both languages, for presenting department codes. */
export interface DepartmentName {
  name: string;
  nameEn: string;
}

/** Names of departments given by code (unknown codes are left out). */
export async function departmentNames(
  ctx: ServiceContext,
  codes: readonly string[],
): Promise<Map<string, DepartmentName>> {
  // Departments are never renamed once created (there is no update), so names are kept per database.
  let known = namesByCode.get(ctx.db);
  if (!known) {
    known = new Map();
    namesByCode.set(ctx.db, known);
  }
  const missing = [...new Set(codes)].filter((c) => !known.has(c));
  for (const d of await repo.findDepartmentsByCodes(ctx.db, missing)) {
    known.set(d.code, { name: d.name, nameEn: d.name_en });
  }
  const names = new Map<string, DepartmentName>();
  for (const code of codes) {
    const found = known.get(code);
    if (found) {
      names.set(code, found);
    }
  }
  return names;
}
const namesByCode = new WeakMap<object, Map<string, DepartmentName>>();

/**
 * A department by its code. Departments are never changed once created, so the rows found are kept
 * per database (unknown codes are asked again: the department may be created later).
 */
export async function departmentByCode(
  ctx: ServiceContext,
  code: string,
): Promise<repo.DepartmentRow | undefined> {
  let known = departmentsByCode.get(ctx.db);
  if (!known) {
    known = new Map();
    departmentsByCode.set(ctx.db, known);
  }
  const cached = known.get(code);
  if (cached) {
    return cached;
  }
  const [row] = await repo.findDepartmentsByCodes(ctx.db, [code]);
  if (row) {
    known.set(code, row);
  }
  return row;
}
const departmentsByCode = new WeakMap<object, Map<string, repo.DepartmentRow>>();
