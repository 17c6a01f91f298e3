import { DomainError, validationError } from "../errors.js";
import { HOLIDAY_ARRANGEMENTS, type YearArrangement } from "./holidays.js";

/**
 * Working days in China, as 承诺时限 are counted:
 * - a day is a working day when an override says so; else when it is a make-up working day (调休上班,
 *   a Saturday or Sunday); else when it is neither in a holiday period nor a Saturday or Sunday;
 * - a limit of n working days counts from the first working day after acceptance: the day of
 *   acceptance never counts, and the due date is the n-th working day after it (0 days: the same day);
 * - a pause (补正, waiting for supplements) runs from `from` to `to`, both inclusive: no day of it
 *   counts, and counting resumes on the first working day after `to`.
 * Dates are calendar dates in China (`YYYY-MM-DD`, UTC+8 all year). Every computation that touches a
 * year without an arrangement throws `CalendarYearUnknownError`: the calendar never guesses.
 */

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** No holiday arrangement is known for `year`; a computation needed it. */
export class CalendarYearUnknownError extends DomainError {
  constructor(readonly year: number) {
    super(
      "CALENDAR_YEAR_UNKNOWN",
      `No holiday arrangement is known for ${year}: working days cannot be computed for that year`,
      undefined,
      { year },
    );
    this.name = "CalendarYearUnknownError";
  }
}

/** A date forced to be a working day or a day off, with the reason (an administrator's decision). */
export interface CalendarOverride {
  day: string;
  working: boolean;
  reason: string;
}

export interface Pause {
  from: string;
  to: string;
}

export type DueStatus = "on-time" | "near" | "overdue";

/** Days since 1970-01-01 of a `YYYY-MM-DD` date; throws a validation error naming `field` when malformed. */
export function dayNumber(date: string, field = "date"): number {
  const m = DATE_PATTERN.exec(date);
  if (!m) {
    throw validationError(field, `${field} must be a date as YYYY-MM-DD`);
  }
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw validationError(field, `${field} is not a real date`);
  }
  return ms / DAY_MS;
}

/** The `YYYY-MM-DD` date of a day number. */
export function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** The calendar date in China at an instant (China keeps UTC+8 all year, without summer time). */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Weekday of a day number: 0 Sunday … 6 Saturday (1970-01-01 was a Thursday). */
const weekday = (n: number): number => (((n + 4) % 7) + 7) % 7;

/** What is known about one day. */
export interface DayInfo {
  date: string;
  working: boolean;
  kind: "workday" | "weekend" | "holiday" | "make-up" | "override";
  /** Holiday name, or the override's reason. */
  name: string | null;
  /** The notice, or "override". */
  source: string | null;
}

/** A pure working-day calendar over the known years and the overrides. */
export class WorkingCalendar {
  private readonly years = new Map<number, YearArrangement>();
  private readonly holidays = new Map<number, { name: string; source: string }>();
  private readonly makeUps = new Map<number, { name: string; source: string }>();
  private readonly overrides = new Map<number, CalendarOverride>();

  constructor(
    arrangements: readonly YearArrangement[] = HOLIDAY_ARRANGEMENTS,
    overrides: readonly CalendarOverride[] = [],
  ) {
    for (const a of arrangements) {
      this.years.set(a.year, a);
      const source = `${a.notice.title}（${a.notice.number}）`;
      for (const h of a.holidays) {
        for (let d = dayNumber(h.from); d <= dayNumber(h.to); d++) {
          this.holidays.set(d, { name: h.name, source });
        }
      }
      for (const m of a.makeUpDays) {
        this.makeUps.set(dayNumber(m.date), { name: m.name, source });
      }
    }
    for (const o of overrides) {
      this.overrides.set(this.known(o.day, "day"), o);
    }
  }

  /** The years with an arrangement, ascending. */
  knownYears(): number[] {
    return [...this.years.keys()].sort((a, b) => a - b);
  }

  /** The arrangement of a year; throws `CalendarYearUnknownError` when there is none. */
  arrangement(year: number): YearArrangement {
    const a = this.years.get(year);
    if (!a) {
      throw new CalendarYearUnknownError(year);
    }
    return a;
  }

