import { type Selectable, sql, type Transaction } from "kysely";
import type { Db } from "../../platform/db/database.js";
import type { DB } from "../../platform/db/schema.js";
import { unnestAs } from "../../platform/db/unnest.js";
import type { AssignmentRole, AssignmentStatus, LinkKind, RequestStatus } from "./requests.tables.js";

type Conn = Db | Transaction<DB>;

export type RequestRow = Selectable<DB["requests"]>;
export type AssignmentRow = Selectable<DB["request_assignments"]>;
export type EventRow = Selectable<DB["request_events"]>;
export type LinkRow = Selectable<DB["request_links"]>;
export type ReturnVisitRow = Selectable<DB["request_return_visits"]>;
export type CorrectionRow = Selectable<DB["request_corrections"]>;
export type PhotoMeta = Omit<Selectable<DB["request_photos"]>, "data">;

export function findRequest(db: Conn, id: string): Promise<RequestRow | undefined> {
  return db.selectFrom("requests").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The request, locked for the rest of the transaction (actions on one request queue up). */
export function lockRequest(tx: Transaction<DB>, id: string): Promise<RequestRow | undefined> {
  return tx.selectFrom("requests").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

export function findByNumber(db: Conn, number: string): Promise<RequestRow | undefined> {
  return db.selectFrom("requests").selectAll().where("number", "=", number).executeTakeFirst();
}

export function findByToken(db: Conn, token: string): Promise<{ id: string; number: string } | undefined> {
  return db.selectFrom("requests").select(["id", "number"]).where("token", "=", token).executeTakeFirst();
}

export function assignmentsOf(db: Conn, requestIds: readonly string[]): Promise<AssignmentRow[]> {
  if (requestIds.length === 0) {
    return Promise.resolve([]);
  }
  return db
    .selectFrom("request_assignments")
    .selectAll()
    .where("request_id", "in", requestIds)
    .orderBy("assigned_at")
    .execute();
}

export async function addAssignment(
  tx: Conn,
  input: {
    requestId: string;
    department: string;
    role: AssignmentRole;
    status?: AssignmentStatus;
    by: string | null;
  },
): Promise<void> {
  await tx
    .insertInto("request_assignments")
    .values({
      request_id: input.requestId,
      department_code: input.department,
      role: input.role,
      status: input.status ?? "dispatched",
      assigned_by: input.by,
      ...(input.status === "accepted" ? { accepted_at: new Date() } : {}),
    })
    .execute();
}

export async function setAssignmentStatus(
  tx: Conn,
  id: string,
  status: AssignmentStatus,
  extra: { contribution?: string } = {},
): Promise<void> {
  await tx
    .updateTable("request_assignments")
    .set({
      status,
      ...(status === "accepted" ? { accepted_at: new Date() } : {}),
      ...(status === "done" || status === "returned" || status === "escalated"
        ? { done_at: new Date() }
        : {}),
      ...(extra.contribution !== undefined ? { contribution: extra.contribution } : {}),
    })
    .where("id", "=", id)
    .execute();
}

/** Ends every open assignment of a request (returned to the dispatcher). */
export async function endOpenAssignments(
  tx: Conn,
  requestId: string,
  status: AssignmentStatus,
): Promise<void> {
  await tx
    .updateTable("request_assignments")
    .set({ status, done_at: new Date() })
    .where("request_id", "=", requestId)
    .where("status", "in", ["dispatched", "accepted"])
    .execute();
}

export interface NewEvent {
  requestId: string;
  kind: string;
  actor: string | null;
  department?: string | null;
  public: boolean;
  message?: string | null;
  details?: Record<string, unknown>;
  ledgerSeq?: number | null;
}

const eventRow = (e: NewEvent) => ({
  request_id: e.requestId,
  kind: e.kind,
  actor_account_id: e.actor,
  department_code: e.department ?? null,
  public: e.public,
  message: e.message ?? null,
  details: JSON.stringify(e.details ?? {}),
  ledger_seq: e.ledgerSeq ?? null,
});

export async function addEvent(tx: Conn, e: NewEvent): Promise<void> {
  await tx.insertInto("request_events").values(eventRow(e)).execute();
}

export function eventsOf(db: Conn, requestId: string, publicOnly: boolean): Promise<EventRow[]> {
  let q = db.selectFrom("request_events").selectAll().where("request_id", "=", requestId);
  if (publicOnly) {
    q = q.where("public", "=", true);
  }
  return q.orderBy("id").execute();
}

export async function updateRequest(
  tx: Conn,
  id: string,
  set: Partial<{
    status: RequestStatus;
    category_code: string | null;
    department_code: string | null;
    dispatched_at: Date | null;
    accepted_at: Date | null;
    first_contact_at: Date | null;
    replied_at: Date | null;
    closed_at: Date | null;
    contact_due_at: Date | null;
    resolve_due: string | null;
    resolve_due_estimated: boolean;
    reply: string | null;
    reply_by: string | null;
    resolved: boolean | null;
    satisfied: boolean | null;
    return_visit_at: Date | null;
    reopened_count: number;
  }>,
): Promise<void> {
  await tx
    .updateTable("requests")
    .set({ ...set, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

export function linksOf(
  db: Conn,
  requestId: string,
): Promise<(LinkRow & { number: string; direction: "to" | "from" })[]> {
  return db
    .selectFrom("request_links as l")
    .innerJoin("requests as r", (j) =>
      j.on((eb) =>
        eb.or([
          eb.and([eb("l.request_id", "=", requestId), eb("r.id", "=", eb.ref("l.related_id"))]),
          eb.and([eb("l.related_id", "=", requestId), eb("r.id", "=", eb.ref("l.request_id"))]),
        ]),
      ),
    )
    .select([
      "l.request_id",
      "l.related_id",
      "l.kind",
      "l.reason",
      "l.score",
      "l.created_at",
      "r.number",
      sql<"to" | "from">`case when l.request_id = ${requestId} then 'to' else 'from' end`.as("direction"),
    ])
    .where((eb) => eb.or([eb("l.request_id", "=", requestId), eb("l.related_id", "=", requestId)]))
    .orderBy("l.created_at")
    .execute();
}

export async function addLinks(
  tx: Conn,
  links: { requestId: string; relatedId: string; kind: LinkKind; reason: string; score: number }[],
): Promise<void> {
  if (links.length === 0) {
    return;
  }
  await linksInsert(tx, links).execute();
}

/** The insert of `addLinks` (at least one link), to run inside another statement. */
export function linksInsert(
  db: Conn,
  links: readonly { requestId: string; relatedId: string; kind: LinkKind; reason: string; score: number }[],
) {
  return db
    .insertInto("request_links")
    .values(
      links.map((l) => ({
        request_id: l.requestId,
        related_id: l.relatedId,
        kind: l.kind,
        reason: l.reason,
        score: l.score,
      })),
    )
    .onConflict((oc) => oc.doNothing());
}

export function photosOf(db: Conn, requestId: string): Promise<PhotoMeta[]> {
  return db
    .selectFrom("request_photos")
    .select(["id", "request_id", "content_type", "size_bytes", "sha256", "uploaded_by", "created_at"])
    .where("request_id", "=", requestId)
    .orderBy("created_at")
    .execute();
}

export function returnVisitsOf(db: Conn, requestId: string): Promise<ReturnVisitRow[]> {
  return db
    .selectFrom("request_return_visits")
    .selectAll()
    .where("request_id", "=", requestId)
    .orderBy("at")
    .execute();
}

/** What intake looks up before filing a request, fetched in one round trip. */
export interface IntakeLookups {
  number: string;
  nearby: { id: string; lat: number; lng: number; duplicate_of: string | null; created_at: Date }[];
  recent: { id: string; duplicate_of: string | null; created_at: Date }[];
  earlier: { id: string; requester_account_id: string | null }[];
}

/**
 * In one statement: the new request's number (`YM` + day + sequence) and, among the requests filed
 * so far, the candidates for its links — recent ones near the point in the category (a box, served
 * by the spatial index; the caller measures the distance), of the `recent.limit` most recent those of
 * a comparable size (ids only: their texts come from `textsOf`, or the caller's cache), and the last three from the same
 * account or phone number (each served by its own index).
 */
export async function intakeLookups(
  db: Conn,
  input: {
    day: string;
    since: Date;
    nearby: {
      category: string;
      box: { minLat: number; maxLat: number; minLng: number; maxLng: number };
    } | null;
    /** The most recent requests whose texts could be near-identical to one of this many bigrams (0: none). */
    recent: { limit: number; bigrams: number } | null;
    account: string | null;
    phone: string | null;
  },
): Promise<IntakeLookups> {
  const near = input.nearby;
  const nearby = near
    ? sql`(select coalesce(json_agg(n order by n.created_at), '[]') from (
        select id, lat, lng, duplicate_of, created_at from requests
        where (category_code = ${near.category} or proposed_category_code = ${near.category})
          and created_at >= ${input.since}
          and point(lng, lat) <@ box(point(${near.box.minLng}::float8, ${near.box.minLat}::float8),
                                     point(${near.box.maxLng}::float8, ${near.box.maxLat}::float8))
          and lat >= ${near.box.minLat} and lat <= ${near.box.maxLat}
          and lng >= ${near.box.minLng} and lng <= ${near.box.maxLng}
        order by created_at limit 50) n)`
    : sql`'[]'::json`;
  const callers = [
    ...(input.account
      ? [
          sql`(select id, requester_account_id, created_at from requests
            where requester_account_id = ${input.account} order by created_at desc limit 3)`,
        ]
      : []),
    ...(input.phone
      ? [
          sql`(select id, requester_account_id, created_at from requests
            where contact_phone = ${input.phone} order by created_at desc limit 3)`,
        ]
      : []),
  ];
  const earlier =
    callers.length > 0
      ? sql`(select coalesce(json_agg(e order by e.created_at desc), '[]') from (
          select * from (${sql.join(callers, sql` union `)}) u order by created_at desc limit 3) e)`
      : sql`'[]'::json`;
  // Of the most recent, those whose size lets them reach the similarity (min/max of the set sizes
  // ≥ 0.8, checked exactly by the caller; a wider range here), or of unknown size.
  const recent = input.recent
    ? sql`(select coalesce(json_agg(r order by r.created_at desc), '[]') from (
        select id, duplicate_of, created_at, text_bigrams from requests where created_at >= ${input.since}
        order by created_at desc limit ${input.recent.limit}) r
        where r.text_bigrams is null
          or r.text_bigrams between ${Math.floor(input.recent.bigrams * 0.8)} and ${Math.ceil(input.recent.bigrams * 1.25)})`
    : sql`'[]'::json`;
  const result = await sql<{
    number: string;
    nearby: (Omit<IntakeLookups["nearby"][number], "created_at"> & { created_at: string })[];
    recent: (Omit<IntakeLookups["recent"][number], "created_at"> & { created_at: string })[];
    earlier: IntakeLookups["earlier"];
  }>`select ${`YM${input.day}`} || lpad(nextval('request_number_seq')::text, 6, '0') as number,
      ${nearby} as nearby,
      ${recent} as recent,
      ${earlier} as earlier`.execute(db);
  const row = result.rows[0];
  if (!row) {
    throw new Error("intake look-ups returned no row");
  }
  const parse = <T extends { created_at: string }>(rows: T[]) =>
    (typeof rows === "string" ? (JSON.parse(rows) as T[]) : rows).map((r) => ({
      ...r,
      created_at: new Date(r.created_at),
    }));
  return {
    number: row.number,
    nearby: parse(row.nearby),
    recent: parse(row.recent),
    earlier: typeof row.earlier === "string" ? JSON.parse(row.earlier) : row.earlier,
  };
}

/** The descriptions of some requests, by id. */
export function textsOf(db: Conn, ids: readonly string[]): Promise<{ id: string; description: string }[]> {
  if (ids.length === 0) {
    return Promise.resolve([]);
  }
  return db.selectFrom("requests").select(["id", "description"]).where("id", "in", ids).execute();
}

const NEW_REQUEST_COLUMNS = [
  "id",
  "number",
  "token",
  "channel",
  "status",
  "title",
  "description",
  "category_code",
  "department_code",
  "proposed_category_code",
  "proposed_department_code",
  "proposed_confidence",
  "proposed_by",
  "requester_account_id",
  "entered_by",
  "anonymous",
  "contact_name",
  "contact_phone",
  "contact_email",
  "lat",
  "lng",
  "address",
  "media_url",
  "open311_key_id",
  "public_view",
  "duplicate_of",
  "text_bigrams",
  "created_at",
  "dispatched_at",
  "contact_due_at",
  "resolve_due",
  "resolve_due_estimated",
] as const satisfies readonly (keyof RequestRow)[];
const NEW_REQUEST_LIST = sql.raw(NEW_REQUEST_COLUMNS.join(", "));
const NEW_REQUEST_OF_R = sql.raw(NEW_REQUEST_COLUMNS.map((c) => `r.${c}`).join(", "));

/** A new request as intake writes it: every column intake sets (the others take their defaults). */
export type NewRequest = Pick<RequestRow, (typeof NEW_REQUEST_COLUMNS)[number]>;

/** What intake wrote, as read back from the statement that wrote it. */
export interface Written {
  request: RequestRow;
  assignments: AssignmentRow[];
  events: EventRow[];
  links: (LinkRow & { number: string; direction: "to" | "from" })[];
}

type Stamped<T, K extends keyof T> = Omit<T, K> & { [P in K]: string | null };
export interface WrittenRow extends RequestRow {
  written_assignments: Stamped<AssignmentRow, "assigned_at" | "accepted_at" | "done_at">[] | string;
  written_events: Stamped<EventRow, "at">[] | string;
  written_links: (Stamped<LinkRow, "created_at"> & { number: string })[] | string;
}

const stamp = (value: string | null): Date | null => (value === null ? null : new Date(value));
const list = <T>(value: T[] | string): T[] =>
  typeof value === "string" ? (JSON.parse(value) as T[]) : value;

/** The type of each column intake writes, for the arrays it writes them from. */
const NEW_REQUEST_TYPES: Record<(typeof NEW_REQUEST_COLUMNS)[number], string> = {
  id: "uuid",
  number: "text",
  token: "text",
  channel: "text",
  status: "text",
  title: "text",
  description: "text",
  category_code: "text",
  department_code: "text",
  proposed_category_code: "text",
  proposed_department_code: "text",
  proposed_confidence: "real",
  proposed_by: "text",
  requester_account_id: "uuid",
  entered_by: "uuid",
  anonymous: "boolean",
  contact_name: "text",
  contact_phone: "text",
  contact_email: "text",
  lat: "float8",
  lng: "float8",
  address: "text",
  media_url: "text",
  open311_key_id: "uuid",
  public_view: "boolean",
  duplicate_of: "uuid",
  text_bigrams: "integer",
  created_at: "timestamptz",
  dispatched_at: "timestamptz",
  contact_due_at: "timestamptz",
  resolve_due: "date",
  resolve_due_estimated: "boolean",
};

const LINK_TYPES = { request_id: "uuid", related_id: "uuid", kind: "text", reason: "text", score: "real" };
const EVENT_TYPES = {
  ord: "integer",
  request_id: "uuid",
  kind: "text",
  actor: "uuid",
  department: "text",
  public: "boolean",
  details: "text",
};
const LEAD_TYPES = { request_id: "uuid", department_code: "text", assigned_by: "uuid" };

/** One request as intake writes it: the row, its links, its events and its lead assignment when dispatched. */
export interface IntakeItem {
  request: NewRequest;
  links: readonly { relatedId: string; kind: LinkKind; reason: string; score: number }[];
  events: readonly {
    kind: string;
    actor: string | null;
    department: string | null;
    public: boolean;
    details: object;
  }[];
  lead: { department: string; by: string | null } | null;
}

/**
 * The statements of intake that run along the requests' ledger entries (Ledger.recordAlongManyReading,
 * the i-th entry recording the i-th request), for any number of requests at once (a group commit)
 * and as one statement of the same text whatever they hold (every row goes through arrays), so that
 * PostgreSQL prepares it once per connection: the requests, their links, their events (each with its
 * entry's sequence number) and the lead assignments of those dispatched at once; and the final
 * SELECT returning all of it, a row per request (`readWritten`), so that the answers need no read.
 */
export function intakeWrite(items: readonly IntakeItem[]) {
  const links = items.flatMap((item) =>
    item.links.map((l) => ({
      request_id: item.request.id,
      related_id: l.relatedId,
      kind: l.kind,
      reason: l.reason,
      score: l.score,
    })),
  );
  const events = items.flatMap((item, i) =>
    item.events.map((e) => ({
      ord: i + 1,
      request_id: item.request.id,
      kind: e.kind,
      actor: e.actor,
      department: e.department,
      public: e.public,
      details: JSON.stringify(e.details),
    })),
  );
  const leads = items.flatMap((item) =>
    item.lead
      ? [{ request_id: item.request.id, department_code: item.lead.department, assigned_by: item.lead.by }]
      : [],
  );
  return {
    companions: [
      {
        name: "request",
        sql: sql`insert into requests (${NEW_REQUEST_LIST}, reply, reply_by, updated_at)
          select ${NEW_REQUEST_OF_R}, null, null, r.created_at
          from ${unnestAs(
            items.map((item) => item.request),
            NEW_REQUEST_TYPES,
            "r",
          )}
          returning *`,
      },
      {
        name: "request_links",
        sql: sql`insert into request_links (request_id, related_id, kind, reason, score)
          select l.request_id, l.related_id, l.kind, l.reason, l.score from ${unnestAs(links, LINK_TYPES, "l")}
          on conflict do nothing
          returning *`,
      },
      {
        name: "request_events",
        sql: sql`insert into request_events (request_id, kind, actor_account_id, department_code, public, message,
            details, ledger_seq)
          select e.request_id, e.kind, e.actor, e.department, e.public, null, e.details::jsonb, s.seq
          from ${unnestAs(events, EVENT_TYPES, "e")}
          join entry_seqs s on s.ord = e.ord
          order by e.n
          returning *`,
      },
      {
        name: "request_assignment",
        sql: sql`insert into request_assignments (request_id, department_code, role, status, assigned_by)
          select a.request_id, a.department_code, 'lead', 'dispatched', a.assigned_by
          from ${unnestAs(leads, LEAD_TYPES, "a")}
          returning *`,
      },
    ],
    read: sql<WrittenRow>`select q.*,
        (select coalesce(json_agg(a), '[]') from request_assignment a where a.request_id = q.id)
          as written_assignments,
        (select coalesce(json_agg(e order by e.id), '[]') from request_events e where e.request_id = q.id)
          as written_events,
        (select coalesce(json_agg(json_build_object('request_id', l.request_id, 'related_id', l.related_id,
            'kind', l.kind, 'reason', l.reason, 'score', l.score, 'created_at', l.created_at, 'number', r.number)), '[]')
          from request_links l join requests r on r.id = l.related_id where l.request_id = q.id) as written_links
      from request q`,
  };
}

/** A row of `intakeWrite`'s final SELECT, typed as reading the tables gives it. */
export function readWritten(row: WrittenRow, item: IntakeItem): Written {
  const { written_assignments, written_events, written_links, ...request } = row;
  const order = new Map(item.links.map((l, i) => [`${l.relatedId}|${l.kind}`, i]));
  return {
    request,
    assignments: list(written_assignments).map((a) => ({
      ...a,
      assigned_at: stamp(a.assigned_at) as Date,
      accepted_at: stamp(a.accepted_at),
      done_at: stamp(a.done_at),
    })),
    events: list(written_events).map((e) => ({ ...e, at: stamp(e.at) as Date })),
    links: list(written_links)
      .map((l) => ({ ...l, created_at: stamp(l.created_at) as Date, direction: "to" as const }))
      .sort(
        (a, b) =>
          (order.get(`${a.related_id}|${a.kind}`) ?? 0) - (order.get(`${b.related_id}|${b.kind}`) ?? 0),
      ),
  };
}
