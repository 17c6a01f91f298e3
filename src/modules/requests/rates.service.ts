import {
  RATE_WEIGHTS,
  type RateCounts,
  type RateGroupBy,
  type RateRow,
  type RatesReport,
} from "../../../shared/requests/rates.js";
import { chinaDate } from "../../platform/calendar/index.js";
import type { Caller, ServiceContext } from "../../platform/context.js";
import { forbidden } from "../../platform/errors.js";
import { directory } from "../identity/index.js";
import { isCentre } from "./access.js";
import { type CategoryTree, categoryTree } from "./categories.service.js";
import { deptByCode, deptOrThrow } from "./departments.js";
import { addCounts, figures, monthsEnding, periodOf, ranked, ZERO_COUNTS } from "./rates.js";
import * as repo from "./rates.repository.js";

export type { RateGroupBy, RateRow, RatesReport } from "../../../shared/requests/rates.js";

export interface RatesInput {
  groupBy: RateGroupBy;
  period?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** Only this lead department's requests (rows and trend). */
  department?: string | undefined;
  /** Months of the trend, ending with the period's last month. */
  months?: number | undefined;
}

export const DEFAULT_TREND_MONTHS = 6;

/** Leaders, auditors and the 12345 centre's officers (the dispatchers) read the rates. */
async function assertMayReadRates(ctx: ServiceContext, caller: Caller): Promise<void> {
  const roles = caller.actor.roles;
  if (roles.includes("leader") || roles.includes("auditor") || (await isCentre(ctx, caller))) {
    return;
  }
  throw forbidden("The rates are for leaders, auditors and the 12345 centre");
}

interface Named {
  key: string;
  name: string;
  nameEn: string;
}

/** The level-1 or level-2 ancestor of a category (itself when it is at or above that level). */
function ancestorAt(tree: CategoryTree, code: string, level: 1 | 2): string {
  let category = tree.byCode.get(code);
  while (category && category.level > level && category.parent) {
    category = tree.byCode.get(category.parent);
  }
  return category?.code ?? code;
}

async function groupOf(
  ctx: ServiceContext,
  groupBy: RateGroupBy,
  tree: CategoryTree,
  cell: { department: string; category: string | null },
): Promise<Named> {
  switch (groupBy) {
    case "department": {
      const dept = await deptByCode(ctx, cell.department);
      return {
        key: cell.department,
        name: dept?.name ?? cell.department,
        nameEn: dept?.nameEn ?? cell.department,
      };
    }
    case "district": {
      const dept = await deptByCode(ctx, cell.department);
      const code = dept ? dept.divisionCode.slice(0, 6) : "";
      return { key: code, name: code, nameEn: code };
    }
    case "category":
    case "subcategory": {
      if (!cell.category) {
        return { key: "", name: "（无分类）", nameEn: "(no category)" };
      }
      const code = ancestorAt(tree, cell.category, groupBy === "category" ? 1 : 2);
      const category = tree.byCode.get(code);
      return {
        key: code,
        name: category?.path.join(" / ") ?? code,
        nameEn: category ? category.nameEn : code,
      };
    }
  }
}

const divisionNames = new Map<string, string>();

async function divisionName(ctx: ServiceContext, code: string): Promise<string> {
  const known = divisionNames.get(code);
  if (known) {
    return known;
  }
  try {
    const { division } = await directory.getDivisionOrThrow(ctx, code);
    divisionNames.set(code, division.name);
    return division.name;
  } catch {
    return code;
  }
}

/**
 * 响应率, 解决率 and 满意率 with the composite score, per department, district or category over a
 * period, ranked, with the monthly trend of the whole (or of one department). Two SQL aggregates;
 * the rows are rolled up from (department, category) cells here.
 */
export async function requestRates(
  ctx: ServiceContext,
  caller: Caller,
  input: RatesInput,
): Promise<RatesReport> {
  await assertMayReadRates(ctx, caller);
  const period = periodOf(input);
  if (input.department) {
    await deptOrThrow(ctx, input.department, "querystring.department");
  }
  // The trend ends with the period's last month, or this month when the period runs into the future.
  const today = chinaDate(new Date());
  const months = monthsEnding(
    period.to.localeCompare(today) <= 0 ? period.to : today,
    input.months ?? DEFAULT_TREND_MONTHS,
  );
  const now = new Date();
  const trendFrom = new Date(`${months[0]}-01T00:00:00+08:00`);
  const [tree, cells, byMonth] = await Promise.all([
    categoryTree(ctx),
    repo.countsByCell(ctx.db, {
      from: period.fromInstant,
      to: period.toInstant,
      now,
      department: input.department,
    }),
    repo.countsByMonth(ctx.db, { from: trendFrom, to: period.toInstant, now, department: input.department }),
  ]);

  const groups = new Map<string, Named & { counts: RateCounts }>();
  let totals = ZERO_COUNTS;
  for (const cell of cells) {
    totals = addCounts(totals, cell.counts);
    const named = await groupOf(ctx, input.groupBy, tree, cell);
    const group = groups.get(named.key) ?? { ...named, counts: ZERO_COUNTS };
    group.counts = addCounts(group.counts, cell.counts);
    groups.set(named.key, group);
  }
  if (input.groupBy === "district") {
    for (const group of groups.values()) {
      if (group.key) {
        group.name = await divisionName(ctx, group.key);
        group.nameEn = group.name;
      }
    }
  }
  const rows: RateRow[] = ranked(
    [...groups.values()].map((g) => ({ key: g.key, name: g.name, nameEn: g.nameEn, ...figures(g.counts) })),
  );
  const monthCounts = new Map(byMonth.map((m) => [m.month, m.counts]));
  return {
    groupBy: input.groupBy,
    period: { from: period.from, to: period.to, label: period.label },
    filters: { department: input.department ?? null },
    weights: RATE_WEIGHTS,
    totals: figures(totals),
    rows,
    trend: months.map((month) => ({ month, ...figures(monthCounts.get(month) ?? ZERO_COUNTS) })),
  };
}