  /** Every overridden day of a year, ascending. */
  overridesOf(year: number): CalendarOverride[] {
    return [...this.overrides.values()].filter((o) => o.day.startsWith(`${year}-`)).sort(byDay);
  }

  /** The day number of a date in a known year. */
  private known(date: string, field: string): number {
    const n = dayNumber(date, field);
    this.checkYear(n);
    return n;
  }

  private checkYear(n: number): void {
    const year = new Date(n * DAY_MS).getUTCFullYear();
    if (!this.years.has(year)) {
      throw new CalendarYearUnknownError(year);
    }
  }

  private infoOf(n: number): DayInfo {
    this.checkYear(n);
    const date = fromDayNumber(n);
    const override = this.overrides.get(n);
    if (override) {
      return { date, working: override.working, kind: "override", name: override.reason, source: "override" };
    }
    const makeUp = this.makeUps.get(n);
    if (makeUp) {
      return { date, working: true, kind: "make-up", ...makeUp };
    }
    const holiday = this.holidays.get(n);
    if (holiday) {
      return { date, working: false, kind: "holiday", ...holiday };
    }
    const wd = weekday(n);
    return wd === 0 || wd === 6
      ? { date, working: false, kind: "weekend", name: null, source: null }
      : { date, working: true, kind: "workday", name: null, source: null };
  }

  /** What the calendar knows about a day. */
  day(date: string): DayInfo {
    return this.infoOf(dayNumber(date));
  }

  /** Whether a date is a working day. */
  isWorkingDay(date: string): boolean {
    return this.infoOf(dayNumber(date)).working;
  }

  /** The n-th working day after `start` (`start` itself never counts; n = 0 gives `start`). */
  addWorkingDays(start: string, n: number): string {
    return this.dueDate({ acceptedOn: start, limitDays: n });
  }

  /**
   * Working days after `a` up to and including `b` (so `workingDaysBetween(a, addWorkingDays(a, n))`
   * is n); negative when `b` is before `a`.
   */
  workingDaysBetween(a: string, b: string): number {
    const from = dayNumber(a, "from");
    const to = dayNumber(b, "to");
    if (to < from) {
      return -this.workingDaysBetween(b, a);
    }
    this.checkYear(from);
    let count = 0;
    for (let d = from + 1; d <= to; d++) {
      if (this.infoOf(d).working) {
        count++;
      }
    }
    return count;
  }

  /**
   * The due date of a limit of `limitDays` working days from acceptance, with the clock stopped during
   * each pause (both ends inclusive). Pauses must not start before acceptance.
   */
  dueDate(input: { acceptedOn: string; limitDays: number; pauses?: readonly Pause[] }): string {
    const { acceptedOn, limitDays } = input;
    if (!Number.isInteger(limitDays) || limitDays < 0) {
      throw validationError("limitDays", "limitDays must be a whole number of days, 0 or more");
    }
    const start = this.known(acceptedOn, "acceptedOn");
    const pauses = (input.pauses ?? []).map((p, i) => {
      const from = dayNumber(p.from, `pauses[${i}].from`);
      const to = dayNumber(p.to, `pauses[${i}].to`);
      if (to < from) {
        throw validationError(`pauses[${i}].to`, "A pause cannot end before it starts");
      }
      if (from < start) {
        throw validationError(`pauses[${i}].from`, "A pause cannot start before acceptance");
      }
      return { from, to };
    });
    const paused = (d: number) => pauses.some((p) => d >= p.from && d <= p.to);
    let d = start;
    let counted = 0;
    while (counted < limitDays) {
      d++;
      if (!paused(d) && this.infoOf(d).working) {
        counted++;
      }
    }
    return fromDayNumber(d);
  }

  /**
   * On time, near (at most `nearDays` working days left after `today`, the due day included) or
   * overdue (today is after the due date).
   */
  status(due: string, today: string, options: { nearDays?: number } = {}): DueStatus {
    const nearDays = options.nearDays ?? 2;
    const dueN = dayNumber(due, "due");
    const todayN = dayNumber(today, "today");
    if (todayN > dueN) {
      return "overdue";
    }
    return this.workingDaysBetween(today, due) <= nearDays ? "near" : "on-time";
  }
}

const byDay = (a: { day: string }, b: { day: string }): number =>
  a.day < b.day ? -1 : a.day > b.day ? 1 : 0;
