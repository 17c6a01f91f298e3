/**
 * The three rates of 接诉即办 (响应率, 解决率, 满意率) and the composite score, as the server sends them
 * (GET /api/requests/rates) and the cockpit reads them. Definitions: docs/requests-rates.md.
 */

/** What the rows are grouped by: the lead department, its district (GB/T 2260), a category level. */
export const RATE_GROUPS = ["department", "district", "category", "subcategory"] as const;
export type RateGroupBy = (typeof RATE_GROUPS)[number];

/** Weights of the composite score (综合得分 = 100 × Σ weight × rate). */
export const RATE_WEIGHTS = { response: 0.1, resolution: 0.45, satisfaction: 0.45 } as const;

/** The counts the rates are computed from (numerators and denominators). */
export interface RateCounts {
  /** Requests dispatched in the period (not duplicates, not waiting for re-dispatch). */
  dispatched: number;
  /** Of those, the ones whose contact deadline has passed or that were contacted in time: 响应率's denominator. */
  responseDue: number;
  /** Contacted (a contact or the reply) between dispatch and the contact deadline: 响应率's numerator. */
  respondedOnTime: number;
  /** Replied to (information: a reply precedes a return visit). */
  replied: number;
  /** With a return visit (the latest counts): 解决率's and 满意率's denominator. */
  visited: number;
  /** Latest return visit: resolved. */
  resolved: number;
  /** Latest return visit: satisfied. */
  satisfied: number;
}

/** The three rates (0…1, four decimals) and the composite (0…100, two decimals); null when a denominator is 0. */
export interface Rates {
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  composite: number | null;
}

export interface RateFigures extends RateCounts, Rates {}

/** One group's row of the ranked table. */
export interface RateRow extends RateFigures {
  /** Department code, six-digit division code, or category code. */
  key: string;
  name: string;
  nameEn: string;
  /** 1 for the best composite; equal composites share a rank; null without a composite. */
  rank: number | null;
}

export interface RateTrendPoint extends RateFigures {
  /** YYYY-MM (China time). */
  month: string;
}

export interface RatesReport {
  groupBy: RateGroupBy;
  /** Inclusive China dates, and how the period was asked for (2026-11, 2026-Q4, 2026, or a range). */
  period: { from: string; to: string; label: string };
  filters: { department: string | null };
  weights: typeof RATE_WEIGHTS;
  totals: RateFigures;
  rows: RateRow[];
  /** The months ending with the period's last month (at the latest this month), whatever the grouping. */
  trend: RateTrendPoint[];
}
