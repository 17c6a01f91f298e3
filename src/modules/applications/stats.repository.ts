import { type RawBuilder, sql } from "kysely";
import type { Db } from "../../platform/db/database.js";
import { directory } from "../identity/index.js";

/**
 * The leaders' statistics as SQL aggregations. Each query is driven by one indexed instant (when
 * applications were submitted, tasks and applications concluded, ratings given) over the period, and
 * aggregates with GROUPING SETS in one pass: the whole, by item, by department, by district and by
 * day. Definitions are in docs/ratings-and-stats.md.
 */

export interface StatsScope {
  /** Start of the period, inclusive. */
  from: Date;
  /** End of the period, exclusive. */
  to: Date;
  department?: string | undefined;
  item?: string | undefined;
  district?: string | undefined;
  /** Item codes that need one in-person visit (the catalogue's `visits` = 1). */
  visitItems: readonly string[];
}

/** The dimension a row aggregates over: the whole (null), or one item, department, district or day. */
export type Dimension = "all" | "item" | "department" | "district" | "day";

export interface GroupKey {
  dimension: Dimension;
  key: string | null;
  name: string | null;
  nameEn: string | null;
  kind: "item" | "bundle" | null;
}

/** The China date (UTC+8, as chinaDate) of a timestamptz column. */
const chinaDay = (column: RawBuilder<unknown>) =>
  sql<string>`((${column} at time zone 'UTC') + interval '8 hours')::date`;
const district = sql<string | null>`left(sd.division_code, 6)`;
const ref = (name: string) => sql.ref(name);

/** `grouping(item, dept, district, day)` has a 0 bit for each column grouped by. */
function dimensionOf(g: number): Dimension {
  switch (g) {
    case 15:
      return "all";
    case 7:
      return "item";
    case 11:
      return "department";
    case 13:
      return "district";
    case 14:
      return "day";
    default:
      throw new Error(`unexpected grouping ${g}`);
  }
}

interface Inner {
  /** The inner query: selects item, dept, district, day, name, name_en, kind and the measures' inputs. */
  from: RawBuilder<unknown>;
}

type Row<M> = {
  g: number;
  item: string | null;
  dept: string | null;
  district: string | null;
  day: string | null;
} & {
  name: string | null;
  name_en: string | null;
  kind: "item" | "bundle" | null;
} & M;

async function grouped<M extends Record<string, unknown>>(
  db: Db,
  inner: Inner,
  measures: RawBuilder<unknown>,
): Promise<(GroupKey & { m: M })[]> {
  const { rows } = await sql<Row<M>>`
    select grouping(item, dept, district, day)::int as g, item, dept, district, day,
      min(name) as name, min(name_en) as name_en, min(kind) as kind, ${measures}
    from (${inner.from}) q
    group by grouping sets ((), (item), (dept), (district), (day))`.execute(db);
  return rows.map((r) => {
    const dimension = dimensionOf(Number(r.g));
    const key =
      dimension === "item"
        ? r.item
        : dimension === "department"
          ? r.dept
          : dimension === "district"
            ? r.district
            : dimension === "day"
              ? r.day
              : null;
    const { g: _g, item: _i, dept: _d, district: _t, day: _y, name, name_en, kind, ...m } = r;
    return {
      dimension,
      key,
      name: dimension === "item" ? name : null,
      nameEn: dimension === "item" ? name_en : null,
      kind: dimension === "item" ? kind : null,
      m: m as unknown as M,
    };
  });
}

function filters(scope: StatsScope, columns: { department: string; item: string }): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  if (scope.department) {
    parts.push(sql`${ref(columns.department)} = ${scope.department}`);
  }
  if (scope.item) {
    parts.push(sql`${ref(columns.item)} = ${scope.item}`);
  }
  if (scope.district) {
    parts.push(sql`${district} = ${scope.district}`);
  }
  return parts.length === 0 ? sql`` : sql` and ${sql.join(parts, sql` and `)}`;
}

const subjects = () => directory.subjectDivisionsSql();

/** Tasks (事项办件) of applications submitted in the period, by the task's item and department. */
export function tasksSubmitted(db: Db, scope: StatsScope) {
  return grouped<{ submitted: number }>(
    db,
    {
      from: sql`
        select t.item_code as item, t.department as dept, ${district} as district,
          ${chinaDay(sql`a.submitted_at`)} as day, t.item_name as name, t.item_name_en as name_en,
          'item' as kind
        from applications a
        join application_tasks t on t.application_id = a.id
        left join ${subjects()} sd on sd.id = a.subject_id
        where a.submitted_at >= ${scope.from} and a.submitted_at < ${scope.to}
          ${filters(scope, { department: "t.department", item: "t.item_code" })}`,
    },
    sql`count(*)::int as submitted`,
  );
}

/** Applications submitted in the period, with how their materials were supplied, by service and lead department. */
export function applicationsSubmitted(db: Db, scope: StatsScope) {
  return grouped<{ submitted: number; exchange: number; upload: number }>(
    db,
    {
      from: sql`
        select a.service_code as item, a.lead_department as dept, ${district} as district,
          ${chinaDay(sql`a.submitted_at`)} as day, a.service_name as name, a.service_name_en as name_en,
          a.kind as kind, m.exchange, m.upload
        from applications a
        left join ${subjects()} sd on sd.id = a.subject_id
        cross join lateral (
          select count(*) filter (where value->>'via' = 'exchange') as exchange,
            count(*) filter (where value->>'via' = 'upload') as upload
          from jsonb_each(a.materials)
        ) m
        where a.submitted_at >= ${scope.from} and a.submitted_at < ${scope.to}
          ${filters(scope, { department: "a.lead_department", item: "a.service_code" })}`,
    },
    sql`count(*)::int as submitted, coalesce(sum(exchange), 0)::int as exchange,
      coalesce(sum(upload), 0)::int as upload`,
  );
}

