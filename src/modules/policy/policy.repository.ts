import { type Kysely, type RawBuilder, sql, type Transaction } from "kysely";
import type { DB } from "../../platform/db/schema.js";
import type { Companion } from "../ledger/index.js";
import type { Power } from "./rights-list.js";

type Conn = Kysely<DB> | Transaction<DB>;

export interface VersionRow {
  id: string;
  department_code: string;
  version: number;
  powers: Power[];
  status: "proposed" | "approved" | "refused";
  summary: string;
  proposed_by: string | null;
  proposed_at: Date;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  review_reason: string | null;
  effective_from: Date | null;
}

const COLUMNS = [
  "id",
  "department_code",
  "version",
  "powers",
  "status",
  "summary",
  "proposed_by",
  "proposed_at",
  "reviewed_by",
  "reviewed_at",
  "review_reason",
  "effective_from",
] as const;

/** For each department, the approved version with the latest effective date not after `at`. */
export async function versionsInForce(db: Conn, at: Date): Promise<VersionRow[]> {
  const rows = await db
    .selectFrom("rights_list_versions")
    .select(COLUMNS)
    .distinctOn("department_code")
    .where("status", "=", "approved")
    .where("effective_from", "<=", at)
    .orderBy("department_code")
    .orderBy("effective_from", "desc")
    .orderBy("version", "desc")
    .execute();
  return rows as VersionRow[];
}

export async function listVersions(db: Conn, departmentCode?: string): Promise<VersionRow[]> {
  let q = db.selectFrom("rights_list_versions").select(COLUMNS);
  if (departmentCode) {
    q = q.where("department_code", "=", departmentCode);
  }
  return (await q.orderBy("department_code").orderBy("version", "desc").execute()) as VersionRow[];
}

export async function findVersion(db: Conn, id: string): Promise<VersionRow | undefined> {
  return (await db
    .selectFrom("rights_list_versions")
    .select(COLUMNS)
    .where("id", "=", id)
    .executeTakeFirst()) as VersionRow | undefined;
}

