import { sql } from "kysely";
import type { PerformanceSummary, PerformanceView } from "../../../shared/services/ratings.js";
import { chinaDate } from "../../platform/calendar/index.js";
import type { ServiceContext } from "../../platform/context.js";
import { directory } from "../identity/index.js";
import { scoreAggregates } from "./stats.repository.js";

/**
 * The public performance page (好差评结果公开): ratings and rectifications by department and by
 * service, and the latest comments in their anonymised form. Nothing here names a person or carries
 * an identifier of one: no names, ID numbers, application numbers or account ids.
 */

/** How many of the latest comments the page shows. */
export const RECENT_COMMENTS = 20;

interface Row {
  g: number;
  department: string | null;
  service_code: string | null;
  service_name: string | null;
  service_name_en: string | null;
  n: number;
  score_sum: number;
  s1: number;
  s2: number;
  s3: number;
  s4: number;
  s5: number;
  open: number;
  replied: number;
  closed: number;
  verified: number;
  overdue: number;
  replied_on_time: number;
}

const ratio = (n: number, d: number): number | null =>
  d === 0 ? null : Math.round((n / d) * 10_000) / 10_000;

function summary(r: Row): PerformanceSummary {
  const levels: PerformanceSummary["levels"] = [r.s1, r.s2, r.s3, r.s4, r.s5];
  const satisfied = r.s3 + r.s4 + r.s5;
  const bad = r.s1 + r.s2;
  return {
    ratings: r.n,
    levels,
    average: r.n === 0 ? null : Math.round((r.score_sum / r.n) * 100) / 100,
    satisfied,
    satisfactionRate: ratio(satisfied, r.n),
    bad,
    rectifications: {
      open: r.open,
      replied: r.replied,
      closed: r.closed,
      verified: r.verified,
      overdue: r.overdue,
      repliedOnTime: r.replied_on_time,
    },
    rectificationRate: ratio(r.closed, bad),
  };
}

const EMPTY: Row = {
  g: 3,
  department: null,
  service_code: null,
  service_name: null,
  service_name_en: null,
  n: 0,
  score_sum: 0,
  s1: 0,
  s2: 0,
  s3: 0,
  s4: 0,
  s5: 0,
  open: 0,
  replied: 0,
  closed: 0,
  verified: 0,
  overdue: 0,
  replied_on_time: 0,
};

/** Ratings and rectifications for everyone to see, in one aggregation and one short list. */
export async function performance(ctx: ServiceContext): Promise<PerformanceView> {
  const today = chinaDate(new Date());
  const { rows } = await sql<Row>`
    select grouping(g.department, g.service_code)::int as g, g.department, g.service_code,
      min(g.service_name) as service_name, min(g.service_name_en) as service_name_en,
      ${scoreAggregates(sql.ref("g.score"))},
      count(r.id) filter (where r.status = 'open')::int as open,
      count(r.id) filter (where r.status = 'replied')::int as replied,
      count(r.id) filter (where r.status = 'closed')::int as closed,
      count(r.id) filter (where r.finding = 'verified')::int as verified,
      count(r.id) filter (where r.status = 'open' and r.due_on < ${today})::int as overdue,
      count(r.id) filter (
        where r.replied_at is not null
          and ((r.replied_at at time zone 'UTC') + interval '8 hours')::date <= r.due_on)::int as replied_on_time
    from application_ratings g
    left join rating_rectifications r on r.rating_id = g.id
    group by grouping sets ((), (g.department), (g.department, g.service_code))`.execute(ctx.db);
  const comments = await ctx.db
    .selectFrom("application_ratings as g")
    .leftJoin("rating_rectifications as r", "r.rating_id", "g.id")
    .select([
      "g.score",
      "g.public_comment",
      "g.rated_at",
      "g.service_code",
      "g.service_name",
      "g.service_name_en",
      "g.department",
      "r.status",
      "r.finding",
    ])
    .where("g.public_comment", "is not", null)
    .orderBy("g.rated_at", "desc")
    .orderBy("g.id")
    .limit(RECENT_COMMENTS)
    .execute();
  const names = await directory.departmentNames(ctx, [
    ...rows.map((r) => r.department).filter((d): d is string => d !== null),
    ...comments.map((c) => c.department),
  ]);
  const department = (code: string) => ({
    code,
    name: names.get(code)?.name ?? code,
    nameEn: names.get(code)?.nameEn ?? code,
  });
  const byRatings = (a: { ratings: number; code: string }, b: { ratings: number; code: string }) =>
    b.ratings - a.ratings || a.code.localeCompare(b.code);
  return {
    generatedOn: today,
    totals: summary(rows.find((r) => r.g === 3) ?? EMPTY),
    byDepartment: rows
      .filter((r) => r.g === 1 && r.department)
      .map((r) => ({ ...department(r.department as string), ...summary(r) }))
      .sort(byRatings),
    byService: rows
      .filter((r) => r.g === 0 && r.service_code)
      .map((r) => ({
        code: r.service_code as string,
        name: r.service_name ?? (r.service_code as string),
        nameEn: r.service_name_en ?? r.service_name ?? (r.service_code as string),
        department: department(r.department as string),
        ...summary(r),
      }))
      .sort(byRatings),
    recentComments: comments.map((c) => ({
      score: c.score,
      comment: c.public_comment as string,
      ratedOn: chinaDate(new Date(c.rated_at)),
      service: { code: c.service_code, name: c.service_name, nameEn: c.service_name_en },
      department: department(c.department),
      rectification: c.status ? { status: c.status, finding: c.finding } : null,
    })),
  };
}
