import type { ApplicationStats, Group, Measures } from "../../../shared/services/stats.js";
import { chinaDate, dayNumber, fromDayNumber } from "../../platform/calendar/index.js";
import type { ServiceContext } from "../../platform/context.js";
import { validationError } from "../../platform/errors.js";
import { directory } from "../identity/index.js";
import { itemsNeedingVisit } from "./services.js";
import * as repo from "./stats.repository.js";

export type { ApplicationStats, Group, Measures } from "../../../shared/services/stats.js";

/** Longest period one request may cover, in days. */
export const MAX_PERIOD_DAYS = 731;
/** Period when none is given: the last 30 days, today included. */
export const DEFAULT_PERIOD_DAYS = 30;

export interface StatsInput {
  from?: string | undefined;
  to?: string | undefined;
  department?: string | undefined;
  item?: string | undefined;
  district?: string | undefined;
}

const ratio = (n: number, d: number): number | null =>
  d === 0 ? null : Math.round((n / d) * 10_000) / 10_000;
const mean = (sum: number, n: number): number | null => (n === 0 ? null : Math.round((sum / n) * 100) / 100);

interface Acc {
  tasksSubmitted: number;
  apps: { submitted: number; exchange: number; upload: number };
  tasks: {
    concluded: number;
    approved: number;
    rejected: number;
    withDue: number;
    onTime: number;
    daysN: number;
    daysSum: number;
  };
  concluded: { concluded: number; approved: number; rejected: number; partial: number; saved: number };
  ratings: { n: number; sum: number; levels: [number, number, number, number, number] };
}

const emptyAcc = (): Acc => ({
  tasksSubmitted: 0,
  apps: { submitted: 0, exchange: 0, upload: 0 },
  tasks: { concluded: 0, approved: 0, rejected: 0, withDue: 0, onTime: 0, daysN: 0, daysSum: 0 },
  concluded: { concluded: 0, approved: 0, rejected: 0, partial: 0, saved: 0 },
  ratings: { n: 0, sum: 0, levels: [0, 0, 0, 0, 0] },
});

function measures(a: Acc): Measures {
  const satisfied = a.ratings.levels[2] + a.ratings.levels[3] + a.ratings.levels[4];
  return {
    submitted: a.tasksSubmitted,
    concluded: a.tasks.concluded,
    approved: a.tasks.approved,
    rejected: a.tasks.rejected,
    withDueDate: a.tasks.withDue,
    onTime: a.tasks.onTime,
    onTimeRate: ratio(a.tasks.onTime, a.tasks.withDue),
    averageWorkingDays: mean(a.tasks.daysSum, a.tasks.daysN),
    applications: {
      submitted: a.apps.submitted,
      concluded: a.concluded.concluded,
      approved: a.concluded.approved,
      rejected: a.concluded.rejected,
      partial: a.concluded.partial,
    },
    visitsSaved: a.concluded.saved,
    materials: {
      exchange: a.apps.exchange,
      upload: a.apps.upload,
      exchangeShare: ratio(a.apps.exchange, a.apps.exchange + a.apps.upload),
    },
    ratings: {
      count: a.ratings.n,
      levels: a.ratings.levels,
      average: mean(a.ratings.sum, a.ratings.n),
      satisfied,
      satisfactionRate: ratio(satisfied, a.ratings.n),
    },
  };
}

/** The period asked for, checked: `from` and `to` inclusive China dates. */
export function periodOf(
  input: { from?: string | undefined; to?: string | undefined },
  today = chinaDate(new Date()),
) {
  const to = input.to ?? today;
  const toN = dayNumber(to, "querystring.to");
  const from = input.from ?? fromDayNumber(toN - (DEFAULT_PERIOD_DAYS - 1));
  const fromN = dayNumber(from, "querystring.from");
  if (fromN > toN) {
    throw validationError("querystring.from", "The period starts after it ends");
  }
  if (toN - fromN + 1 > MAX_PERIOD_DAYS) {
    throw validationError("querystring.from", `A period covers at most ${MAX_PERIOD_DAYS} days`);
  }
  return {
    from,
    to,
    fromN,
    toN,
    // Midnight in China (UTC+8) at the start of `from`, and after the end of `to`.
    fromInstant: new Date(`${from}T00:00:00+08:00`),
    toInstant: new Date(`${fromDayNumber(toN + 1)}T00:00:00+08:00`),
  };
}

/**
 * The leaders' statistics of applications: volume, on-time rate, working days, visits saved, materials
 * obtained through the exchange and ratings, in total, by item, department, district and day.
 */
