import { describe, expect, it } from "vitest";
import { CalendarYearUnknownError, chinaDate, WorkingCalendar } from "./calendar.js";
import { HOLIDAY_ARRANGEMENTS } from "./holidays.js";

const cal = new WorkingCalendar();

const range = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (
    let d = new Date(`${from}T00:00:00Z`);
    d <= new Date(`${to}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1)
  ) {
    out.push(d.toISOString().slice(0, 10));
  }
  return out;
};
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

// Every day off and every make-up working day of the notices, written out by hand.
const DAYS_OFF: Record<number, string[]> = {
  2024: [
    "2024-01-01",
    ...range("2024-02-10", "2024-02-17"),
    ...range("2024-04-04", "2024-04-06"),
    ...range("2024-05-01", "2024-05-05"),
    "2024-06-10",
    ...range("2024-09-15", "2024-09-17"),
    ...range("2024-10-01", "2024-10-07"),
  ],
  2025: [
    "2025-01-01",
    ...range("2025-01-28", "2025-02-04"),
    ...range("2025-04-04", "2025-04-06"),
    ...range("2025-05-01", "2025-05-05"),
    ...range("2025-05-31", "2025-06-02"),
    ...range("2025-10-01", "2025-10-08"),
  ],
  2026: [
    ...range("2026-01-01", "2026-01-03"),
    ...range("2026-02-15", "2026-02-23"),
    ...range("2026-04-04", "2026-04-06"),
    ...range("2026-05-01", "2026-05-05"),
    ...range("2026-06-19", "2026-06-21"),
    ...range("2026-09-25", "2026-09-27"),
    ...range("2026-10-01", "2026-10-07"),
  ],
};
const MAKE_UP: Record<number, string[]> = {
  2024: [
    "2024-02-04",
    "2024-02-18",
    "2024-04-07",
    "2024-04-28",
    "2024-05-11",
    "2024-09-14",
    "2024-09-29",
    "2024-10-12",
  ],
  2025: ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"],
  2026: ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"],
};
const NOTICES: Record<number, string> = {
  2024: "国办发明电〔2023〕7号",
  2025: "国办发明电〔2024〕12号",
  2026: "国办发明电〔2025〕7号",
};

describe("the State Council's arrangements", () => {
  it.each([2024, 2025, 2026])("pins every day off and make-up day of %i, and its notice", (year) => {
    const a = HOLIDAY_ARRANGEMENTS.find((x) => x.year === year);
    expect(a?.notice.number).toBe(NOTICES[year]);
    expect(a?.notice.title).toBe(`国务院办公厅关于${year}年部分节假日安排的通知`);
    const off = a?.holidays.flatMap((h) => range(h.from, h.to)) ?? [];
    expect(off).toEqual(DAYS_OFF[year]);
    expect(a?.makeUpDays.map((m) => m.date)).toEqual(MAKE_UP[year]);
    for (const d of DAYS_OFF[year] ?? []) {
      expect(cal.isWorkingDay(d), d).toBe(false);
      expect(cal.day(d)).toMatchObject({
        kind: "holiday",
        source: expect.stringContaining(NOTICES[year] ?? ""),
      });
    }
    for (const d of MAKE_UP[year] ?? []) {
      expect([0, 6], d).toContain(weekday(d));
      expect(cal.isWorkingDay(d), d).toBe(true);
      expect(cal.day(d).kind).toBe("make-up");
    }
    // Every other day follows the week: 365 or 366 days, each accounted for.
    const special = new Set([...(DAYS_OFF[year] ?? []), ...(MAKE_UP[year] ?? [])]);
    for (const d of range(`${year}-01-01`, `${year}-12-31`).filter((x) => !special.has(x))) {
      expect(cal.isWorkingDay(d), d).toBe(weekday(d) !== 0 && weekday(d) !== 6);
    }
  });

  it("names the 2025 combined National Day and Mid-Autumn holiday as the notice does", () => {
    expect(cal.day("2025-10-06")).toMatchObject({ working: false, name: "国庆节、中秋节" });
  });
});

describe("working days", () => {
  it("counts weekdays, skips weekends, counts 调休 Saturdays, skips holidays on weekdays", () => {
    expect(cal.isWorkingDay("2026-11-27")).toBe(true); // Friday
    expect(cal.isWorkingDay("2026-11-28")).toBe(false); // Saturday
    expect(cal.isWorkingDay("2026-10-10")).toBe(true); // Saturday, 调休上班
    expect(cal.isWorkingDay("2026-10-05")).toBe(false); // Monday, 国庆
    expect(cal.addWorkingDays("2026-10-09", 1)).toBe("2026-10-10");
  });

  it("counts from the first working day after acceptance", () => {
    expect(cal.addWorkingDays("2026-11-23", 0)).toBe("2026-11-23");
    expect(cal.addWorkingDays("2026-11-23", 1)).toBe("2026-11-24");
    // Accepted on a Friday: Saturday and Sunday do not count.
    expect(cal.addWorkingDays("2026-11-27", 1)).toBe("2026-11-30");
    expect(cal.addWorkingDays("2026-11-27", 5)).toBe("2026-12-04");
    // Across 国庆 2026 (1–7 October off, 10 October a working Saturday).
    expect(cal.addWorkingDays("2026-09-30", 1)).toBe("2026-10-08");
    expect(cal.addWorkingDays("2026-09-30", 3)).toBe("2026-10-10");
    expect(cal.workingDaysBetween("2026-09-30", "2026-10-10")).toBe(3);
    expect(cal.workingDaysBetween("2026-10-10", "2026-09-30")).toBe(-3);
    expect(cal.workingDaysBetween("2026-11-27", "2026-11-27")).toBe(0);
  });

  it("crosses a year boundary and 春节", () => {
    // 2025-12-31 Wednesday; 1–3 January 2026 off; 4 January (Sunday) works.
    expect(cal.addWorkingDays("2025-12-31", 1)).toBe("2026-01-04");
    expect(cal.addWorkingDays("2025-12-31", 2)).toBe("2026-01-05");
    expect(cal.workingDaysBetween("2025-12-30", "2026-01-05")).toBe(3);
    // 2026 春节: 14 February works, 15–23 off.
    expect(cal.addWorkingDays("2026-02-13", 1)).toBe("2026-02-14");
    expect(cal.addWorkingDays("2026-02-13", 2)).toBe("2026-02-24");
    // 2024 → 2025.
    expect(cal.addWorkingDays("2024-12-31", 1)).toBe("2025-01-02");
  });

  it("stops the clock during a pause, both ends inclusive", () => {
    const base = { acceptedOn: "2026-11-02", limitDays: 5 };
    expect(cal.dueDate(base)).toBe("2026-11-09");
    // Paused Wednesday to Friday: three working days do not count.
    expect(cal.dueDate({ ...base, pauses: [{ from: "2026-11-04", to: "2026-11-06" }] })).toBe("2026-11-12");
    // A one-day pause on the acceptance day itself changes nothing (that day never counts).
    expect(cal.dueDate({ ...base, pauses: [{ from: "2026-11-02", to: "2026-11-02" }] })).toBe("2026-11-09");
    // A pause over a weekend changes nothing either.
    expect(cal.dueDate({ ...base, pauses: [{ from: "2026-11-07", to: "2026-11-08" }] })).toBe("2026-11-09");
    // Two pauses.
    expect(
      cal.dueDate({
        ...base,
        pauses: [
          { from: "2026-11-03", to: "2026-11-03" },
          { from: "2026-11-09", to: "2026-11-10" },
        ],
      }),
    ).toBe("2026-11-12");
  });

  it("refuses malformed input, naming the field", () => {
    expect(() => cal.dueDate({ acceptedOn: "2026-02-30", limitDays: 1 })).toThrow(
      expect.objectContaining({ code: "VALIDATION", field: "acceptedOn" }),
    );
    expect(() => cal.dueDate({ acceptedOn: "2026-11-02", limitDays: -1 })).toThrow(
      expect.objectContaining({ field: "limitDays" }),
    );
    expect(() =>
      cal.dueDate({
        acceptedOn: "2026-11-02",
        limitDays: 1,
        pauses: [{ from: "2026-11-01", to: "2026-11-03" }],
      }),
    ).toThrow(expect.objectContaining({ field: "pauses[0].from" }));
    expect(() =>
      cal.dueDate({
        acceptedOn: "2026-11-02",
        limitDays: 1,
        pauses: [{ from: "2026-11-05", to: "2026-11-03" }],
      }),
    ).toThrow(expect.objectContaining({ field: "pauses[0].to" }));
  });

  it("refuses to guess for a year without data", () => {
    expect(() => cal.isWorkingDay("2027-03-01")).toThrow(CalendarYearUnknownError);
    expect(() => cal.isWorkingDay("2023-12-29")).toThrow(CalendarYearUnknownError);
    // Within a known year, but the limit runs into 2027.
    expect(() => cal.addWorkingDays("2026-12-30", 5)).toThrow(
      expect.objectContaining({ code: "CALENDAR_YEAR_UNKNOWN", year: 2027 }),
    );
    expect(() => cal.workingDaysBetween("2026-12-01", "2027-01-10")).toThrow(CalendarYearUnknownError);
    expect(cal.addWorkingDays("2026-12-24", 5)).toBe("2026-12-31");
    expect(() => cal.arrangement(2027)).toThrow(/No holiday arrangement is known for 2027/);
  });

  it("applies overrides both ways", () => {
    const withOverrides = new WorkingCalendar(undefined, [
      { day: "2026-12-01", working: false, reason: "台风停工" },
      { day: "2026-12-05", working: true, reason: "集中办理日" },
    ]);
    expect(withOverrides.isWorkingDay("2026-12-01")).toBe(false);
    expect(withOverrides.isWorkingDay("2026-12-05")).toBe(true);
    expect(withOverrides.day("2026-12-01")).toMatchObject({
      kind: "override",
      name: "台风停工",
      source: "override",
    });
    expect(withOverrides.addWorkingDays("2026-11-30", 1)).toBe("2026-12-02");
    expect(withOverrides.overridesOf(2026).map((o) => o.day)).toEqual(["2026-12-01", "2026-12-05"]);
    expect(
      () => new WorkingCalendar(undefined, [{ day: "2027-01-04", working: false, reason: "x" }]),
    ).toThrow(CalendarYearUnknownError);
  });
});

describe("deadline status", () => {
  it("is on time, near (≤ 2 working days left, configurable) or overdue", () => {
    const due = "2026-12-04"; // Friday
    expect(cal.status(due, "2026-11-30")).toBe("on-time"); // 4 left
    expect(cal.status(due, "2026-12-01")).toBe("on-time"); // 3 left
    expect(cal.status(due, "2026-12-02")).toBe("near"); // 2 left
    expect(cal.status(due, "2026-12-04")).toBe("near"); // due today
    expect(cal.status(due, "2026-12-05")).toBe("overdue");
    expect(cal.status(due, "2026-12-01", { nearDays: 3 })).toBe("near");
    // Friday before a Monday due date: one working day left.
    expect(cal.status("2026-11-30", "2026-11-27")).toBe("near");
  });
});

describe("dates in China", () => {
  it("takes the date in UTC+8, not the machine's or UTC's", () => {
    // 23:30 UTC on 30 September is 07:30 on 1 October in Beijing: a holiday.
    const instant = new Date("2026-09-30T23:30:00Z");
    expect(chinaDate(instant)).toBe("2026-10-01");
    expect(cal.isWorkingDay(chinaDate(instant))).toBe(false);
    expect(chinaDate(new Date("2026-09-30T15:59:59Z"))).toBe("2026-09-30");
    expect(chinaDate(new Date("2026-09-30T16:00:00Z"))).toBe("2026-10-01");
  });
});
