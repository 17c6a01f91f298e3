import { type RawBuilder, sql } from "kysely";
import type { RateCounts } from "../../../shared/requests/rates.js";
import type { Db } from "../../platform/db/database.js";

/**
 * The three rates' counts as SQL aggregates over `requests`, driven by the index on `dispatched_at`
 * (migration 20261127T1900). Which requests count, and why, is in docs/requests-rates.md:
 *
 * - dispatched in the period (the latest dispatch: a request returned as misrouted counts once, for
 *   the department it was re-dispatched to), not waiting for dispatch, not a duplicate of another;
 * - responded on time: the requester was contacted (a contact or the reply, by any department on the
 *   request) after the dispatch and by the contact deadline — from the history, because
 *   `first_contact_at` keeps a contact made before a return;
 * - response due: the contact deadline has passed, or the contact came in time (requests still
 *   inside their deadline without contact are not yet judged);
 * - visited, resolved, satisfied: the latest return visit (`requests.resolved/satisfied`).
 */

export interface RateScope {
  /** Dispatched at or after, inclusive. */
  from: Date;
  /** Dispatched before, exclusive. */
  to: Date;
  /** The instant deadlines are judged against. */
  now: Date;
  department?: string | undefined;
}

/** The China month (UTC+8) of a timestamptz column, as YYYY-MM. */
const chinaMonth = (column: RawBuilder<unknown>) =>
  sql<string>`to_char((${column} at time zone 'UTC') + interval '8 hours', 'YYYY-MM')`;

function counted(scope: RateScope): RawBuilder<unknown> {
  return sql`
    from requests r
    cross join lateral (
      select exists (
        select 1 from request_events e
        where e.request_id = r.id and e.kind in ('contacted', 'replied')
          and e.at >= r.dispatched_at and e.at <= r.contact_due_at
      ) as on_time
    ) c
    where r.dispatched_at >= ${scope.from} and r.dispatched_at < ${scope.to}
      and r.status <> 'pending' and r.duplicate_of is null and r.department_code is not null
      ${scope.department ? sql`and r.department_code = ${scope.department}` : sql``}`;
}

function measures(scope: RateScope): RawBuilder<unknown> {
  return sql`count(*)::int as dispatched,
    count(*) filter (where c.on_time or coalesce(r.contact_due_at <= ${scope.now}, true))::int as response_due,
    count(*) filter (where c.on_time)::int as responded_on_time,
    count(*) filter (where r.replied_at is not null)::int as replied,
    count(*) filter (where r.return_visit_at is not null)::int as visited,
    count(*) filter (where r.return_visit_at is not null and r.resolved)::int as resolved,
    count(*) filter (where r.return_visit_at is not null and r.satisfied)::int as satisfied`;
}

interface CountColumns {
  dispatched: number;
  response_due: number;
  responded_on_time: number;
  replied: number;
  visited: number;
  resolved: number;
  satisfied: number;
}

const toCounts = (r: CountColumns): RateCounts => ({
  dispatched: Number(r.dispatched),
  responseDue: Number(r.response_due),
  respondedOnTime: Number(r.responded_on_time),
  replied: Number(r.replied),
  visited: Number(r.visited),
  resolved: Number(r.resolved),
  satisfied: Number(r.satisfied),
});

/** The counts per (lead department, category) cell of the period: the service rolls them up. */
export async function countsByCell(
  db: Db,
  scope: RateScope,
): Promise<{ department: string; category: string | null; counts: RateCounts }[]> {
  const { rows } = await sql<CountColumns & { department: string; category: string | null }>`
    select r.department_code as department, r.category_code as category, ${measures(scope)}
    ${counted(scope)}
    group by r.department_code, r.category_code`.execute(db);
  return rows.map((r) => ({ department: r.department, category: r.category, counts: toCounts(r) }));
}

/** The counts per China month of dispatch. */
export async function countsByMonth(
  db: Db,
  scope: RateScope,
): Promise<{ month: string; counts: RateCounts }[]> {
  const month = chinaMonth(sql`r.dispatched_at`);
  const { rows } = await sql<CountColumns & { month: string }>`
    select ${month} as month, ${measures(scope)}
    ${counted(scope)}
    group by 1`.execute(db);
  return rows.map((r) => ({ month: r.month, counts: toCounts(r) }));
}
