import { type Kysely, type RawBuilder, sql, type Transaction } from "kysely";
import { jsonRows } from "../../platform/db/json-rows.js";
import type { DB } from "../../platform/db/schema.js";

type Conn = Kysely<DB> | Transaction<DB>;

/** Appends one entry and its private identities in a single statement (one round trip). */
/** A data-modifying statement to run in the same statement as a ledger entry (a named CTE). */
export interface Companion {
  name: string;
  sql: RawBuilder<unknown>;
}

/** A ledger entry as stored, before its sequence number. */
export interface EntryRow {
  body: string;
  action: string;
  time: Date;
  department_ids: string[];
}

/** A clear identifier behind one of an entry's keyed hashes. */
export interface IdentityRow {
  kind: "actor" | "subject";
  subject_type: "person" | "organisation" | "account";
  subject_id: string;
}

export async function insertEntry(
  db: Conn,
  row: EntryRow,
  identities: IdentityRow[],
  companions: (seq: RawBuilder<number>) => Companion[] = () => [],
): Promise<number> {
  return (await insertEntrySelecting(db, row, identities, companions, sql`null`)).seq;
}

/**
 * insertEntry, and one value computed in the same statement (`selected`): typically what the
 * companions wrote, read from their RETURNING as JSON (a statement's CTEs see each other's output).
 */
export async function insertEntrySelecting<T>(
  db: Conn,
  row: EntryRow,
  identities: IdentityRow[],
  companions: (seq: RawBuilder<number>) => Companion[],
  select: RawBuilder<T>,
): Promise<{ seq: number; selected: T }> {
  const more = companions(sql<number>`(select seq from entry)`);
  const result = await sql<{ seq: number; selected: T }>`
    with entry as (
      insert into ledger_entries (body, action, time, department_ids)
      values (${row.body}, ${row.action}, ${row.time}, ${sql.val(row.department_ids)}::text[])
      returning seq
    ), links as (
      insert into ledger_identities (seq, kind, subject_type, subject_id)
      select entry.seq, i.kind, i.subject_type, i.subject_id
      from entry, unnest(${sql.val(identities.map((i) => i.kind))}::text[],
                         ${sql.val(identities.map((i) => i.subject_type))}::text[],
                         ${sql.val(identities.map((i) => i.subject_id))}::text[]) as i (kind, subject_type, subject_id)
      on conflict do nothing
    )${sql.join(
      more.map((c) => sql`, ${sql.id(c.name)} as (${c.sql})`),
      sql``,
    )}
    select seq, ${select} as selected from entry`.execute(db);
  const first = result.rows[0];
  return { seq: Number(first?.seq), selected: first?.selected as T };
}

/**
 * Appends many entries and their private identities in a single statement, with companion
 * statements that may refer to the CTE `entry_seqs` (columns `ord`: the entry's place in `rows`
 * from 1, and `seq`). Returns the sequence numbers in the order of `rows`.
 */
export async function insertEntriesAlong(
  db: Conn,
  rows: EntryRow[],
  identities: IdentityRow[][],
  companions: Companion[],
): Promise<number[]> {
  const result = await entriesAlong<{ ord: string; seq: string }>(
    db,
    rows,
    identities,
    companions,
    sql`select ord, seq from entry_seqs`,
  );
  const seqs = new Array<number>(rows.length);
  for (const r of result) {
    seqs[Number(r.ord) - 1] = Number(r.seq);
  }
  return seqs;
}