export async function applicationStats(ctx: ServiceContext, input: StatsInput): Promise<ApplicationStats> {
  const period = periodOf(input);
  const scope: repo.StatsScope = {
    from: period.fromInstant,
    to: period.toInstant,
    department: input.department,
    item: input.item,
    district: input.district,
    visitItems: await itemsNeedingVisit(ctx),
  };
  // Side by side on PostgreSQL's pool; PGlite's one connection takes them in turn.
  const [tasksSubmitted, appsSubmitted, tasksConcluded, appsConcluded, ratings] = await Promise.all([
    repo.tasksSubmitted(ctx.db, scope),
    repo.applicationsSubmitted(ctx.db, scope),
    repo.tasksConcluded(ctx.db, scope),
    repo.applicationsConcluded(ctx.db, scope),
    repo.ratingsGiven(ctx.db, scope),
  ]);

  const groups = new Map<string, { key: repo.GroupKey; acc: Acc }>();
  const accOf = (k: repo.GroupKey): Acc => {
    const id = `${k.dimension}\u0000${k.key ?? ""}`;
    let entry = groups.get(id);
    if (!entry) {
      entry = { key: { ...k }, acc: emptyAcc() };
      groups.set(id, entry);
    }
    // Names and kinds: an application's (bundle) name is kept over a task's, first seen otherwise.
    if (k.name && (!entry.key.name || k.kind === "bundle")) {
      entry.key.name = k.name;
      entry.key.nameEn = k.nameEn;
    }
    if (k.kind === "bundle" || (k.kind && !entry.key.kind)) {
      entry.key.kind = k.kind;
    }
    return entry.acc;
  };
  for (const r of tasksSubmitted) {
    accOf(r).tasksSubmitted += r.m.submitted;
  }
  for (const r of appsSubmitted) {
    const a = accOf(r).apps;
    a.submitted += r.m.submitted;
    a.exchange += r.m.exchange;
    a.upload += r.m.upload;
  }
  for (const r of tasksConcluded) {
    const t = accOf(r).tasks;
    t.concluded += r.m.concluded;
    t.approved += r.m.approved;
    t.rejected += r.m.rejected;
    t.withDue += r.m.with_due;
    t.onTime += r.m.on_time;
    t.daysN += r.m.days_n;
    t.daysSum += r.m.days_sum;
  }
  for (const r of appsConcluded) {
    const c = accOf(r).concluded;
    c.concluded += r.m.concluded;
    c.approved += r.m.approved;
    c.rejected += r.m.rejected;
    c.partial += r.m.partial;
    c.saved += r.m.visits_saved;
  }
  for (const r of ratings) {
    const g = accOf(r).ratings;
    g.n += r.m.n;
    g.sum += r.m.score_sum;
    g.levels = [
      g.levels[0] + r.m.s1,
      g.levels[1] + r.m.s2,
      g.levels[2] + r.m.s3,
      g.levels[3] + r.m.s4,
      g.levels[4] + r.m.s5,
    ];
  }

  const of = (dimension: repo.Dimension) =>
    [...groups.values()].filter((g) => g.key.dimension === dimension && g.key.key !== null);
  const departments = await directory.departmentNames(
    ctx,
    of("department").map((g) => g.key.key as string),
  );
  const districtNames = new Map<string, string>();
  for (const g of of("district")) {
    const code = g.key.key as string;
    try {
      districtNames.set(code, (await directory.getDivisionOrThrow(ctx, code)).division.name);
    } catch {
      districtNames.set(code, code);
    }
  }
  const busiest = (a: Group, b: Group) =>
    b.submitted +
      b.concluded +
      b.applications.submitted +
      b.ratings.count -
      (a.submitted + a.concluded + a.applications.submitted + a.ratings.count) ||
    a.code.localeCompare(b.code);

  const byDay = new Map(of("day").map((g) => [g.key.key as string, g.acc]));
  const daily: ApplicationStats["daily"] = [];
  for (let d = period.fromN; d <= period.toN; d++) {
    const date = fromDayNumber(d);
    daily.push({ date, ...measures(byDay.get(date) ?? emptyAcc()) });
  }
  const all = of("all")[0]?.acc ?? [...groups.values()].find((g) => g.key.dimension === "all")?.acc;
  return {
    period: { from: period.from, to: period.to },
    filters: {
      department: input.department ?? null,
      item: input.item ?? null,
      district: input.district ?? null,
    },
    totals: measures(all ?? emptyAcc()),
    byItem: of("item")
      .map(({ key, acc }) => ({
        code: key.key as string,
        name: key.name ?? (key.key as string),
        nameEn: key.nameEn ?? key.name ?? (key.key as string),
        kind: key.kind ?? "item",
        ...measures(acc),
      }))
      .sort(busiest),
    byDepartment: of("department")
      .map(({ key, acc }) => {
        const code = key.key as string;
        const names = departments.get(code);
        return { code, name: names?.name ?? code, nameEn: names?.nameEn ?? code, ...measures(acc) };
      })
      .sort(busiest),
    byDistrict: of("district")
      .map(({ key, acc }) => {
        const code = key.key as string;
        const name = districtNames.get(code) ?? code;
        return { code, name, nameEn: name, ...measures(acc) };
      })
      .sort(busiest),
    daily,
  };
}
