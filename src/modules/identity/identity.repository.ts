import { type Kysely, sql, type Transaction } from "kysely";
import type { Db } from "../../platform/db/database.js";
import type { DB } from "../../platform/db/schema.js";
import { runShaped } from "../../platform/db/shaped.js";
import type { AccountKind, AccountStatus, DivisionLevel, OrganisationKind, Role } from "./identity.tables.js";

type Conn = Db | Transaction<DB> | Kysely<DB>;

// The roles and department ids of the account aliased "a", as arrays (used wherever an account is read).
const accountRoles = sql<
  Role[]
>`array(select r.role from account_roles r where r.account_id = a.id order by r.role)`;
const accountDepartmentIds = sql<
  string[]
>`array(select ad.department_id::text from account_departments ad where ad.account_id = a.id)`;

// ---- divisions ---------------------------------------------------------------------------------

export interface DivisionRow {
  code: string;
  name: string;
  level: DivisionLevel;
  parent_code: string | null;
  child_count: number;
}

const childCount = sql<number>`(select count(*) from divisions c where c.parent_code = divisions.code)::int`;

export async function listDivisions(
  db: Conn,
  filter: { parent?: string | undefined; q?: string | undefined; limit: number },
): Promise<DivisionRow[]> {
  let query = db
    .selectFrom("divisions")
    .select(["code", "name", "level", "parent_code", childCount.as("child_count")]);
  if (filter.parent) {
    query = query.where("parent_code", "=", filter.parent);
  } else if (!filter.q) {
    query = query.where("level", "=", "province");
  }
  if (filter.q) {
    query = query.where("name", "like", `%${escapeLike(filter.q)}%`);
  }
  return query.orderBy("code").limit(filter.limit).execute();
}

export async function findDivision(db: Conn, code: string): Promise<DivisionRow | undefined> {
  return db
    .selectFrom("divisions")
    .select(["code", "name", "level", "parent_code", childCount.as("child_count")])
    .where("code", "=", code)
    .executeTakeFirst();
}

/** The division and its ancestors, province first. */
export async function divisionPath(
  db: Conn,
  code: string,
): Promise<{ code: string; name: string; level: DivisionLevel }[]> {
  const result = await sql<{ code: string; name: string; level: DivisionLevel; depth: number }>`
    with recursive up as (
      select code, name, level, parent_code, 0 as depth from divisions where code = ${code}
      union all
      select d.code, d.name, d.level, d.parent_code, up.depth + 1 from divisions d join up on d.code = up.parent_code
    )
    select code, name, level, depth from up order by depth desc`.execute(db);
  return result.rows.map(({ code: c, name, level }) => ({ code: c, name, level }));
}

export async function countDivisions(db: Conn): Promise<number> {
  const row = await db
    .selectFrom("divisions")
    .select(sql<number>`count(*)::int`.as("n"))
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function insertDivisions(
  db: Conn,
  rows: { code: string; name: string; level: DivisionLevel; parent_code: string | null }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto("divisions")
      .values(rows.slice(i, i + 1000))
      .onConflict((oc) => oc.column("code").doUpdateSet((eb) => ({ name: eb.ref("excluded.name") })))
      .execute();
  }
}

// ---- departments -------------------------------------------------------------------------------

export interface DepartmentRow {
  id: string;
  code: string;
  name: string;
  name_en: string;
  division_code: string;
  division_name: string;
  parent_id: string | null;
  parent_name: string | null;
  credit_code: string | null;
}

function departmentQuery(db: Conn) {
  return db
    .selectFrom("departments as d")
    .innerJoin("divisions as v", "v.code", "d.division_code")
    .leftJoin("departments as p", "p.id", "d.parent_id")
    .select([
      "d.id",
      "d.code",
      "d.name",
      "d.name_en",
      "d.division_code",
      "v.name as division_name",
      "d.parent_id",
      "p.name as parent_name",
      "d.credit_code",
    ]);
}

