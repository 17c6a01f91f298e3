import {
  CalendarYearUnknownError,
  calendarFor,
  chinaDate,
  dayNumber,
  fromDayNumber,
} from "../../platform/calendar/index.js";
import type { ServiceContext } from "../../platform/context.js";

export interface Deadlines {
  /** Contact the requester by then (clock hours). */
  contactDueAt: Date;
  /** Resolve by this date (working days from the day of dispatch). */
  resolveDue: string;
  /** True when the calendar had no arrangement for a year involved and weekdays were counted instead. */
  estimated: boolean;
}

/**
 * The deadlines of a request dispatched at `from`: contact within `contactHours`, resolve within
 * `resolveDays` working days counted by the working-day calendar from the day of dispatch. When the
 * period runs into a year whose holiday arrangement is not yet published, Monday to Friday are
 * counted and the date is marked as an estimate (the calendar itself never guesses).
 */
export async function deadlinesFrom(
  ctx: ServiceContext,
  from: Date,
  limits: { contactHours: number; resolveDays: number },
): Promise<Deadlines> {
  const contactDueAt = new Date(from.getTime() + limits.contactHours * 3_600_000);
  const startDay = chinaDate(from);
  try {
    const calendar = await calendarFor(ctx);
    return {
      contactDueAt,
      resolveDue: calendar.dueDate({ acceptedOn: startDay, limitDays: limits.resolveDays }),
      estimated: false,
    };
  } catch (error) {
    if (!(error instanceof CalendarYearUnknownError)) {
      throw error;
    }
    let d = dayNumber(startDay);
    let counted = 0;
    while (counted < limits.resolveDays) {
      d++;
      const weekday = new Date(d * 86_400_000).getUTCDay();
      if (weekday !== 0 && weekday !== 6) {
        counted++;
      }
    }
    return { contactDueAt, resolveDue: fromDayNumber(d), estimated: true };
  }
}
