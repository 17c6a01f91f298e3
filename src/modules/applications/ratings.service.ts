import type { Selectable, Transaction } from "kysely";
import { RATING_LEVELS } from "../../../shared/services/ratings.js";
import { CalendarYearUnknownError, calendarFor, chinaDate } from "../../platform/calendar/index.js";
import type { Caller, ServiceContext } from "../../platform/context.js";
import type { DB } from "../../platform/db/schema.js";
import { inTransaction } from "../../platform/db/tx.js";
import { conflict, forbidden, notFound, validationError } from "../../platform/errors.js";
import { accounts, directory } from "../identity/index.js";
import type { ApplicationRow } from "./applications.service.js";
import { anonymiseComment } from "./ratings.anonymise.js";
import type { RectificationFinding, RectificationStatus } from "./ratings.tables.js";

/**
 * 好差评 (国办发〔2019〕51号): the applicant rates a concluded application once, within
 * RATING_WINDOW_DAYS of its conclusion; a bad rating (不满意 or 非常不满意) opens a rectification
 * (差评整改) for the department concerned, which replies to the applicant (回访) and is reviewed by a
 * department admin or a leader, who closes it with a finding.
 */

export type RatingRow = Selectable<DB["application_ratings"]>;
export type RectificationRow = Selectable<DB["rating_rectifications"]>;
type Tx = Transaction<DB>;

/** Calendar days after conclusion during which the applicant may rate. */
export const RATING_WINDOW_DAYS = 30;
/** Working days the department has to rectify a bad rating and reply (counted from the rating day). */
export const RECTIFICATION_LIMIT_DAYS = 15;
/** Ratings at or below this are 差评 (不满意, 非常不满意) and open a rectification. */
export const BAD_RATING_MAX = 2;
/** The five levels of 国办发〔2019〕51号, by score. */
export { RATING_LEVELS };

const DAY_MS = 86_400_000;

/** The last instant at which an application concluded at `concludedAt` may be rated. */
export function ratingDeadline(concludedAt: Date): Date {
  return new Date(concludedAt.getTime() + RATING_WINDOW_DAYS * DAY_MS);
}

// ---------------------------------------------------------------------------------------------
// The applicant's side

/** The applicant, or for an application made on someone's behalf (帮办代办), the person it was for. */
async function mayRate(ctx: ServiceContext, caller: Caller, app: ApplicationRow): Promise<boolean> {
  const accountId = caller.actor.accountId;
  if (!accountId) {
    return false;
  }
  if (!app.on_behalf) {
    return app.applicant_account === accountId;
  }
  if (app.subject_type !== "person") {
    return false;
  }
  const account = await accounts.findAccountOrThrow(ctx, accountId);
  return account.person_id === app.subject_id;
}

async function loadRateable(
  ctx: ServiceContext,
  tx: Tx | ServiceContext["db"],
  caller: Caller,
  id: string,
  lock: boolean,
): Promise<ApplicationRow> {
  let q = tx.selectFrom("applications").selectAll().where("id", "=", id);
  if (lock) {
    q = q.forUpdate();
  }
  const app = await q.executeTakeFirst();
  // Inside a transaction, every read goes through it (PGlite has a single connection).
  if (!app || !(await mayRate({ ...ctx, db: tx }, caller, app))) {
    throw notFound("Application");
  }
  return app;
}

/** Why an application cannot be rated now, or null when it can. */
function notRateable(
  app: ApplicationRow,
  rating: RatingRow | undefined,
  now: Date,
): "not-concluded" | "rated" | "expired" | null {
  if (rating) {
    return "rated";
  }
  if (app.status !== "concluded" || !app.concluded_at) {
    return "not-concluded";
  }
  return now > ratingDeadline(new Date(app.concluded_at)) ? "expired" : null;
}