export async function listDepartments(
  db: Conn,
  filter: {
    divisionCode?: string | undefined;
    q?: string | undefined;
    parentId?: string | null;
    limit: number;
    offset: number;
  },
): Promise<{ rows: DepartmentRow[]; total: number }> {
  let query = departmentQuery(db);
  if (filter.divisionCode) {
    query = query.where("d.division_code", "=", filter.divisionCode);
  }
  if (filter.q) {
    const like = `%${escapeLike(filter.q)}%`;
    query = query.where((eb) =>
      eb.or([eb("d.name", "like", like), eb("d.name_en", "ilike", like), eb("d.code", "=", filter.q ?? "")]),
    );
  } else if (filter.parentId === null) {
    query = query.where("d.parent_id", "is", null);
  }
  const total = await query
    .clearSelect()
    .select(sql<number>`count(*)::int`.as("n"))
    .executeTakeFirstOrThrow();
  const rows = await query
    .orderBy("d.division_code")
    .orderBy("d.code")
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return { rows, total: total.n };
}

export async function listUnits(db: Conn, parentIds: string[]): Promise<DepartmentRow[]> {
  if (parentIds.length === 0) {
    return [];
  }
  return departmentQuery(db).where("d.parent_id", "in", parentIds).orderBy("d.code").execute();
}

export async function findDepartment(db: Conn, id: string): Promise<DepartmentRow | undefined> {
  return departmentQuery(db).where("d.id", "=", id).executeTakeFirst();
}

export async function findDepartmentsByIds(db: Conn, ids: string[]): Promise<DepartmentRow[]> {
  if (ids.length === 0) {
    return [];
  }
  return departmentQuery(db).where("d.id", "in", ids).execute();
}

export async function findDepartmentsByCodes(db: Conn, codes: string[]): Promise<DepartmentRow[]> {
  if (codes.length === 0) {
    return [];
  }
  return departmentQuery(db).where("d.code", "in", codes).execute();
}

export async function insertDepartment(
  db: Conn,
  row: {
    code: string;
    name: string;
    name_en: string;
    division_code: string;
    parent_id: string | null;
    credit_code: string | null;
  },
): Promise<string> {
  const { id } = await db.insertInto("departments").values(row).returning("id").executeTakeFirstOrThrow();
  return id;
}

// ---- persons and organisations -----------------------------------------------------------------

export interface PersonRow {
  id: string;
  name: string;
  id_number: string;
  birth_date: string;
  gender: "male" | "female";
  mobile: string | null;
  division_code: string | null;
}

export async function insertPerson(db: Conn, row: Omit<PersonRow, "id">): Promise<string> {
  const { id } = await db.insertInto("persons").values(row).returning("id").executeTakeFirstOrThrow();
  return id;
}

