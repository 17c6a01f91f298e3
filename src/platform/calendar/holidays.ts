/**
 * 全国年节及纪念日放假安排 as published each year by the State Council General Office
 * (国务院办公厅关于20XX年部分节假日安排的通知). A year is known only when its notice is here: the
 * calendar refuses to compute across any other year rather than guess.
 */

/** The notice a year's arrangement comes from. */
export interface HolidayNotice {
  title: string;
  number: string;
}

/** One holiday period: every day from `from` to `to` (inclusive) is a day off. */
export interface HolidayPeriod {
  name: string;
  from: string;
  to: string;
}

/** A Saturday or Sunday that is a working day (调休上班) to make up for a holiday. */
export interface MakeUpDay {
  date: string;
  /** The holiday it makes up for. */
  name: string;
}

export interface YearArrangement {
  year: number;
  notice: HolidayNotice;
  holidays: readonly HolidayPeriod[];
  makeUpDays: readonly MakeUpDay[];
}

export const HOLIDAY_ARRANGEMENTS: readonly YearArrangement[] = [
  {
    year: 2024,
    notice: {
      title: "国务院办公厅关于2024年部分节假日安排的通知",
      number: "国办发明电〔2023〕7号",
    },
    holidays: [
      // 1月1日放假，与周末连休 (30–31 December 2023 were an ordinary weekend).
      { name: "元旦", from: "2024-01-01", to: "2024-01-01" },
      { name: "春节", from: "2024-02-10", to: "2024-02-17" },
      { name: "清明节", from: "2024-04-04", to: "2024-04-06" },
      { name: "劳动节", from: "2024-05-01", to: "2024-05-05" },
      // 6月10日放假，与周末连休.
      { name: "端午节", from: "2024-06-10", to: "2024-06-10" },
      { name: "中秋节", from: "2024-09-15", to: "2024-09-17" },
      { name: "国庆节", from: "2024-10-01", to: "2024-10-07" },
    ],
    makeUpDays: [
      { date: "2024-02-04", name: "春节" },
      { date: "2024-02-18", name: "春节" },
      { date: "2024-04-07", name: "清明节" },
      { date: "2024-04-28", name: "劳动节" },
      { date: "2024-05-11", name: "劳动节" },
      { date: "2024-09-14", name: "中秋节" },
      { date: "2024-09-29", name: "国庆节" },
      { date: "2024-10-12", name: "国庆节" },
    ],
  },
  {
    year: 2025,
    notice: {
      title: "国务院办公厅关于2025年部分节假日安排的通知",
      number: "国办发明电〔2024〕12号",
    },
    holidays: [
      { name: "元旦", from: "2025-01-01", to: "2025-01-01" },
      { name: "春节", from: "2025-01-28", to: "2025-02-04" },
      { name: "清明节", from: "2025-04-04", to: "2025-04-06" },
      { name: "劳动节", from: "2025-05-01", to: "2025-05-05" },
      { name: "端午节", from: "2025-05-31", to: "2025-06-02" },
      { name: "国庆节、中秋节", from: "2025-10-01", to: "2025-10-08" },
    ],
    makeUpDays: [
      { date: "2025-01-26", name: "春节" },
      { date: "2025-02-08", name: "春节" },
      { date: "2025-04-27", name: "劳动节" },
      { date: "2025-09-28", name: "国庆节、中秋节" },
      { date: "2025-10-11", name: "国庆节、中秋节" },
    ],
  },
  {
    year: 2026,
    notice: {
      title: "国务院办公厅关于2026年部分节假日安排的通知",
      number: "国办发明电〔2025〕7号",
    },
    holidays: [
      { name: "元旦", from: "2026-01-01", to: "2026-01-03" },
      { name: "春节", from: "2026-02-15", to: "2026-02-23" },
      { name: "清明节", from: "2026-04-04", to: "2026-04-06" },
      { name: "劳动节", from: "2026-05-01", to: "2026-05-05" },
      { name: "端午节", from: "2026-06-19", to: "2026-06-21" },
      { name: "中秋节", from: "2026-09-25", to: "2026-09-27" },
      { name: "国庆节", from: "2026-10-01", to: "2026-10-07" },
    ],
    makeUpDays: [
      { date: "2026-01-04", name: "元旦" },
      { date: "2026-02-14", name: "春节" },
      { date: "2026-02-28", name: "春节" },
      { date: "2026-05-09", name: "劳动节" },
      { date: "2026-09-20", name: "国庆节" },
      { date: "2026-10-10", name: "国庆节" },
    ],
  },
];