export interface RatingState {
  app: ApplicationRow;
  rating: RatingRow | null;
  rectification: RectificationRow | null;
  /** Null when the application may be rated now. */
  blocked: "not-concluded" | "rated" | "expired" | null;
  /** Until when it may be rated (null before conclusion). */
  rateUntil: Date | null;
}

/** The rating of an application as its applicant sees it: may it be rated, and what became of a rating. */
export async function ratingState(ctx: ServiceContext, caller: Caller, id: string): Promise<RatingState> {
  const app = await loadRateable(ctx, ctx.db, caller, id, false);
  const rating = await ctx.db
    .selectFrom("application_ratings")
    .selectAll()
    .where("application_id", "=", id)
    .executeTakeFirst();
  const rectification = rating
    ? await ctx.db
        .selectFrom("rating_rectifications")
        .selectAll()
        .where("rating_id", "=", rating.id)
        .executeTakeFirst()
    : undefined;
  return {
    app,
    rating: rating ?? null,
    rectification: rectification ?? null,
    blocked: notRateable(app, rating, new Date()),
    rateUntil: app.concluded_at ? ratingDeadline(new Date(app.concluded_at)) : null,
  };
}

/** Names the public form of a comment must not show: everyone the platform knows took part. */
async function namesAround(ctx: ServiceContext, tx: Tx, app: ApplicationRow): Promise<string[]> {
  const actors = await tx
    .selectFrom("application_events")
    .select("actor_account")
    .distinct()
    .where("application_id", "=", app.id)
    .where("actor_account", "is not", null)
    .execute();
  const ids = [...new Set([app.applicant_account, ...actors.map((a) => a.actor_account as string)])];
  const names = [app.subject_name, app.on_behalf?.agentName ?? ""];
  for (const id of ids) {
    const account = await accounts.findAccountOrThrow(ctx, id);
    names.push(account.display_name.replace(/[（(].*$/, ""));
    if (account.person_id) {
      names.push((await directory.findPerson(ctx, account.person_id))?.name ?? "");
    }
  }
  if (app.subject_type === "organisation") {
    const org = await directory.findOrganisation(ctx, app.subject_id);
    names.push(org?.legal_representative ?? "");
  }
  return names;
}

export interface RateInput {
  score: number;
  comment?: string | undefined;
}

/**
 * The applicant rates a concluded application, once, within RATING_WINDOW_DAYS of its conclusion.
 * A bad rating opens a rectification for the department concerned (the bundle's lead department or
 * the item's department) due RECTIFICATION_LIMIT_DAYS working days later; both are recorded in the
 * ledger in the same transaction.
 */
export async function rate(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  input: RateInput,
): Promise<{ rating: RatingRow; rectification: RectificationRow | null }> {
  if (!Number.isInteger(input.score) || input.score < 1 || input.score > 5) {
    throw validationError("body.score", "Rate from 1 (非常不满意) to 5 (非常满意)");
  }
  const comment = input.comment?.trim() || null;
  const calendar = await calendarFor(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const app = await loadRateable(ctx, tx, caller, id, true);
    const existing = await tx
      .selectFrom("application_ratings")
      .selectAll()
      .where("application_id", "=", id)
      .executeTakeFirst();
    const now = new Date();
    const blocked = notRateable(app, existing, now);
    if (blocked === "rated") {
      throw conflict("This application has already been rated");
    }
    if (blocked === "not-concluded") {
      throw conflict("An application can be rated once it is concluded");
    }
    if (blocked === "expired") {
      throw conflict(`Ratings are accepted for ${RATING_WINDOW_DAYS} days after conclusion`);
    }
    const publicComment = anonymiseComment(comment, await namesAround({ ...ctx, db: tx }, tx, app));
    const rating = await tx
      .insertInto("application_ratings")
      .values({
        application_id: id,
        rater_account: caller.actor.accountId as string,
        score: input.score,
        comment,
        public_comment: publicComment,
        department: app.lead_department,
        service_code: app.service_code,
        service_name: app.service_name,
        service_name_en: app.service_name_en,
        rated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const bad = input.score <= BAD_RATING_MAX;
    const seq = await ctx.ledger.record(tx, {
      action: "application.rate",
      actor: caller.actor,
      subjects: [{ type: app.subject_type, id: app.subject_id }],
      resource: `applications/${id}/rating`,
      reference: app.number,
      outcome: "success",
      requestId: caller.requestId,
      details: {
        score: input.score,
        level: RATING_LEVELS[input.score as 1 | 2 | 3 | 4 | 5].zh,
        bad,
        department: app.lead_department,
        service: app.service_code,
        commented: comment !== null,
      },
    });
    const rated = await tx
      .updateTable("application_ratings")
      .set({ ledger_seq: seq })
      .where("id", "=", rating.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await tx
      .insertInto("application_events")
      .values({
        application_id: id,
        task_id: null,
        actor_account: caller.actor.accountId,
        action: "rate",
        department: app.lead_department,
        comment: `${input.score} ${RATING_LEVELS[input.score as 1 | 2 | 3 | 4 | 5].zh}`,
        ledger_seq: seq,
      })
      .execute();
    if (!bad) {
      return { rating: rated, rectification: null };
    }
    const today = chinaDate(now);
    let dueOn: string | null = null;
    let unknownYear: number | null = null;
    try {
      dueOn = calendar.dueDate({ acceptedOn: today, limitDays: RECTIFICATION_LIMIT_DAYS });
    } catch (error) {
      if (!(error instanceof CalendarYearUnknownError)) {
        throw error;
      }
      unknownYear = error.year;
    }
    const rectification = await tx
      .insertInto("rating_rectifications")
      .values({
        rating_id: rating.id,
        application_id: id,
        department: app.lead_department,
        status: "open",
        opened_on: today,
        limit_days: RECTIFICATION_LIMIT_DAYS,
        due_on: dueOn,
        due_unknown_year: unknownYear,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await ctx.ledger.record(tx, {
      action: "application.rectification.open",
      actor: caller.actor,
      subjects: [{ type: app.subject_type, id: app.subject_id }],
      resource: `rectifications/${rectification.id}`,
      reference: app.number,
      outcome: "success",
      requestId: caller.requestId,
      details: {
        department: app.lead_department,
        score: input.score,
        limitDays: RECTIFICATION_LIMIT_DAYS,
        dueOn,
        ...(unknownYear !== null ? { calendarYearUnknown: unknownYear } : {}),
      },
    });
    return { rating: rated, rectification };
  });
}

// ---------------------------------------------------------------------------------------------
// The departments' side

const roleOf = (caller: Caller, role: string) => caller.actor.roles.includes(role);

export interface RectificationListInput {
  /** One rectification only (after a reply or a review). */
  id?: string | undefined;
  status?: RectificationStatus | undefined;
  department?: string | undefined;
  limit: number;
  offset: number;
}

export interface RectificationItem {
  rectification: RectificationRow;
  rating: Pick<
    RatingRow,
    "score" | "comment" | "rated_at" | "service_code" | "service_name" | "service_name_en"
  >;
  application: Pick<ApplicationRow, "id" | "number" | "subject_name" | "outcome" | "concluded_at">;
}

/**
 * Rectifications of the caller's departments (officers and department admins), or of every
 * department (leaders), open ones first by deadline.
 */
export async function listRectifications(
  ctx: ServiceContext,
  caller: Caller,
  input: RectificationListInput,
): Promise<{ items: RectificationItem[]; total: number; counts: Record<RectificationStatus, number> }> {
  const leader = roleOf(caller, "leader");
  const mine = await directory.departmentCodes(ctx, caller.actor.departmentIds);
  if (input.department && !leader && !mine.includes(input.department)) {
    throw forbidden("You work for other departments");
  }
  const departments = input.department ? [input.department] : leader ? null : mine;
  if (departments !== null && departments.length === 0) {
    return { items: [], total: 0, counts: { open: 0, replied: 0, closed: 0 } };
  }
  let base = ctx.db
    .selectFrom("rating_rectifications as r")
    .innerJoin("application_ratings as g", "g.id", "r.rating_id")
    .innerJoin("applications as a", "a.id", "r.application_id");
  if (departments) {
    base = base.where("r.department", "in", departments);
  }
  if (input.id) {
    base = base.where("r.id", "=", input.id);
  }
  const [rows, counts] = await Promise.all([
    (input.status ? base.where("r.status", "=", input.status) : base)
      .selectAll("r")
      .select([
        "g.score",
        "g.comment",
        "g.rated_at",
        "g.service_code",
        "g.service_name",
        "g.service_name_en",
        "a.number",
        "a.subject_name",
        "a.outcome",
        "a.concluded_at",
      ])
      .orderBy((eb) => eb.case().when("r.status", "=", "closed").then(1).else(0).end())
      .orderBy("r.due_on", "asc")
      .orderBy("r.created_at", "desc")
      .orderBy("r.id")
      .limit(input.limit)
      .offset(input.offset)
      .execute(),
    base
      .select(["r.status", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("r.status")
      .execute(),
  ]);
  const byStatus = { open: 0, replied: 0, closed: 0 } as Record<RectificationStatus, number>;
  for (const c of counts) {
    byStatus[c.status] = Number(c.n);
  }
  return {
    total: input.status ? byStatus[input.status] : byStatus.open + byStatus.replied + byStatus.closed,
    counts: byStatus,
    items: rows.map((r) => ({
      rectification: {
        id: r.id,
        rating_id: r.rating_id,
        application_id: r.application_id,
        department: r.department,
        status: r.status,
        opened_on: r.opened_on,
        limit_days: r.limit_days,
        due_on: r.due_on,
        due_unknown_year: r.due_unknown_year,
        reply: r.reply,
        replied_at: r.replied_at,
        replied_by: r.replied_by,
        finding: r.finding,
        review_note: r.review_note,
        reviewed_at: r.reviewed_at,
        reviewed_by: r.reviewed_by,
        created_at: r.created_at,
        updated_at: r.updated_at,
      },
      rating: {
        score: r.score,
        comment: r.comment,
        rated_at: r.rated_at,
        service_code: r.service_code,
        service_name: r.service_name,
        service_name_en: r.service_name_en,
      },
      application: {
        id: r.application_id,
        number: r.number,
        subject_name: r.subject_name,
        outcome: r.outcome,
        concluded_at: r.concluded_at,
      },
    })),
  };
}

/** What the caller may do with a rectification (the presenter shows it; the actions check it again). */
export function permissions(
  caller: Caller,
  mine: readonly string[],
  r: Pick<RectificationRow, "department" | "status" | "replied_by">,
): { reply: boolean; review: boolean } {
  const ofDepartment = mine.includes(r.department);
  const staff = ofDepartment && (roleOf(caller, "officer") || roleOf(caller, "dept_admin"));
  const reviewer = (ofDepartment && roleOf(caller, "dept_admin")) || roleOf(caller, "leader");
  return {
    reply: staff && r.status !== "closed",
    review: reviewer && r.status === "replied" && r.replied_by !== caller.actor.accountId,
  };
}

async function loadRectification(tx: Tx, id: string): Promise<{ r: RectificationRow; app: ApplicationRow }> {
  const r = await tx
    .selectFrom("rating_rectifications")
    .selectAll()
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  if (!r) {
    throw notFound("Rectification");
  }
  const app = await tx
    .selectFrom("applications")
    .selectAll()
    .where("id", "=", r.application_id)
    .executeTakeFirstOrThrow();
  return { r, app };
}

/**
 * The department replies to the applicant (回访): what it found and what it changed. An officer or a
 * department admin of the department; the reply may be revised until the rectification is reviewed.
 */
export async function reply(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  input: { reply: string },
): Promise<RectificationRow> {
  const text = input.reply.trim();
  if (!text) {
    throw validationError("body.reply", "Write the reply to the applicant");
  }
  const mine = await directory.departmentCodes(ctx, caller.actor.departmentIds);
  return inTransaction(ctx.db, async (tx) => {
    const { r, app } = await loadRectification(tx, id);
    if (!mine.includes(r.department) && !roleOf(caller, "leader")) {
      throw notFound("Rectification");
    }
    if (r.status === "closed") {
      throw conflict("This rectification has been reviewed and closed");
    }
    if (!permissions(caller, mine, r).reply) {
      throw forbidden("An officer or department admin of the department replies");
    }
    const now = new Date();
    const row = await tx
      .updateTable("rating_rectifications")
      .set({
        status: "replied",
        reply: text,
        replied_at: now,
        replied_by: caller.actor.accountId,
        updated_at: now,
      })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordStep(ctx, tx, caller, app, r, "reply", {
      revised: r.status === "replied",
      onTime: onTime(r, now),
    });
    return row;
  });
}

/** A reply or a review in the ledger and in the application's history, in the action's transaction. */
async function recordStep(
  ctx: ServiceContext,
  tx: Tx,
  caller: Caller,
  app: ApplicationRow,
  r: RectificationRow,
  step: "reply" | "review",
  details: Record<string, string | boolean | null>,
): Promise<void> {
  const seq = await ctx.ledger.record(tx, {
    action: `application.rectification.${step}`,
    actor: caller.actor,
    subjects: [{ type: app.subject_type, id: app.subject_id }],
    resource: `rectifications/${r.id}`,
    reference: app.number,
    outcome: "success",
    requestId: caller.requestId,
    details: { department: r.department, ...details },
  });
  await tx
    .insertInto("application_events")
    .values({
      application_id: app.id,
      task_id: null,
      actor_account: caller.actor.accountId,
      action: `rectification-${step}`,
      department: r.department,
      comment: typeof details.finding === "string" ? details.finding : null,
      ledger_seq: seq,
    })
    .execute();
}

const onTime = (r: Pick<RectificationRow, "due_on">, at: Date): boolean | null =>
  r.due_on ? chinaDate(at) <= r.due_on : null;

/**
 * A department admin of the department, or a leader, reviews the reply and closes the
 * rectification with a finding: `verified` (the bad rating was substantiated and the rectification
 * is accepted) or `not-verified` (on checking, the complaint was not substantiated; the reply
 * explained why). The reviewer is not the person who replied.
 */
export async function review(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  input: { finding: RectificationFinding; note: string },
): Promise<RectificationRow> {
  const note = input.note.trim();
  if (!note) {
    throw validationError("body.note", "Say what the review found");
  }
  const mine = await directory.departmentCodes(ctx, caller.actor.departmentIds);
  return inTransaction(ctx.db, async (tx) => {
    const { r, app } = await loadRectification(tx, id);
    if (!mine.includes(r.department) && !roleOf(caller, "leader")) {
      throw notFound("Rectification");
    }
    if (r.status === "closed") {
      throw conflict("This rectification has already been reviewed");
    }
    if (r.status === "open") {
      throw conflict("The department has not replied to the applicant yet");
    }
    if (r.replied_by === caller.actor.accountId) {
      throw forbidden("Someone other than who replied reviews the rectification");
    }
    if (!permissions(caller, mine, r).review) {
      throw forbidden("A department admin of the department, or a leader, reviews");
    }
    const now = new Date();
    const row = await tx
      .updateTable("rating_rectifications")
      .set({
        status: "closed",
        finding: input.finding,
        review_note: note,
        reviewed_at: now,
        reviewed_by: caller.actor.accountId,
        updated_at: now,
      })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordStep(ctx, tx, caller, app, r, "review", { finding: input.finding, onTime: onTime(r, now) });
    return row;
  });
}
