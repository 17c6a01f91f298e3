/**
 * Residents of 杭州市's districts whose past applications (the last 60 days) fill the leaders'
 * statistics and the performance page. Fictitious people; their ID numbers pass the GB 11643 check.
 * They have accounts of their own, so the main demo accounts' lists stay short.
 */
import type { DemoPerson } from "./demo-data.js";

export const DEMO_RESIDENTS: (DemoPerson & { username: string })[] = [
  {
    key: "r-sc",
    username: "resident01",
    name: "方雅琴",
    regionCode: "330102",
    birthDate: "1986-03-14",
    sequence: 302,
    mobile: "13967120451",
    divisionCode: "330102",
  },
  {
    key: "r-gs",
    username: "resident02",
    name: "许志明",
    regionCode: "330105",
    birthDate: "1979-10-02",
    sequence: 117,
    mobile: "13588190326",
    divisionCode: "330105",
  },
  {
    key: "r-xh",
    username: "resident03",
    name: "蒋文静",
    regionCode: "330106",
    birthDate: "1994-07-28",
    sequence: 64,
    mobile: "15858127743",
    divisionCode: "330106",
  },
  {
    key: "r-bj",
    username: "resident04",
    name: "韩斌",
    regionCode: "330108",
    birthDate: "1990-01-19",
    sequence: 233,
    mobile: "18857106682",
    divisionCode: "330108",
  },
  {
    key: "r-ca",
    username: "resident05",
    name: "叶建华",
    regionCode: "330127",
    birthDate: "1975-04-11",
    sequence: 276,
    mobile: "13506718825",
    divisionCode: "330127",
  },
];

/** Enterprise agents of demo organisations (by organisation key), acting for them. */
export const DEMO_ENTERPRISE_AGENTS = [
  {
    username: "restaurant",
    displayName: "孙立强（杭州知味西溪餐饮管理有限公司）",
    organisation: "restaurant",
    person: "worker",
  },
] as const;