export async function findPerson(db: Conn, id: string): Promise<PersonRow | undefined> {
  return db
    .selectFrom("persons")
    .select(["id", "name", "id_number", "birth_date", "gender", "mobile", "division_code"])
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function findPersonByIdNumber(db: Conn, idNumber: string): Promise<PersonRow | undefined> {
  return db
    .selectFrom("persons")
    .select(["id", "name", "id_number", "birth_date", "gender", "mobile", "division_code"])
    .where("id_number", "=", idNumber)
    .executeTakeFirst();
}

export interface OrganisationRow {
  id: string;
  kind: OrganisationKind;
  name: string;
  credit_code: string;
  legal_representative: string;
  division_code: string | null;
  address: string | null;
  registered_on: string | null;
  media_licence: string | null;
}

const ORG_COLUMNS = [
  "id",
  "kind",
  "name",
  "credit_code",
  "legal_representative",
  "division_code",
  "address",
  "registered_on",
  "media_licence",
] as const;

export async function insertOrganisation(db: Conn, row: Omit<OrganisationRow, "id">): Promise<string> {
  const { id } = await db.insertInto("organisations").values(row).returning("id").executeTakeFirstOrThrow();
  return id;
}

export async function findOrganisation(db: Conn, id: string): Promise<OrganisationRow | undefined> {
  return db.selectFrom("organisations").select(ORG_COLUMNS).where("id", "=", id).executeTakeFirst();
}

export async function findOrganisationByCreditCode(
  db: Conn,
  code: string,
): Promise<OrganisationRow | undefined> {
  return db
    .selectFrom("organisations")
    .select(ORG_COLUMNS)
    .where("credit_code", "=", code)
    .executeTakeFirst();
}

export async function listOrganisations(
  db: Conn,
  filter: { kind?: OrganisationKind | undefined; q?: string | undefined; limit: number; offset: number },
): Promise<{ rows: OrganisationRow[]; total: number }> {
  let query = db.selectFrom("organisations");
  if (filter.kind) {
    query = query.where("kind", "=", filter.kind);
  }
  if (filter.q) {
    const like = `%${escapeLike(filter.q)}%`;
    query = query.where((eb) =>
      eb.or([eb("name", "like", like), eb("credit_code", "=", filter.q?.toUpperCase() ?? "")]),
    );
  }
  const total = await query.select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
  const rows = await query
    .select(ORG_COLUMNS)
    .orderBy("name")
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return { rows, total: total.n };
}

// ---- accounts ----------------------------------------------------------------------------------

export interface AccountRow {
  id: string;
  username: string;
  display_name: string;
  kind: AccountKind;
  person_id: string | null;
  organisation_id: string | null;
  password_hash: string | null;
  status: AccountStatus;
  failed_attempts: number;
  locked_until: Date | null;
  last_sign_in_at: Date | null;
  email: string | null;
  created_at: Date;
  roles: Role[];
  department_ids: string[];
}

function accountQuery(db: Conn) {
  return db
    .selectFrom("accounts as a")
    .select([
      "a.id",
      "a.username",
      "a.display_name",
      "a.kind",
      "a.person_id",
      "a.organisation_id",
      "a.password_hash",
      "a.status",
      "a.failed_attempts",
      "a.locked_until",
      "a.last_sign_in_at",
      "a.email",
      "a.created_at",
      accountRoles.as("roles"),
      accountDepartmentIds.as("department_ids"),
    ]);
}

/** An account's status, its e-mail address and the mobile number of its person, if any. */
export async function findContact(
  db: Conn,
  accountId: string,
): Promise<{ status: AccountStatus; email: string | null; mobile: string | null } | undefined> {
  return db
    .selectFrom("accounts as a")
    .leftJoin("persons as p", "p.id", "a.person_id")
    .select(["a.status", "a.email", "p.mobile"])
    .where("a.id", "=", accountId)
    .executeTakeFirst();
}

export async function findAccountByUsername(db: Conn, username: string): Promise<AccountRow | undefined> {
  return accountQuery(db).where("a.username", "=", username).executeTakeFirst();
}

export async function findAccount(db: Conn, id: string): Promise<AccountRow | undefined> {
  return accountQuery(db).where("a.id", "=", id).executeTakeFirst();
}

export interface ProfileRow {
  account: AccountRow;
  departments: DepartmentRow[];
  person: PersonRow | undefined;
  organisation: OrganisationRow | undefined;
}

/** The account with its departments, person and organisation in one round trip (GET /api/me is hot). */
export async function findProfile(db: Conn, id: string): Promise<ProfileRow | undefined> {
  const row = await accountQuery(db)
    .select([
      sql<DepartmentRow[]>`coalesce((
        select json_agg(json_build_object(
          'id', d.id, 'code', d.code, 'name', d.name, 'name_en', d.name_en, 'division_code', d.division_code,
          'division_name', v.name, 'parent_id', d.parent_id, 'parent_name', p.name, 'credit_code', d.credit_code
        ) order by d.code)
        from account_departments ad
        join departments d on d.id = ad.department_id
        join divisions v on v.code = d.division_code
        left join departments p on p.id = d.parent_id
        where ad.account_id = a.id), '[]'::json)`.as("departments"),
      sql<PersonRow | null>`(select row_to_json(x) from (
        select id, name, id_number, birth_date, gender, mobile, division_code from persons where id = a.person_id) x)`.as(
        "person",
      ),
      sql<OrganisationRow | null>`(select row_to_json(x) from (
        select ${sql.join(ORG_COLUMNS.map((c) => sql.ref(c)))} from organisations where id = a.organisation_id) x)`.as(
        "organisation",
      ),
    ])
    .where("a.id", "=", id)
    .executeTakeFirst();
  if (!row) {
    return undefined;
  }
  const { departments, person, organisation, ...account } = row;
  return { account, departments, person: person ?? undefined, organisation: organisation ?? undefined };
}

export async function listAccounts(
  db: Conn,
  filter: { q?: string | undefined; role?: Role | undefined; limit: number; offset: number },
): Promise<{ rows: AccountRow[]; total: number }> {
  let query = accountQuery(db);
  if (filter.q) {
    const like = `%${escapeLike(filter.q.toLowerCase())}%`;
    query = query.where((eb) =>
      eb.or([
        eb("a.username", "like", like),
        eb("a.display_name", "like", `%${escapeLike(filter.q ?? "")}%`),
      ]),
    );
  }
  if (filter.role) {
    const role = filter.role;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("account_roles as r")
          .select("r.role")
          .whereRef("r.account_id", "=", "a.id")
          .where("r.role", "=", role),
      ),
    );
  }
  const total = await query
    .clearSelect()
    .select(sql<number>`count(*)::int`.as("n"))
    .executeTakeFirstOrThrow();
  const rows = await query.orderBy("a.username").limit(filter.limit).offset(filter.offset).execute();
  return { rows, total: total.n };
}

