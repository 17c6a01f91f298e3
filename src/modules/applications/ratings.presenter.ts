import type { RatingPanel, RectificationList } from "../../../shared/services/ratings.js";
import { calendarFor, chinaDate, type DueStatus } from "../../platform/calendar/index.js";
import type { Caller, ServiceContext } from "../../platform/context.js";
import { directory } from "../identity/index.js";
import {
  permissions,
  RATING_LEVELS,
  type RatingState,
  type RectificationItem,
  type RectificationRow,
} from "./ratings.service.js";

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const level = (score: number) => RATING_LEVELS[score as 1 | 2 | 3 | 4 | 5];

/** The rating panel of an application, for its applicant: may it be rated, the rating, and the department's answer. */
export function presentRatingState(s: RatingState): RatingPanel {
  return {
    applicationId: s.app.id,
    status: s.app.status,
    rateable: s.blocked === null,
    blocked: s.blocked,
    rateUntil: iso(s.rateUntil),
    rating: s.rating
      ? {
          score: s.rating.score,
          level: level(s.rating.score),
          comment: s.rating.comment,
          ratedAt: iso(s.rating.rated_at),
        }
      : null,
    // The applicant sees the department's reply (回访) and whether the review found the complaint
    // substantiated; the reviewer's internal note stays with the departments.
    rectification: s.rectification
      ? {
          status: s.rectification.status,
          dueOn: s.rectification.due_on,
          reply: s.rectification.reply,
          repliedAt: iso(s.rectification.replied_at),
          finding: s.rectification.finding,
          reviewedAt: iso(s.rectification.reviewed_at),
        }
      : null,
  };
}

function dueStatusOf(
  r: Pick<RectificationRow, "status" | "due_on">,
  today: string,
  status: (due: string, today: string) => DueStatus,
): DueStatus | null {
  if (r.status !== "open" || !r.due_on) {
    return null;
  }
  try {
    return status(r.due_on, today);
  } catch {
    return null;
  }
}

/** Rectifications as the departments' list shows them, with what the caller may do with each. */
export async function presentRectifications(
  ctx: ServiceContext,
  caller: Caller,
  list: { items: RectificationItem[]; total: number; counts: RectificationList["counts"] },
): Promise<RectificationList> {
  const mine = await directory.departmentCodes(ctx, caller.actor.departmentIds);
  const calendar = await calendarFor(ctx);
  const today = chinaDate(new Date());
  const departments = await directory.departmentNames(
    ctx,
    list.items.map((i) => i.rectification.department),
  );
  const accounts = [
    ...new Set(
      list.items.flatMap((i) =>
        [i.rectification.replied_by, i.rectification.reviewed_by].filter((a): a is string => a !== null),
      ),
    ),
  ];
  const labels =
    accounts.length > 0
      ? await directory.labelsFor(ctx, { account: accounts, person: [], organisation: [] })
      : new Map<string, string>();
  const label = (id: string | null) => (id ? (labels.get(`account:${id}`) ?? null) : null);
  return {
    total: list.total,
    counts: list.counts,
    today,
    items: list.items.map(({ rectification: r, rating, application }) => ({
      id: r.id,
      status: r.status,
      department: {
        code: r.department,
        name: departments.get(r.department)?.name ?? r.department,
        nameEn: departments.get(r.department)?.nameEn ?? r.department,
      },
      openedOn: r.opened_on,
      limitDays: r.limit_days,
      dueOn: r.due_on,
      // Set when the calendar had no data for the year: the due date is unknown, not guessed.
      dueUnknownYear: r.due_unknown_year,
      dueStatus: dueStatusOf(r, today, (d, t) => calendar.status(d, t)),
      application: {
        id: application.id,
        number: application.number,
        service: { code: rating.service_code, name: rating.service_name, nameEn: rating.service_name_en },
        applicant: application.subject_name,
        outcome: application.outcome,
        concludedAt: iso(application.concluded_at),
      },
      rating: {
        score: rating.score,
        level: level(rating.score),
        comment: rating.comment,
        ratedAt: iso(rating.rated_at),
      },
      reply: r.reply,
      repliedAt: iso(r.replied_at),
      repliedBy: label(r.replied_by),
      finding: r.finding,
      reviewNote: r.review_note,
      reviewedAt: iso(r.reviewed_at),
      reviewedBy: label(r.reviewed_by),
      can: permissions(caller, mine, r),
    })),
  };
}