/** The statement of `insertEntriesAlong` with `read` as its final SELECT; its rows. */
export async function entriesAlong<R>(
  db: Conn,
  rows: EntryRow[],
  identities: IdentityRow[][],
  companions: Companion[],
  read: RawBuilder<R>,
): Promise<R[]> {
  const links = identities.flatMap((list, i) => list.map((x) => ({ ...x, ord: i + 1 })));
  // The sequence numbers are drawn first (a CTE with nextval is evaluated once), so each entry's
  // place in the batch maps to its seq for the identities and the companions.
  const result = await sql<R>`
    with entry_seqs as (
      select nextval('ledger_entries_seq_seq') as seq, r.n as ord, r.body, r.action, r.time, r.departments
      from ${jsonRows(
        rows.map((r) => ({ body: r.body, action: r.action, time: r.time, departments: r.department_ids })),
        { body: "text", action: "text", time: "timestamptz", departments: "text[]" },
        "r",
      )}
    ), entries as (
      insert into ledger_entries (seq, body, action, time, department_ids)
      select seq, body, action, time, departments
      from entry_seqs
      order by seq
    ), links as (
      insert into ledger_identities (seq, kind, subject_type, subject_id)
      select e.seq, i.kind, i.subject_type, i.subject_id
      from ${jsonRows(links, { ord: "int", kind: "text", subject_type: "text", subject_id: "text" }, "i")}
      join entry_seqs e on e.ord = i.ord
      on conflict do nothing
    )${sql.join(
      companions.map((c) => sql`, ${sql.id(c.name)} as (${c.sql})`),
      sql``,
    )}
    ${read}`.execute(db);
  return result.rows;
}