export async function insertAccount(
  db: Conn,
  row: {
    username: string;
    display_name: string;
    kind: AccountKind;
    person_id: string | null;
    organisation_id: string | null;
    password_hash: string | null;
  },
): Promise<string> {
  const { id } = await db
    .insertInto("accounts")
    .values({ ...row, password_changed_at: row.password_hash ? new Date() : null })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateAccount(
  db: Conn,
  id: string,
  patch: Partial<{
    display_name: string;
    status: AccountStatus;
    password_hash: string;
    password_changed_at: Date;
    failed_attempts: number;
    locked_until: Date | null;
    last_sign_in_at: Date;
  }>,
): Promise<void> {
  await db
    .updateTable("accounts")
    .set({ ...patch, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

/** Counts a failed sign-in and locks the account when the threshold is reached; returns the lock end. */
export async function recordFailedSignIn(
  db: Conn,
  id: string,
  threshold: number,
  lockMinutes: number,
): Promise<Date | null> {
  const row = await db
    .updateTable("accounts")
    .set((eb) => ({
      failed_attempts: sql<number>`case when ${eb.ref("failed_attempts")} + 1 >= ${threshold} then 0 else ${eb.ref("failed_attempts")} + 1 end`,
      locked_until: sql<Date | null>`case when ${eb.ref("failed_attempts")} + 1 >= ${threshold} then now() + make_interval(mins => ${lockMinutes}) else ${eb.ref("locked_until")} end`,
    }))
    .where("id", "=", id)
    .returning("locked_until")
    .executeTakeFirst();
  return row?.locked_until && row.locked_until > new Date() ? row.locked_until : null;
}

export async function replaceRoles(db: Conn, accountId: string, roles: readonly Role[]): Promise<void> {
  await db.deleteFrom("account_roles").where("account_id", "=", accountId).execute();
  if (roles.length > 0) {
    await db
      .insertInto("account_roles")
      .values(roles.map((role) => ({ account_id: accountId, role })))
      .execute();
  }
}

export async function replaceDepartments(
  db: Conn,
  accountId: string,
  departmentIds: readonly string[],
): Promise<void> {
  await db.deleteFrom("account_departments").where("account_id", "=", accountId).execute();
  if (departmentIds.length > 0) {
    await db
      .insertInto("account_departments")
      .values(departmentIds.map((department_id) => ({ account_id: accountId, department_id })))
      .execute();
  }
}

export async function countAccountsWithRole(db: Conn, role: Role): Promise<number> {
  const row = await db
    .selectFrom("account_roles as r")
    .innerJoin("accounts as a", "a.id", "r.account_id")
    .where("r.role", "=", role)
    .where("a.status", "=", "active")
    .select(sql<number>`count(*)::int`.as("n"))
    .executeTakeFirstOrThrow();
  return row.n;
}

// ---- sessions ----------------------------------------------------------------------------------

export interface SessionPrincipalRow {
  account_id: string;
  csrf_token: string;
  last_seen_at: Date;
  expires_at: Date;
  roles: Role[];
  department_ids: string[];
}

export async function insertSession(
  db: Conn,
  row: { id_hash: string; account_id: string; csrf_token: string; expires_at: Date },
): Promise<void> {
  await db.insertInto("sessions").values(row).execute();
}

/** The live session's account, roles and departments in one round trip. */
export async function findLiveSession(db: Conn, idHash: string): Promise<SessionPrincipalRow | undefined> {
  return db
    .selectFrom("sessions as s")
    .innerJoin("accounts as a", "a.id", "s.account_id")
    .select([
      "s.account_id",
      "s.csrf_token",
      "s.last_seen_at",
      "s.expires_at",
      accountRoles.as("roles"),
      accountDepartmentIds.as("department_ids"),
    ])
    .where("s.id_hash", "=", idHash)
    .where("s.expires_at", ">", sql<Date>`now()`)
    .where("a.status", "=", "active")
    .executeTakeFirst();
}

export async function touchSession(db: Conn, idHash: string): Promise<void> {
  await db.updateTable("sessions").set({ last_seen_at: new Date() }).where("id_hash", "=", idHash).execute();
}

export async function deleteSession(db: Conn, idHash: string): Promise<void> {
  await db.deleteFrom("sessions").where("id_hash", "=", idHash).execute();
}

export async function deleteSessionsOfAccount(
  db: Conn,
  accountId: string,
  exceptIdHash?: string,
): Promise<void> {
  let query = db.deleteFrom("sessions").where("account_id", "=", accountId);
  if (exceptIdHash) {
    query = query.where("id_hash", "<>", exceptIdHash);
  }
  await query.execute();
}

export async function deleteExpiredSessions(db: Conn): Promise<void> {
  await db.deleteFrom("sessions").where("expires_at", "<=", sql<Date>`now()`).execute();
}

// ---- API tokens --------------------------------------------------------------------------------

export interface TokenRow {
  id: string;
  account_id: string;
  account_username: string;
  name: string;
  prefix: string;
  scopes: string[];
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

function tokenQuery(db: Conn) {
  return db
    .selectFrom("api_tokens as t")
    .innerJoin("accounts as a", "a.id", "t.account_id")
    .select([
      "t.id",
      "t.account_id",
      "a.username as account_username",
      "t.name",
      "t.prefix",
      "t.scopes",
      "t.created_at",
      "t.expires_at",
      "t.revoked_at",
      "t.last_used_at",
    ]);
}

export async function insertToken(
  db: Conn,
  row: {
    account_id: string;
    name: string;
    prefix: string;
    secret_hash: string;
    scopes: string[];
    created_by: string | null;
    expires_at: Date;
  },
): Promise<string> {
  const { id } = await db.insertInto("api_tokens").values(row).returning("id").executeTakeFirstOrThrow();
  return id;
}

export async function findToken(db: Conn, id: string): Promise<TokenRow | undefined> {
  return tokenQuery(db).where("t.id", "=", id).executeTakeFirst();
}

export async function listTokens(db: Conn, accountId?: string): Promise<TokenRow[]> {
  let query = tokenQuery(db);
  if (accountId) {
    query = query.where("t.account_id", "=", accountId);
  }
  return query.orderBy("t.created_at", "desc").execute();
}

export async function revokeToken(db: Conn, id: string): Promise<void> {
  await db
    .updateTable("api_tokens")
    .set({ revoked_at: new Date() })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .execute();
}

export interface TokenPrincipalRow {
  id: string;
  account_id: string;
  scopes: string[];
  last_used_at: Date | null;
  expires_at: Date;
  roles: Role[];
  department_ids: string[];
}

export async function findLiveTokenByHash(
  db: Conn,
  secretHash: string,
): Promise<TokenPrincipalRow | undefined> {
  // Every call with a token runs this: built once (see runShaped).
  const [row] = await runShaped(db, "identity:live-token", [secretHash], ([hash]) =>
    db
      .selectFrom("api_tokens as t")
      .innerJoin("accounts as a", "a.id", "t.account_id")
      .select([
        "t.id",
        "t.account_id",
        "t.scopes",
        "t.last_used_at",
        "t.expires_at",
        accountRoles.as("roles"),
        accountDepartmentIds.as("department_ids"),
      ])
      .where("t.secret_hash", "=", hash as string)
      .where("t.revoked_at", "is", null)
      .where("t.expires_at", ">", sql<Date>`now()`)
      .where("a.status", "=", "active"),
  );
  return row;
}

export async function touchToken(db: Conn, id: string): Promise<void> {
  await db.updateTable("api_tokens").set({ last_used_at: new Date() }).where("id", "=", id).execute();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const uuids = (ids: string[]) => ids.filter((id) => UUID.test(id));

export async function accountsByIds(db: Conn, ids: string[]) {
  const list = uuids(ids);
  return list.length
    ? db.selectFrom("accounts").select(["id", "username", "display_name"]).where("id", "in", list).execute()
    : [];
}

export async function personsByIds(db: Conn, ids: string[]) {
  const list = uuids(ids);
  return list.length
    ? db.selectFrom("persons").select(["id", "name", "id_number"]).where("id", "in", list).execute()
    : [];
}

export async function organisationsByIds(db: Conn, ids: string[]) {
  const list = uuids(ids);
  return list.length
    ? db.selectFrom("organisations").select(["id", "name", "credit_code"]).where("id", "in", list).execute()
    : [];
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
