import { type Selectable, sql, type Transaction } from "kysely";
import type { Db } from "../../platform/db/database.js";
import type { DB } from "../../platform/db/schema.js";
import type { RequestStatus } from "./requests.tables.js";

/** The columns the public projection reads, and nothing else (no contact details leave here unread). */
const COLUMNS = [
  "id",
  "number",
  "status",
  "title",
  "description",
  "reply",
  "category_code",
  "proposed_category_code",
  "department_code",
  "requester_account_id",
  "contact_name",
  "contact_phone",
  "contact_email",
  "lat",
  "lng",
  "address",
  "created_at",
  "updated_at",
  "dispatched_at",
  "replied_at",
  "closed_at",
] as const;

/** A row as the projection reads it, and the keyset cursor's text (created_at to the microsecond). */
export type PublicCandidate = Pick<Selectable<DB["requests"]>, (typeof COLUMNS)[number]> & { at_key: string };

/** What SQL can narrow without seeing the published form (the caller checks that form afterwards). */
export interface CandidateQuery {
  categories: readonly string[];
  status?: RequestStatus | undefined;
  /** A superset box: the caller widens the asked box by the largest grid shift. */
  box?: { minLat: number; maxLat: number; minLng: number; maxLng: number } | undefined;
  /** Raw text contains it (a superset of the redacted text containing it). */
  text?: string | undefined;
  /** The raw address contains it. */
  addressHas?: string | undefined;
  after?: { at: string; id: string } | undefined;
  id?: string | undefined;
  limit: number;
}

const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Requests that may be published and match the safe filters, newest first (keyset on created_at, id). */
export function publicCandidates(db: Db, q: CandidateQuery): Promise<PublicCandidate[]> {
  if (q.categories.length === 0) {
    return Promise.resolve([]);
  }
  let query = db
    .selectFrom("requests")
    .select([
      ...COLUMNS,
      sql<string>`to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as("at_key"),
    ])
    .where("public_view", "=", true)
    .where(sql<string>`coalesce(category_code, proposed_category_code)`, "in", [...q.categories]);
  if (q.id) {
    query = query.where("id", "=", q.id);
  }
  if (q.status) {
    query = query.where("status", "=", q.status);
  }
  if (q.box) {
    const box = q.box;
    query = query
      .where("lat", ">=", box.minLat)
      .where("lat", "<=", box.maxLat)
      .where("lng", ">=", box.minLng)
      .where("lng", "<=", box.maxLng);
  }
  if (q.text) {
    const pattern = likePattern(q.text);
    query = query.where((eb) =>
      eb.or([
        eb("description", "ilike", pattern),
        eb("title", "ilike", pattern),
        eb("reply", "ilike", pattern),
      ]),
    );
  }
  if (q.addressHas) {
    query = query.where("address", "like", likePattern(q.addressHas));
  }
  if (q.after) {
    const { at, id } = q.after;
    query = query.where((eb) =>
      eb.or([
        eb("created_at", "<", sql<Date>`${at}::timestamptz`),
        eb.and([eb("created_at", "=", sql<Date>`${at}::timestamptz`), eb("id", "<", id)]),
      ]),
    );
  }
  return query.orderBy("created_at", "desc").orderBy("id", "desc").limit(q.limit).execute() as Promise<
    PublicCandidate[]
  >;
}

/** Sets whether a request may appear in the public view (the requester's choice). */
export async function setPublicView(tx: Transaction<DB>, id: string, value: boolean): Promise<void> {
  await tx
    .updateTable("requests")
    .set({ public_view: value, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}
