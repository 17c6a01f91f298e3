import { type Selectable, sql, type Transaction } from "kysely";
import type { Db } from "../../platform/db/database.js";
import type { DB } from "../../platform/db/schema.js";
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

export async function addEvent(tx: Conn, e: NewEvent): Promise<void> {
  await tx
    .insertInto("request_events")
    .values({
      request_id: e.requestId,
      kind: e.kind,
      actor_account_id: e.actor,
      department_code: e.department ?? null,
      public: e.public,
      message: e.message ?? null,
      details: JSON.stringify(e.details ?? {}),
      ledger_seq: e.ledgerSeq ?? null,
    })
    .execute();
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
  await tx
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
    .onConflict((oc) => oc.doNothing())
    .execute();
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

/** Recent requests near a point in a category (a box first; the caller measures the distance). */
export function nearbyRecent(
  db: Conn,
  input: {
    excludeId: string;
    category: string;
    since: Date;
    box: { minLat: number; maxLat: number; minLng: number; maxLng: number };
  },
) {
  return db
    .selectFrom("requests")
    .select(["id", "lat", "lng", "duplicate_of", "created_at"])
    .where("id", "!=", input.excludeId)
    .where((eb) =>
      eb.or([eb("category_code", "=", input.category), eb("proposed_category_code", "=", input.category)]),
    )
    .where("created_at", ">=", input.since)
    .where("lat", ">=", input.box.minLat)
    .where("lat", "<=", input.box.maxLat)
    .where("lng", ">=", input.box.minLng)
    .where("lng", "<=", input.box.maxLng)
    .orderBy("created_at")
    .limit(50)
    .execute();
}

/** The most recent requests (for near-identical texts). */
export function recentTexts(db: Conn, input: { excludeId: string; since: Date; limit: number }) {
  return db
    .selectFrom("requests")
    .select(["id", "description", "duplicate_of", "created_at"])
    .where("id", "!=", input.excludeId)
    .where("created_at", ">=", input.since)
    .orderBy("created_at", "desc")
    .limit(input.limit)
    .execute();
}

/** Earlier requests from the same account or the same phone number. */
export function earlierFromSameCaller(
  db: Conn,
  input: { excludeId: string; account: string | null; phone: string | null },
) {
  return db
    .selectFrom("requests")
    .select(["id", "requester_account_id", "contact_phone", "created_at"])
    .where("id", "!=", input.excludeId)
    .where((eb) => {
      const any = [];
      if (input.account) {
        any.push(eb("requester_account_id", "=", input.account));
      }
      if (input.phone) {
        any.push(eb("contact_phone", "=", input.phone));
      }
      return eb.or(any);
    })
    .orderBy("created_at", "desc")
    .limit(3)
    .execute();
}
