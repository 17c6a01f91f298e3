import type { Caller, ServiceContext } from "../context.js";
import { inTransaction } from "../db/tx.js";
import { notFound } from "../errors.js";
import {
  type DayInfo,
  type DueStatus,
  dayNumber,
  fromDayNumber,
  type Pause,
  WorkingCalendar,
} from "./calendar.js";
import * as repo from "./calendar.repository.js";
import { HOLIDAY_ARRANGEMENTS, type HolidayPeriod } from "./holidays.js";

/** How long a process keeps its calendar before re-reading overrides another process may have saved. */
const CACHE_MS = 60_000;

const cache = new WeakMap<object, { calendar: Promise<WorkingCalendar>; loadedAt: number }>();

/** The working-day calendar: the built-in years plus the saved overrides, cached per database. */
export function calendarFor(ctx: ServiceContext): Promise<WorkingCalendar> {
  const hit = cache.get(ctx.db);
  if (hit && Date.now() - hit.loadedAt < CACHE_MS) {
    return hit.calendar;
  }
  const calendar = repo
    .listOverrides(ctx.db)
    .then((rows) => new WorkingCalendar(HOLIDAY_ARRANGEMENTS, rows))
    .catch((error: unknown) => {
      cache.delete(ctx.db);
      throw error;
    });
  cache.set(ctx.db, { calendar, loadedAt: Date.now() });
  return calendar;
}

function refresh(ctx: ServiceContext): void {
  cache.delete(ctx.db);
}

export interface YearView {
  year: number;
  source: { title: string; number: string };
  holidays: readonly HolidayPeriod[];
  /** Each day off (holidays, and overrides making a day off), ascending. */
  daysOff: DayInfo[];
  /** Each make-up working day (调休上班, and overrides making a day a working day), ascending. */
  workingDays: DayInfo[];
}

/** A year's days off and make-up working days with their sources; `CALENDAR_YEAR_UNKNOWN` without data. */
export async function yearView(ctx: ServiceContext, year: number): Promise<YearView> {
  const calendar = await calendarFor(ctx);
  const arrangement = calendar.arrangement(year);
  const dates = new Set<string>([
    ...arrangement.holidays.flatMap((h) => {
      const out: string[] = [];
      for (let d = dayNumber(h.from); d <= dayNumber(h.to); d++) {
        out.push(fromDayNumber(d));
      }
      return out;
    }),
    ...arrangement.makeUpDays.map((m) => m.date),
    ...calendar.overridesOf(year).map((o) => o.day),
  ]);
  const days = [...dates].sort().map((d) => calendar.day(d));
  return {
    year,
    source: { title: arrangement.notice.title, number: arrangement.notice.number },
    holidays: arrangement.holidays,
    daysOff: days.filter((d) => !d.working),
    workingDays: days.filter((d) => d.working && d.kind !== "workday"),
  };
}

export interface DueView {
  acceptedOn: string;
  limitDays: number;
  due: string;
  status: DueStatus;
}

/** The due date of a limit from acceptance, and its status on `today`. */
export async function due(
  ctx: ServiceContext,
  input: { acceptedOn: string; limitDays: number; pauses?: Pause[] },
  today: string,
): Promise<DueView> {
  const calendar = await calendarFor(ctx);
  const dueOn = calendar.dueDate(input);
  return {
    acceptedOn: input.acceptedOn,
    limitDays: input.limitDays,
    due: dueOn,
    status: calendar.status(dueOn, today),
  };
}

/** Forces a day to be a working day or a day off; recorded in the ledger. Only for known years. */
export async function setOverride(
  ctx: ServiceContext,
  caller: Caller,
  day: string,
  input: { working: boolean; reason: string },
): Promise<repo.OverrideRow> {
  const calendar = await calendarFor(ctx);
  dayNumber(day, "day");
  calendar.day(day); // refuses a year without an arrangement: an override does not make a year known
  const reason = input.reason.trim();
  const row = await inTransaction(ctx.db, async (tx) => {
    const saved = await repo.upsertOverride(tx, {
      day,
      working: input.working,
      reason,
      set_by: caller.actor.accountId,
    });
    await ctx.ledger.record(tx, {
      action: "calendar.override.set",
      actor: caller.actor,
      resource: `calendar/overrides/${day}`,
      outcome: "success",
      requestId: caller.requestId,
      details: { day, working: input.working, reason },
    });
    return saved;
  });
  refresh(ctx);
  return row;
}

/** Removes a day's override, so the notices decide again; recorded in the ledger. */
export async function deleteOverride(ctx: ServiceContext, caller: Caller, day: string): Promise<void> {
  dayNumber(day, "day");
  await inTransaction(ctx.db, async (tx) => {
    const deleted = await repo.deleteOverride(tx, day);
    if (!deleted) {
      throw notFound("Calendar override");
    }
    await ctx.ledger.record(tx, {
      action: "calendar.override.delete",
      actor: caller.actor,
      resource: `calendar/overrides/${day}`,
      outcome: "success",
      requestId: caller.requestId,
      details: { day, working: deleted.working, reason: deleted.reason },
    });
  });
  refresh(ctx);
}