/**
 * Tasks decided (approved or rejected) in the period: on time when decided on or before their due
 * date (China date of the decision ≤ due_on), and the working days they took (concluded_working_days).
 */
export function tasksConcluded(db: Db, scope: StatsScope) {
  return grouped<{
    concluded: number;
    approved: number;
    rejected: number;
    with_due: number;
    on_time: number;
    days_n: number;
    days_sum: number;
  }>(
    db,
    {
      from: sql`
        select t.item_code as item, t.department as dept, ${district} as district,
          ${chinaDay(sql`t.concluded_at`)} as day, t.item_name as name, t.item_name_en as name_en,
          'item' as kind, t.status, t.due_on,
          ${chinaDay(sql`t.concluded_at`)} <= t.due_on as on_time,
          t.concluded_working_days as days
        from application_tasks t
        join applications a on a.id = t.application_id
        left join ${subjects()} sd on sd.id = a.subject_id
        where t.status in ('approved', 'rejected')
          and t.concluded_at >= ${scope.from} and t.concluded_at < ${scope.to}
          ${filters(scope, { department: "t.department", item: "t.item_code" })}`,
    },
    sql`count(*)::int as concluded,
      count(*) filter (where status = 'approved')::int as approved,
      count(*) filter (where status = 'rejected')::int as rejected,
      count(due_on)::int as with_due,
      count(*) filter (where on_time)::int as on_time,
      count(days)::int as days_n,
      coalesce(sum(days), 0)::int as days_sum`,
  );
}

/**
 * Applications concluded in the period, with the visits they saved: the items decided (one window
 * visit each before the reform) less the one visit the application still needs when any of its items
 * does (bundles are done in at most one visit).
 */
export function applicationsConcluded(db: Db, scope: StatsScope) {
  const needsVisit =
    scope.visitItems.length === 0
      ? sql`0`
      : sql`max(case when t.item_code in (${sql.join([...scope.visitItems])}) then 1 else 0 end)`;
  return grouped<{
    concluded: number;
    approved: number;
    rejected: number;
    partial: number;
    visits_saved: number;
  }>(
    db,
    {
      from: sql`
        select a.service_code as item, a.lead_department as dept, ${district} as district,
          ${chinaDay(sql`a.concluded_at`)} as day, a.service_name as name, a.service_name_en as name_en,
          a.kind as kind, a.outcome,
          greatest(coalesce(tk.decided, 0) - coalesce(tk.visit, 0), 0) as saved
        from applications a
        left join ${subjects()} sd on sd.id = a.subject_id
        left join (
          select t.application_id, count(*) as decided, ${needsVisit} as visit
          from application_tasks t
          where t.status in ('approved', 'rejected')
            and t.application_id in (
              select id from applications
              where status = 'concluded' and concluded_at >= ${scope.from} and concluded_at < ${scope.to})
          group by t.application_id
        ) tk on tk.application_id = a.id
        where a.status = 'concluded' and a.concluded_at >= ${scope.from} and a.concluded_at < ${scope.to}
          ${filters(scope, { department: "a.lead_department", item: "a.service_code" })}`,
    },
    sql`count(*)::int as concluded,
      count(*) filter (where outcome = 'approved')::int as approved,
      count(*) filter (where outcome = 'rejected')::int as rejected,
      count(*) filter (where outcome = 'partial')::int as partial,
      coalesce(sum(saved), 0)::int as visits_saved`,
  );
}

/** The number of ratings, the sum of their scores and the count per level (s1 … s5). */
export function scoreAggregates(
  score: RawBuilder<unknown> | ReturnType<typeof sql.ref>,
): RawBuilder<unknown> {
  const level = (n: number) =>
    sql`count(*) filter (where ${score} = ${sql.lit(n)})::int as ${sql.ref(`s${n}`)}`;
  return sql`count(*)::int as n, coalesce(sum(${score}), 0)::int as score_sum,
    ${sql.join([1, 2, 3, 4, 5].map(level))}`;
}

/** Ratings given in the period, by the rated service and its department. */
export function ratingsGiven(db: Db, scope: StatsScope) {
  return grouped<{
    n: number;
    score_sum: number;
    s1: number;
    s2: number;
    s3: number;
    s4: number;
    s5: number;
  }>(
    db,
    {
      from: sql`
        select g.service_code as item, g.department as dept, ${district} as district,
          ${chinaDay(sql`g.rated_at`)} as day, g.service_name as name, g.service_name_en as name_en,
          a.kind as kind, g.score
        from application_ratings g
        join applications a on a.id = g.application_id
        left join ${subjects()} sd on sd.id = a.subject_id
        where g.rated_at >= ${scope.from} and g.rated_at < ${scope.to}
          ${filters(scope, { department: "g.department", item: "g.service_code" })}`,
    },
    scoreAggregates(sql.ref("score")),
  );
}
