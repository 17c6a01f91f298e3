import type { ColumnType } from "kysely";

export interface CalendarTables {
  calendar_overrides: {
    /** `YYYY-MM-DD` (dates are kept as text on both databases). */
    day: string;
    working: boolean;
    reason: string;
    set_by: string | null;
    set_at: ColumnType<Date, Date | string | undefined, Date | string>;
  };
}