export async function insertEntries(db: Conn, rows: EntryRow[], identities: IdentityRow[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 5000) {
    const seqs = await db
      .insertInto("ledger_entries")
      .values(rows.slice(i, i + 5000))
      .returning("seq")
      .execute();
    const links = seqs.flatMap(({ seq }, j) => (identities[i + j] ?? []).map((x) => ({ ...x, seq })));
    for (let k = 0; k < links.length; k += 5000) {
      await db
        .insertInto("ledger_identities")
        .values(links.slice(k, k + 5000))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  }
}

export async function latestCheckpoint(
  db: Conn,
): Promise<{ size: number; root: Uint8Array; note: string } | undefined> {
  return db
    .selectFrom("ledger_checkpoints")
    .select(["size", "root", "note"])
    .orderBy("size", "desc")
    .limit(1)
    .executeTakeFirst();
}

export async function checkpointAt(
  db: Conn,
  size: number,
): Promise<{ size: number; root: Uint8Array; note: string } | undefined> {
  return db
    .selectFrom("ledger_checkpoints")
    .select(["size", "root", "note"])
    .where("size", "=", size)
    .executeTakeFirst();
}

export async function pendingEntries(db: Conn, limit: number): Promise<{ seq: number; body: string }[]> {
  return db
    .selectFrom("ledger_entries")
    .select(["seq", "body"])
    .where("idx", "is", null)
    .orderBy("seq")
    .limit(limit)
    .execute();
}

export async function assignIndices(db: Conn, seqs: number[], firstIndex: number): Promise<void> {
  for (let i = 0; i < seqs.length; i += 10_000) {
    const chunk = seqs.slice(i, i + 10_000);
    await sql`update ledger_entries e set idx = v.idx
      from (select unnest(${sql.val(chunk)}::bigint[]) as seq, generate_series(${firstIndex + i}::bigint, ${firstIndex + i + chunk.length - 1}::bigint) as idx) v
      where e.seq = v.seq`.execute(db);
  }
}

export async function insertNodes(
  db: Conn,
  nodes: { level: number; idx: number; hash: Uint8Array }[],
): Promise<void> {
  for (let i = 0; i < nodes.length; i += 10_000) {
    await db
      .insertInto("ledger_nodes")
      .values(nodes.slice(i, i + 10_000).map((n) => ({ ...n, hash: Buffer.from(n.hash) })))
      .execute();
  }
}

/** Node hashes by (level, idx); missing ones are absent from the map. */
export async function findNodes(
  db: Conn,
  ids: { level: number; idx: number }[],
): Promise<Map<string, Uint8Array>> {
  const map = new Map<string, Uint8Array>();
  if (ids.length === 0) {
    return map;
  }
  const levels = ids.map((n) => n.level);
  const idxs = ids.map((n) => n.idx);
  const rows = await sql<{ level: number; idx: number; hash: Uint8Array }>`
    select n.level, n.idx, n.hash from ledger_nodes n
    join (select unnest(${sql.val(levels)}::smallint[]) as level, unnest(${sql.val(idxs)}::bigint[]) as idx) w
      on n.level = w.level and n.idx = w.idx`.execute(db);
  for (const r of rows.rows) {
    map.set(`${r.level}/${r.idx}`, new Uint8Array(r.hash));
  }
  return map;
}

export async function nodeRange(db: Conn, level: number, from: number, count: number): Promise<Uint8Array[]> {
  const rows = await db
    .selectFrom("ledger_nodes")
    .select(["idx", "hash"])
    .where("level", "=", level)
    .where("idx", ">=", from)
    .where("idx", "<", from + count)
    .orderBy("idx")
    .execute();
  return rows.map((r) => new Uint8Array(r.hash));
}

export async function entryRange(
  db: Conn,
  from: number,
  count: number,
): Promise<{ idx: number; body: string }[]> {
  const rows = await db
    .selectFrom("ledger_entries")
    .select(["idx", "body"])
    .where("idx", ">=", from)
    .where("idx", "<", from + count)
    .orderBy("idx")
    .execute();
  return rows as { idx: number; body: string }[];
}

export async function findEntryByIndex(
  db: Conn,
  idx: number,
): Promise<{ seq: number; idx: number; body: string } | undefined> {
  const row = await db
    .selectFrom("ledger_entries")
    .select(["seq", "idx", "body"])
    .where("idx", "=", idx)
    .executeTakeFirst();
  return row as { seq: number; idx: number; body: string } | undefined;
}

export interface SearchFilter {
  action?: string | undefined;
  departmentId?: string | undefined;
  subject?: { type: "person" | "organisation" | "account"; id: string } | undefined;
  actorAccountId?: string | undefined;
  /** Leave out entries where this account is the actor (the person's own actions). */
  excludeActorAccountId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Only these entries (by sequence number), e.g. those behind a supervision alert. */
  seqs?: number[] | undefined;
  /** Include entries not yet integrated into the tree. */
  pending?: boolean;
  limit: number;
  offset: number;
}

export interface SearchRow {
  seq: number;
  idx: number | null;
  body: string;
  time: Date;
}

export async function searchEntries(
  db: Conn,
  f: SearchFilter,
): Promise<{ rows: SearchRow[]; total: number }> {
  let q = db.selectFrom("ledger_entries as e");
  if (f.action) {
    q = q.where("e.action", "like", `${f.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  if (f.departmentId) {
    q = q.where(sql<boolean>`${f.departmentId} = any(e.department_ids)`);
  }
  if (f.from) {
    q = q.where("e.time", ">=", f.from);
  }
  if (f.to) {
    q = q.where("e.time", "<", f.to);
  }
  if (!f.pending) {
    q = q.where("e.idx", "is not", null);
  }
  if (f.seqs) {
    q = f.seqs.length > 0 ? q.where("e.seq", "in", f.seqs) : q.where(sql<boolean>`false`);
  }
  const subject = f.subject;
  if (subject) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("ledger_identities as i")
          .select("i.seq")
          .whereRef("i.seq", "=", "e.seq")
          .where("i.kind", "=", "subject")
          .where("i.subject_type", "=", subject.type)
          .where("i.subject_id", "=", subject.id),
      ),
    );
  }
  const actor = f.actorAccountId;
  if (actor) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("ledger_identities as i")
          .select("i.seq")
          .whereRef("i.seq", "=", "e.seq")
          .where("i.kind", "=", "actor")
          .where("i.subject_id", "=", actor),
      ),
    );
  }
  const excluded = f.excludeActorAccountId;
  if (excluded) {
    q = q.where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("ledger_identities as i")
            .select("i.seq")
            .whereRef("i.seq", "=", "e.seq")
            .where("i.kind", "=", "actor")
            .where("i.subject_id", "=", excluded),
        ),
      ),
    );
  }
  const total = await q.select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
  const rows = await q
    .select(["e.seq", "e.idx", "e.body", "e.time"])
    .orderBy("e.seq", "desc")
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { rows, total: total.n };
}

export async function identitiesOf(db: Conn, seqs: number[]) {
  if (seqs.length === 0) {
    return [];
  }
  return db.selectFrom("ledger_identities").selectAll().where("seq", "in", seqs).execute();
}
