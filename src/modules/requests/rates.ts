import {
  RATE_WEIGHTS,
  type RateCounts,
  type RateFigures,
  type RateRow,
} from "../../../shared/requests/rates.js";
import { chinaDate, dayNumber, fromDayNumber } from "../../platform/calendar/index.js";
import { validationError } from "../../platform/errors.js";

/**
 * The formulas of the three rates (pure; docs/requests-rates.md): each is a numerator over a
 * denominator, null when the denominator is 0 (shown as "—", never 0 or NaN), and the composite is
 * 100 × (0.10 × 响应率 + 0.45 × 解决率 + 0.45 × 满意率), null unless all three exist.
 */

/** n / d rounded to four decimals, or null when d is 0. */
export function rate(n: number, d: number): number | null {
  if (d <= 0) {
    return null;
  }
  return Math.round((n / d) * 10_000) / 10_000;
}

export const ZERO_COUNTS: RateCounts = {
  dispatched: 0,
  responseDue: 0,
  respondedOnTime: 0,
  replied: 0,
  visited: 0,
  resolved: 0,
  satisfied: 0,
};

/** The sum of two sets of counts. */
export function addCounts(a: RateCounts, b: RateCounts): RateCounts {
  return {
    dispatched: a.dispatched + b.dispatched,
    responseDue: a.responseDue + b.responseDue,
    respondedOnTime: a.respondedOnTime + b.respondedOnTime,
    replied: a.replied + b.replied,
    visited: a.visited + b.visited,
    resolved: a.resolved + b.resolved,
    satisfied: a.satisfied + b.satisfied,
  };
}

/** The composite score from unrounded shares, two decimals; null when any rate is missing. */
export function composite(c: RateCounts): number | null {
  if (c.responseDue <= 0 || c.visited <= 0) {
    return null;
  }
  const score =
    100 *
    (RATE_WEIGHTS.response * (c.respondedOnTime / c.responseDue) +
      RATE_WEIGHTS.resolution * (c.resolved / c.visited) +
      RATE_WEIGHTS.satisfaction * (c.satisfied / c.visited));
  return Math.round(score * 100) / 100;
}

/** The counts with their three rates and composite. */
export function figures(c: RateCounts): RateFigures {
  return {
    ...c,
    responseRate: rate(c.respondedOnTime, c.responseDue),
    resolutionRate: rate(c.resolved, c.visited),
    satisfactionRate: rate(c.satisfied, c.visited),
    composite: composite(c),
  };
}

/**
 * Orders rows best first and numbers them (standard competition ranking: 1, 2, 2, 4): by composite,
 * then by more requests dispatched, then by key. Rows without a composite come last, unranked.
 */
export function ranked(rows: readonly Omit<RateRow, "rank">[]): RateRow[] {
  const sorted = [...rows].sort(
    (a, b) =>
      (b.composite ?? -1) - (a.composite ?? -1) || b.dispatched - a.dispatched || a.key.localeCompare(b.key),
  );
  let previous: number | null = null;
  let previousRank = 0;
  return sorted.map((row, i) => {
    if (row.composite === null) {
      return { ...row, rank: null };
    }
    const rank = row.composite === previous ? previousRank : i + 1;
    previous = row.composite;
    previousRank = rank;
    return { ...row, rank };
  });
}

/** Longest period one request may cover, in days (three years). */
export const MAX_PERIOD_DAYS = 1096;

export interface Period {
  from: string;
  to: string;
  label: string;
  /** Midnight in China at the start of `from`, and after the end of `to`. */
  fromInstant: Date;
  toInstant: Date;
}

const pad = (n: number) => String(n).padStart(2, "0");
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function between(from: string, to: string, label: string): Period {
  return {
    from,
    to,
    label,
    fromInstant: new Date(`${from}T00:00:00+08:00`),
    toInstant: new Date(`${fromDayNumber(dayNumber(to) + 1)}T00:00:00+08:00`),
  };
}

/**
 * The period asked for: `period` as a month (2026-11), a quarter (2026-Q4) or a year (2026), or an
 * inclusive `from`…`to` range of China dates (either may be left out: `to` defaults to today, `from`
 * to the first of `to`'s month); nothing means the current month. VALIDATION errors name the field.
 */
export function periodOf(
  input: { period?: string | undefined; from?: string | undefined; to?: string | undefined },
  today = chinaDate(new Date()),
): Period {
  if (input.period !== undefined) {
    if (input.from !== undefined || input.to !== undefined) {
      throw validationError("querystring.period", "Give either a period or from/to, not both");
    }
    const p = input.period;
    let m = /^(\d{4})-(\d{2})$/.exec(p);
    if (m) {
      const [year, month] = [Number(m[1]), Number(m[2])];
      if (month < 1 || month > 12) {
        throw validationError("querystring.period", `No month ${m[2]}`);
      }
      return between(`${m[1]}-${m[2]}-01`, `${m[1]}-${m[2]}-${pad(lastDay(year, month))}`, p);
    }
    m = /^(\d{4})-Q([1-4])$/.exec(p);
    if (m) {
      const [year, q] = [Number(m[1]), Number(m[2])];
      const first = (q - 1) * 3 + 1;
      return between(
        `${m[1]}-${pad(first)}-01`,
        `${m[1]}-${pad(first + 2)}-${pad(lastDay(year, first + 2))}`,
        p,
      );
    }
    m = /^(\d{4})$/.exec(p);
    if (m) {
      return between(`${p}-01-01`, `${p}-12-31`, p);
    }
    throw validationError(
      "querystring.period",
      "A period is a month (2026-11), a quarter (2026-Q4) or a year",
    );
  }
  if (input.from === undefined && input.to === undefined) {
    return periodOf({ period: today.slice(0, 7) }, today);
  }
  const to = input.to ?? today;
  const toN = dayNumber(to, "querystring.to");
  const from = input.from ?? `${to.slice(0, 7)}-01`;
  const fromN = dayNumber(from, "querystring.from");
  if (fromN > toN) {
    throw validationError("querystring.from", "The period starts after it ends");
  }
  if (toN - fromN + 1 > MAX_PERIOD_DAYS) {
    throw validationError("querystring.from", `A period covers at most ${MAX_PERIOD_DAYS} days`);
  }
  return between(from, to, `${from}/${to}`);
}

/** The `count` months (YYYY-MM) ending with the month of `date`, oldest first. */
export function monthsEnding(date: string, count: number): string[] {
  let year = Number(date.slice(0, 4));
  let month = Number(date.slice(5, 7));
  const months: string[] = [];
  for (let i = 0; i < count; i++) {
    months.unshift(`${year}-${pad(month)}`);
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
  }
  return months;
}
