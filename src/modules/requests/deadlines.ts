import {
  CalendarYearUnknownError,
  chinaDate,
  dayNumber,
  fromDayNumber,
  type WorkingCalendar,
} from "../../platform/calendar/index.js";

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
 * counted and the date is marked as an estimate (the calendar itself never guesses). Pure: the
 * calendar is loaded before the transaction (`calendarFor`), so that nothing inside waits for a
 * second connection (PGlite has one).
 */
export function deadlinesFrom(
  calendar: WorkingCalendar,
  from: Date,
  limits: { contactHours: number; resolveDays: number },
): Deadlines {
  const contactDueAt = new Date(from.getTime() + limits.contactHours * 3_600_000);
  const startDay = chinaDate(from);
  try {
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
