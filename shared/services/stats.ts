/**
 * The leaders' statistics of applications as the server sends them and the cockpit reads them
 * (GET /api/stats/applications). Every definition is in docs/ratings-and-stats.md.
 */

/** Every figure of one group (the whole, an item, a department, a district or a day). */
export interface Measures {
  /** Tasks (事项办件: one per item of an application) of applications submitted in the period. */
  submitted: number;
  /** Tasks decided in the period, and of those approved and rejected. */
  concluded: number;
  approved: number;
  rejected: number;
  /** Decided tasks with a due date, and those decided on or before it. */
  withDueDate: number;
  onTime: number;
  /** onTime / withDueDate, or null when no decided task has a due date. */
  onTimeRate: number | null;
  /** Mean working days from acceptance to decision (paused days left out) of decided tasks. */
  averageWorkingDays: number | null;
  /** Whole applications (an item or a one-thing bundle). */
  applications: { submitted: number; concluded: number; approved: number; rejected: number; partial: number };
  /** In-person visits saved by applications concluded in the period. */
  visitsSaved: number;
  /** Materials of applications submitted in the period, obtained through the exchange or uploaded. */
  materials: { exchange: number; upload: number; exchangeShare: number | null };
  /** Ratings given in the period: count per level (index 0 is score 1), mean, 好评 (3–5) and its share. */
  ratings: {
    count: number;
    levels: [number, number, number, number, number];
    average: number | null;
    satisfied: number;
    satisfactionRate: number | null;
  };
}

export interface Group extends Measures {
  code: string;
  name: string;
  nameEn: string;
  kind?: "item" | "bundle";
}

export interface ApplicationStats {
  period: { from: string; to: string };
  filters: { department: string | null; item: string | null; district: string | null };
  totals: Measures;
  byItem: Group[];
  byDepartment: Group[];
  byDistrict: Group[];
  daily: (Measures & { date: string })[];
}