export async function insertVersion(
  db: Conn,
  row: {
    department_code: string;
    powers: Power[];
    status: "proposed" | "approved";
    summary: string;
    proposed_by: string | null;
    effective_from: Date | null;
    reviewed_at: Date | null;
  },
): Promise<string> {
  // The next version number of the department, taken under a lock on the department's versions.
  await sql`select pg_advisory_xact_lock(hashtext(${`rights:${row.department_code}`}))`.execute(db);
  const { next } = await db
    .selectFrom("rights_list_versions")
    .select(sql<number>`coalesce(max(version), 0)::int + 1`.as("next"))
    .where("department_code", "=", row.department_code)
    .executeTakeFirstOrThrow();
  const { id } = await db
    .insertInto("rights_list_versions")
    .values({ ...row, powers: JSON.stringify(row.powers), version: next })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

export async function reviewVersion(
  db: Conn,
  id: string,
  review: {
    status: "approved" | "refused";
    reviewed_by: string | null;
    review_reason: string;
    effective_from: Date | null;
  },
): Promise<boolean> {
  const result = await db
    .updateTable("rights_list_versions")
    .set({ ...review, reviewed_at: new Date() })
    .where("id", "=", id)
    .where("status", "=", "proposed")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function declareRelation(
  db: Conn,
  row: { account_id: string; person_id: string; relation: string },
): Promise<void> {
  await db
    .insertInto("declared_relations")
    .values(row)
    .onConflict((oc) => oc.columns(["account_id", "person_id"]).doNothing())
    .execute();
}

const COUNT_SHARDS = 32;

/**
 * The facts the negative list needs about one read, in one round trip: how many other persons the
 * account read on `day` (China time), and whether it declared itself related to this person.
 */
export async function readFacts(
  db: Conn,
  accountId: string,
  day: string,
  personId: string,
): Promise<{ readsToday: number; related: boolean }> {
  const row = await sql<{
    facts: RawReadFacts;
  }>`select ${readFactsSql(accountId, day, sql`${personId}::uuid`)} as facts`.execute(db);
  return readFactsOf(row.rows[0]?.facts);
}

/** The facts as they come out of readFactsSql. */
export interface RawReadFacts {
  n: number;
  seen: boolean;
  related: boolean;
}

/** The facts as one JSON expression, to be selected inside another query (one round trip for a call). */
export function readFactsSql(
  accountId: string,
  day: string,
  personId: RawBuilder<unknown>,
): RawBuilder<RawReadFacts> {
  return sql<RawReadFacts>`json_build_object(
      'n', coalesce((select sum(persons) from policy_daily_counts where account_id = ${accountId} and day = ${day}), 0),
      'seen', exists (select 1 from policy_daily_reads
              where account_id = ${accountId} and day = ${day} and subject_id = ${personId}),
      'related', exists (select 1 from declared_relations
              where account_id = ${accountId} and person_id = ${personId}))`;
}

export function readFactsOf(raw: RawReadFacts | undefined): { readsToday: number; related: boolean } {
  if (!raw) {
    return { readsToday: 0, related: false };
  }
  const n = Number(raw.n);
  return { readsToday: raw.seen ? n - 1 : n, related: raw.related };
}

/**
 * Notes that the account read the person's records on `day`; a new person adds to the day's count.
 * As two named CTEs, to run inside another statement (see Ledger.recordAlong).
 */
export function noteReadSql(accountId: string, day: string, personId: string): Companion[] {
  const shard = Math.floor(Math.random() * COUNT_SHARDS);
  return [
    {
      name: "policy_fresh_read",
      sql: sql`insert into policy_daily_reads (account_id, day, subject_id)
        values (${accountId}, ${day}, ${personId})
        on conflict do nothing
        returning 1`,
    },
    {
      name: "policy_read_count",
      sql: sql`insert into policy_daily_counts (account_id, day, shard, persons)
        select ${accountId}, ${day}, ${shard}, 1 from policy_fresh_read
        on conflict (account_id, day, shard) do update set persons = policy_daily_counts.persons + 1`,
    },
  ];
}

/**
 * Notes many reads at once (accounts, days and persons; repeats allowed), as noteReadSql does one:
 * each person new to an account's day adds one to that day's count.
 */
export function noteReadsSql(reads: { accountId: string; day: string; personId: string }[]): Companion[] {
  // Repeats within the batch would count twice (one statement does not see its own rows).
  const distinct = [...new Map(reads.map((r) => [`${r.accountId}|${r.day}|${r.personId}`, r])).values()];
  const shard = Math.floor(Math.random() * COUNT_SHARDS);
  return [
    {
      name: "policy_fresh_reads",
      sql: sql`insert into policy_daily_reads (account_id, day, subject_id)
        select * from unnest(${sql.val(distinct.map((r) => r.accountId))}::uuid[],
                             ${sql.val(distinct.map((r) => r.day))}::date[],
                             ${sql.val(distinct.map((r) => r.personId))}::uuid[])
        on conflict do nothing
        returning account_id, day`,
    },
    {
      name: "policy_read_counts",
      sql: sql`insert into policy_daily_counts (account_id, day, shard, persons)
        select account_id, day, ${shard}, count(*)::int from policy_fresh_reads group by account_id, day
        on conflict (account_id, day, shard) do update set persons = policy_daily_counts.persons + excluded.persons`,
    },
  ];
}

/** Notes that the account read the person's records on `day`. */
export async function noteRead(db: Conn, accountId: string, day: string, personId: string): Promise<void> {
  const [fresh, count] = noteReadSql(accountId, day, personId) as [Companion, Companion];
  await sql`with policy_fresh_read as (${fresh.sql}) ${count.sql}`.execute(db);
}
