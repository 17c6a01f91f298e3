/**
 * 好差评 as the server sends it and the web client reads it: the five levels of 国办发〔2019〕51号,
 * an application's rating panel, the departments' rectifications and the public performance page.
 * Definitions are in docs/ratings-and-stats.md.
 */

export type RatingScore = 1 | 2 | 3 | 4 | 5;

/** The five levels, by score. */
export const RATING_LEVELS: Record<RatingScore, { zh: string; en: string }> = {
  5: { zh: "非常满意", en: "Very satisfied" },
  4: { zh: "满意", en: "Satisfied" },
  3: { zh: "基本满意", en: "Fairly satisfied" },
  2: { zh: "不满意", en: "Dissatisfied" },
  1: { zh: "非常不满意", en: "Very dissatisfied" },
};

/** 差评整改: open (waiting for the department), replied (waiting for review), closed (reviewed). */
export type RectificationStatus = "open" | "replied" | "closed";
/** The review's finding: the bad rating was substantiated and the rectification accepted, or not substantiated. */
export type RectificationFinding = "verified" | "not-verified";

/** An application's rating as its applicant sees it (GET /api/applications/:id/rating). */
export interface RatingPanel {
  applicationId: string;
  status: string;
  rateable: boolean;
  blocked: "not-concluded" | "rated" | "expired" | null;
  rateUntil: string | null;
  rating: {
    score: number;
    level: { zh: string; en: string };
    comment: string | null;
    ratedAt: string | null;
  } | null;
  rectification: {
    status: RectificationStatus;
    dueOn: string | null;
    reply: string | null;
    repliedAt: string | null;
    finding: RectificationFinding | null;
    reviewedAt: string | null;
  } | null;
}

/** One rectification in the departments' list (GET /api/workbench/rectifications). */
export interface RectificationView {
  id: string;
  status: RectificationStatus;
  department: { code: string; name: string; nameEn: string };
  openedOn: string;
  limitDays: number;
  dueOn: string | null;
  dueUnknownYear: number | null;
  dueStatus: "on-time" | "near" | "overdue" | null;
  application: {
    id: string;
    number: string;
    service: { code: string; name: string; nameEn: string };
    applicant: string;
    outcome: string | null;
    concludedAt: string | null;
  };
  rating: {
    score: number;
    level: { zh: string; en: string };
    comment: string | null;
    ratedAt: string | null;
  };
  reply: string | null;
  repliedAt: string | null;
  repliedBy: string | null;
  finding: RectificationFinding | null;
  reviewNote: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
  can: { reply: boolean; review: boolean };
}

export interface RectificationList {
  total: number;
  counts: Record<RectificationStatus, number>;
  today: string;
  items: RectificationView[];
}

export interface PerformanceSummary {
  ratings: number;
  /** Count per level, index 0 = 1 (非常不满意) … index 4 = 5 (非常满意). */
  levels: [number, number, number, number, number];
  average: number | null;
  /** 好评: 非常满意, 满意 and 基本满意 (scores 3–5). */
  satisfied: number;
  satisfactionRate: number | null;
  /** 差评: 不满意 and 非常不满意 (scores 1–2); each opens a rectification. */
  bad: number;
  rectifications: {
    open: number;
    replied: number;
    closed: number;
    verified: number;
    /** Not yet replied to, and past the due date. */
    overdue: number;
    /** Replied to on or before the due date. */
    repliedOnTime: number;
  };
  /** 差评整改率: closed (replied to and reviewed) / bad ratings. */
  rectificationRate: number | null;
}

export interface PerformanceView {
  generatedOn: string;
  totals: PerformanceSummary;
  byDepartment: (PerformanceSummary & { code: string; name: string; nameEn: string })[];
  byService: (PerformanceSummary & {
    code: string;
    name: string;
    nameEn: string;
    department: { code: string; name: string; nameEn: string };
  })[];
  recentComments: {
    score: number;
    comment: string;
    ratedOn: string;
    service: { code: string; name: string; nameEn: string };
    department: { code: string; name: string; nameEn: string };
    rectification: { status: RectificationStatus; finding: RectificationFinding | null } | null;
  }[];
}
