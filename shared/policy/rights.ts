/** The shape of a rights list (权力清单 with its 责任清单), shared by the server and the web client. */

/** The ten kinds of administrative power (行政职权) a rights list names. */
export const POWER_TYPES = [
  "行政许可",
  "行政处罚",
  "行政强制",
  "行政征收",
  "行政给付",
  "行政检查",
  "行政确认",
  "行政奖励",
  "行政裁决",
  "其他行政权力",
] as const;
export type PowerType = (typeof POWER_TYPES)[number];

export const POWER_LEVELS = ["province", "city", "county", "township"] as const;
export type PowerLevel = (typeof POWER_LEVELS)[number];

/** Staff roles, and "system" for the department's own systems calling the exchange with a token. */
export type GrantRole = "officer" | "dept_admin" | "leader" | "system";

/** What exercising a power lets the department's staff do on the platform. */
export interface PowerGrant {
  roles: GrantRole[];
  action: "read" | "decide";
  /** Data resource ids (read); ignored for decide (applications to the department). */
  resources: string[];
}

/** One power of a department's rights list with its duties and accountability. */
export interface Power {
  code: string;
  name: string;
  nameEn: string;
  type: PowerType;
  legalBasis: { law: string; article: string }[];
  department: string;
  level: PowerLevel;
  duties: string[];
  accountability: string;
  grants: PowerGrant[];
}
