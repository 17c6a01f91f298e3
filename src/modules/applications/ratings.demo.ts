import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import {
  CalendarYearUnknownError,
  calendarFor,
  chinaDate,
  dayNumber,
  fromDayNumber,
  type WorkingCalendar,
} from "../../platform/calendar/index.js";
import type { Caller, ServiceContext } from "../../platform/context.js";
import { seededRandom } from "../../platform/seeded-random.js";
import { anonymiseComment } from "./ratings.anonymise.js";
import { BAD_RATING_MAX, RATING_WINDOW_DAYS, RECTIFICATION_LIMIT_DAYS } from "./ratings.service.js";
import { allServices, type ResolvedService } from "./services.js";

/**
 * The demo's past: a few hundred applications concluded over the last DEMO_DAYS days, with ratings
 * (some bad, their rectifications open, replied and closed), so that the leaders' statistics and the
 * public performance page have something to show. Rows are inserted directly, in the seed's
 * transaction, by `insertHistory` (the service functions work on "now" and would take seconds for
 * hundreds of applications); the seed records one ledger entry saying what it inserted. Tests build
 * their own small histories with the same function.
 */

export const DEMO_DAYS = 60;

/** Who applied: an account, and the person or organisation the application is for. */
export interface DemoApplicant {
  accountId: string;
  subject: { type: "person" | "organisation"; id: string; name: string };
  /** Names that must not appear in published comments (the applicant's, the agent's). */
  names: string[];
}

/** One task of a past application, as it went. */
export interface PastTask {
  item: ResolvedService["items"][number]["item"];
  acceptedOn: string;
  /** Working days it took (decided on the n-th working day after acceptance, pauses left out). */
  workingDays: number;
  pauses?: { from: string; to: string }[];
  outcome: "approved" | "rejected" | "open";
  /** The officer who decided (their account and name), if any. */
  officer?: { accountId: string; name: string } | undefined;
}

/** One past application: what the statistics read. */
export interface PastApplication {
  service: ResolvedService;
  applicant: DemoApplicant;
  /** When it was submitted (an instant). */
  submittedAt: Date;
  tasks: PastTask[];
  /** Materials by id: obtained through the exchange or uploaded. */
  materials: Record<string, "exchange" | "upload">;
  rating?: {
    score: number;
    comment?: string | undefined;
    /** Days after conclusion. */
    afterDays: number;
    rectification?: {
      state: "open" | "replied" | "closed";
      reply?: string;
      replier?: string | undefined;
      finding?: "verified" | "not-verified";
      reviewNote?: string;
      reviewer?: string | undefined;
      /** Working days after opening when it was replied to and reviewed. */
      repliedAfter?: number;
    };
  };
}

/** The instant of a China date at a given hour (UTC+8). */
const at = (date: string, hour: number, minute = 0) =>
  new Date(`${date}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00+08:00`);

/** A date the calendar computes, or null for a year it has no data for (it never guesses). */
function known(compute: () => string): string | null {
  try {
    return compute();
  } catch (error) {
    if (error instanceof CalendarYearUnknownError) {
      return null;
    }
    throw error;
  }
}

interface Computed {
  app: PastApplication;
  id: string;
  tasks: (PastTask & { id: string; dueOn: string | null; concludedOn: string | null })[];
  concludedAt: Date | null;
  outcome: "approved" | "rejected" | "partial" | null;
}

function compute(calendar: WorkingCalendar, app: PastApplication, today: string): Computed {
  const tasks = app.tasks.map((t) => {
    const dueOn = known(() =>
      calendar.dueDate({ acceptedOn: t.acceptedOn, limitDays: t.item.promisedDays, pauses: t.pauses ?? [] }),
    );
    const concludedOn =
      t.outcome === "open"
        ? null
        : known(() =>
            calendar.dueDate({ acceptedOn: t.acceptedOn, limitDays: t.workingDays, pauses: t.pauses ?? [] }),
          );
    return {
      ...t,
      id: randomUUID(),
      dueOn,
      concludedOn: concludedOn && concludedOn <= today ? concludedOn : null,
    };
  });
  const done = tasks.every((t) => t.concludedOn !== null);
  const last = tasks
    .map((t) => t.concludedOn as string)
    .sort()
    .at(-1);
  const approved = tasks.filter((t) => t.outcome === "approved").length;
  return {
    app,
    id: randomUUID(),
    tasks,
    concludedAt: done && last ? at(last, 16, 30) : null,
    outcome: !done ? null : approved === tasks.length ? "approved" : approved === 0 ? "rejected" : "partial",
  };
}

/**
 * Inserts past applications with their tasks, history, ratings and rectifications in the caller's
 * transaction. Returns how many of each were inserted.
 */
export async function insertHistory(
  ctx: ServiceContext,
  calendar: WorkingCalendar,
  history: PastApplication[],
  now = new Date(),
): Promise<{ applications: number; ratings: number; rectifications: number }> {
  if (history.length === 0) {
    return { applications: 0, ratings: 0, rectifications: 0 };
  }
  const today = chinaDate(now);
  const computed = history.map((h) => compute(calendar, h, today));
  const { rows: numbers } = await sql<{ n: string }>`
    select nextval('application_number_seq')::text as n from generate_series(1, ${computed.length})`.execute(
    ctx.db,
  );
  const apps = computed.map((c, i) => {
    const s = c.app.service;
    return {
      id: c.id,
      number: `330100-${chinaDate(c.app.submittedAt).replaceAll("-", "")}-${String(numbers[i]?.n ?? i).padStart(6, "0")}`,
      kind: s.kind,
      service_code: s.code,
      service_name: s.name,
      service_name_en: s.nameEn,
      lead_department: s.leadDepartment,
      applicant_account: c.app.applicant.accountId,
      subject_type: c.app.applicant.subject.type,
      subject_id: c.app.applicant.subject.id,
      subject_name: c.app.applicant.subject.name,
      on_behalf: JSON.stringify(null),
      status: c.concludedAt ? ("concluded" as const) : ("submitted" as const),
      outcome: c.outcome,
      form: JSON.stringify({}),
      prefill: JSON.stringify({}),
      materials: JSON.stringify(
        Object.fromEntries(
          Object.entries(c.app.materials).map(([id, via]) => {
            const m = s.materials.find((x) => x.id === id);
            return [
              id,
              via === "exchange"
                ? {
                    via,
                    resource: m?.obtainedVia?.resource ?? "",
                    department: s.leadDepartment,
                    ledgerSeq: 0,
                  }
                : {
                    via,
                    uploadId: randomUUID(),
                    filename: `${id}.pdf`,
                    sha256: "0".repeat(64),
                    size: 102_400,
                  },
            ];
          }),
        ),
      ),
      consents: JSON.stringify([]),
      promised_days: s.promisedDays,
      accepted_on: chinaDate(c.app.submittedAt),
      due_on: known(() =>
        calendar.dueDate({ acceptedOn: chinaDate(c.app.submittedAt), limitDays: s.promisedDays }),
      ),
      created_at: new Date(c.app.submittedAt.getTime() - 20 * 60_000),
      updated_at: c.concludedAt ?? c.app.submittedAt,
      submitted_at: c.app.submittedAt,
      concluded_at: c.concludedAt,
    };
  });
  const tasks = computed.flatMap((c) =>
    c.tasks.map((t) => {
      const steps = t.item.steps.map((s) => ({
        kind: s.kind,
        department: s.department ?? t.item.department,
      }));
      const done = t.concludedOn !== null;
      return {
        id: t.id,
        application_id: c.id,
        item_code: t.item.code,
        item_name: t.item.name,
        item_name_en: t.item.nameEn,
        department: t.item.department,
        steps: JSON.stringify(steps),
        step_index: done ? steps.length - 1 : 0,
        current_department: done
          ? (steps.at(-1)?.department ?? t.item.department)
          : (steps[0]?.department ?? t.item.department),
        status: done
          ? t.outcome === "rejected"
            ? ("rejected" as const)
            : ("approved" as const)
          : ("active" as const),
        after_codes: JSON.stringify([]),
        limit_days: t.item.promisedDays,
        statutory_days: t.item.statutoryDays,
        accepted_on: t.acceptedOn,
        due_on: t.dueOn,
        pauses: JSON.stringify(t.pauses ?? []),
        decision_reason: t.outcome === "rejected" && done ? "申请人不符合受理条件" : null,
        decision_basis: t.outcome === "rejected" && done ? (t.item.legalBasis[0]?.law ?? null) : null,
        started_at: at(t.acceptedOn, 9, 30),
        concluded_at: done ? at(t.concludedOn as string, 15, 0) : null,
        concluded_working_days: done ? t.workingDays : null,
        updated_at: done ? at(t.concludedOn as string, 15, 0) : at(t.acceptedOn, 9, 30),
      };
    }),
  );
  const events = computed.flatMap((c) => [
    {
      application_id: c.id,
      task_id: null,
      at: c.app.submittedAt,
      actor_account: c.app.applicant.accountId,
      action: "submit",
      step: null,
      department: null,
      comment: null,
    },
    ...c.tasks
      .filter((t) => t.concludedOn !== null)
      .map((t) => ({
        application_id: c.id,
        task_id: t.id,
        at: at(t.concludedOn as string, 15, 0),
        actor_account: t.officer?.accountId ?? null,
        action: t.outcome === "rejected" ? "reject" : "approve",
        step: "conclude",
        department: t.item.department,
        comment: null,
      })),
    ...(c.concludedAt
      ? [
          {
            application_id: c.id,
            task_id: null,
            at: c.concludedAt,
            actor_account: null,
            action: "conclude",
            step: null,
            department: null,
            comment: c.outcome,
          },
        ]
      : []),
  ]);
  const ratings: Record<string, unknown>[] = [];
  const rectifications: Record<string, unknown>[] = [];
  for (const c of computed) {
    const r = c.app.rating;
    if (!r || !c.concludedAt) {
      continue;
    }
    const ratedAt = new Date(
      c.concludedAt.getTime() + Math.min(r.afterDays, RATING_WINDOW_DAYS) * 86_400_000 + 3_600_000,
    );
    if (ratedAt > now) {
      continue;
    }
    const id = randomUUID();
    const names = [
      ...c.app.applicant.names,
      c.app.applicant.subject.name,
      ...c.tasks.map((t) => t.officer?.name ?? ""),
    ];
    const comment = r.comment?.trim() || null;
    ratings.push({
      id,
      application_id: c.id,
      rater_account: c.app.applicant.accountId,
      score: r.score,
      comment,
      public_comment: anonymiseComment(comment, names),
      department: c.app.service.leadDepartment,
      service_code: c.app.service.code,
      service_name: c.app.service.name,
      service_name_en: c.app.service.nameEn,
      rated_at: ratedAt,
    });
    if (r.score > BAD_RATING_MAX) {
      continue;
    }
    const openedOn = chinaDate(ratedAt);
    const dueOn = known(() =>
      calendar.dueDate({ acceptedOn: openedOn, limitDays: RECTIFICATION_LIMIT_DAYS }),
    );
    const rc = r.rectification ?? { state: "open" as const };
    const repliedOn =
      rc.state === "open"
        ? null
        : known(() => calendar.addWorkingDays(openedOn, Math.max(1, rc.repliedAfter ?? 3)));
    const replied = repliedOn && repliedOn <= today ? at(repliedOn, 10, 0) : null;
    const reviewedOn =
      replied && rc.state === "closed" ? known(() => calendar.addWorkingDays(repliedOn as string, 1)) : null;
    const reviewed = reviewedOn && reviewedOn <= today ? at(reviewedOn, 11, 0) : null;
    const status = reviewed ? "closed" : replied ? "replied" : "open";
    rectifications.push({
      rating_id: id,
      application_id: c.id,
      department: c.app.service.leadDepartment,
      status,
      opened_on: openedOn,
      limit_days: RECTIFICATION_LIMIT_DAYS,
      due_on: dueOn,
      due_unknown_year: dueOn ? null : Number(openedOn.slice(0, 4)),
      reply: replied ? (rc.reply ?? "已电话回访申请人，说明情况并改进服务流程。") : null,
      replied_at: replied,
      replied_by: replied ? (rc.replier ?? null) : null,
      finding: reviewed ? (rc.finding ?? "verified") : null,
      review_note: reviewed ? (rc.reviewNote ?? "整改措施已落实。") : null,
      reviewed_at: reviewed,
      reviewed_by: reviewed ? (rc.reviewer ?? null) : null,
      created_at: ratedAt,
      updated_at: reviewed ?? replied ?? ratedAt,
    });
  }
  // Chunks keep each statement well under PostgreSQL's 65,535 parameters.
  const chunks = <T>(rows: T[], size: number) =>
    Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));
  for (const part of chunks(apps, 1000)) {
    await ctx.db.insertInto("applications").values(part).execute();
  }
  for (const part of chunks(tasks, 1000)) {
    await ctx.db.insertInto("application_tasks").values(part).execute();
  }
  for (const part of chunks(events, 2000)) {
    await ctx.db.insertInto("application_events").values(part).execute();
  }
  for (const part of chunks(ratings, 2000)) {
    await ctx.db
      .insertInto("application_ratings")
      .values(part as never)
      .execute();
  }
  for (const part of chunks(rectifications, 2000)) {
    await ctx.db
      .insertInto("rating_rectifications")
      .values(part as never)
      .execute();
  }
  return { applications: apps.length, ratings: ratings.length, rectifications: rectifications.length };
}

// ---------------------------------------------------------------------------------------------
// The demo's story

const GOOD_COMMENTS = [
  "材料都是系统自动调取的，一次都没跑，点赞！",
  "网上申请很方便，第二天就办好了。",
  "工作人员{officer}电话指导很耐心，谢谢。",
  "全程网办，不用再去开证明了。",
  "比预想的快，流程清楚。",
  "",
  "",
  "一件事一次办，真正省心。",
  "页面提示清楚，老人也能自己办。",
];
const FAIR_COMMENTS = ["总体还行，就是补正说明可以再具体一些。", "等了好几天才有进展。", ""];
const BAD_COMMENTS = [
  "补正通知没讲清楚要什么材料，来回改了三次。我留的电话 137 1234 5678 一直没人回。",
  "超过承诺时限了还没办好，打电话也说不清楚进度。",
  "窗口说线上材料不认，又让我跑了一趟，和宣传的不一样。",
  "审核意见太笼统，{applicant}根本不知道哪里不合格。",
];
const REPLIES = [
  "已电话回访申请人，致歉并说明补正要求；已修订补正告知模板，逐项列明所需材料。",
  "经核查，该件因系统接口故障延误，已修复并对承办人员进行提醒；已向申请人说明情况。",
  "已回访申请人，说明线上材料与原件核验的规定，并优化窗口指引。",
];

export interface DemoStoryInput {
  services: { person: ResolvedService[]; organisation: ResolvedService[] };
  persons: DemoApplicant[];
  organisations: DemoApplicant[];
  /** Officers by department code, who decide tasks and reply to rectifications. */
  officers: Map<string, { accountId: string; name: string }>;
  /** Who reviews rectifications (a leader or a department admin). */
  reviewer: string;
}

/** The demo's past applications, ratings and rectifications over the last DEMO_DAYS days. */
export function demoStory(
  calendar: WorkingCalendar,
  input: DemoStoryInput,
  now = new Date(),
  count = 320,
  days = DEMO_DAYS,
): PastApplication[] {
  const rnd = seededRandom(20261127);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const today = dayNumber(chinaDate(now));
  const out: PastApplication[] = [];
  let guard = 0;
  while (out.length < count && guard++ < count * 4) {
    const day = fromDayNumber(today - days + Math.floor(rnd() * days));
    // A year without a holiday arrangement has no working days to tell: the demo leaves it out.
    if (known(() => (calendar.isWorkingDay(day) ? "yes" : "")) !== "yes") {
      continue;
    }
    const forOrganisation =
      rnd() < 0.22 && input.organisations.length > 0 && input.services.organisation.length > 0;
    const service = pick(forOrganisation ? input.services.organisation : input.services.person);
    const applicant = pick(forOrganisation ? input.organisations : input.persons);
    if (!service || !applicant) {
      continue;
    }
    const late = rnd() < 0.07;
    let accepted = day;
    const tasks: PastTask[] = service.items.map(({ item, after }) => {
      const limit = item.promisedDays;
      const paused = rnd() < 0.06 && limit > 0;
      const workingDays = late ? limit + 1 + Math.floor(rnd() * 3) : Math.floor(rnd() * (limit + 1));
      const acceptedOn = after.length > 0 ? accepted : day;
      const pauseFrom = paused ? known(() => calendar.addWorkingDays(acceptedOn, 1)) : null;
      const task: PastTask = {
        item,
        acceptedOn,
        workingDays,
        ...(pauseFrom ? { pauses: [{ from: pauseFrom, to: fromDayNumber(dayNumber(pauseFrom) + 3) }] } : {}),
        outcome: service.kind === "item" && rnd() < 0.05 ? "rejected" : "approved",
        officer: input.officers.get(item.department),
      };
      if (after.length === 0) {
        accepted =
          known(() => calendar.dueDate({ acceptedOn, limitDays: workingDays, pauses: task.pauses ?? [] })) ??
          acceptedOn;
      }
      return task;
    });
    const materials: Record<string, "exchange" | "upload"> = {};
    for (const m of service.materials.filter((x) => x.required)) {
      materials[m.id] = m.obtainedVia && rnd() < 0.93 ? "exchange" : "upload";
    }
    const minute = Math.floor(rnd() * 540);
    const submittedAt = at(day, 8 + Math.floor(minute / 60), minute % 60);
    const rated = rnd() < 0.72;
    const r = rnd();
    const score = late
      ? r < 0.35
        ? 1
        : r < 0.7
          ? 2
          : 3
      : r < 0.7
        ? 5
        : r < 0.88
          ? 4
          : r < 0.95
            ? 3
            : r < 0.985
              ? 2
              : 1;
    const officer = tasks.find((t) => t.officer)?.officer?.name ?? "";
    const comment = (
      score >= 4 ? pick(GOOD_COMMENTS) : score === 3 ? pick(FAIR_COMMENTS) : pick(BAD_COMMENTS)
    )
      .replace("{officer}", officer || "小王")
      .replace("{applicant}", applicant.subject.name);
    const states = ["closed", "closed", "replied", "open"] as const;
    const state = pick(states);
    out.push({
      service,
      applicant,
      submittedAt,
      tasks,
      materials,
      ...(rated
        ? {
            rating: {
              score,
              comment,
              afterDays: Math.floor(rnd() * 4),
              ...(score <= BAD_RATING_MAX
                ? {
                    rectification: {
                      state,
                      reply: pick(REPLIES),
                      replier: input.officers.get(service.leadDepartment)?.accountId,
                      finding: rnd() < 0.8 ? ("verified" as const) : ("not-verified" as const),
                      reviewNote: "已核实，整改措施落实到位。",
                      reviewer: input.reviewer,
                      repliedAfter: 2 + Math.floor(rnd() * 8),
                    },
                  }
                : {}),
            },
          }
        : {}),
    });
  }
  return out;
}

export interface DemoHistoryInput {
  persons: DemoApplicant[];
  organisations: DemoApplicant[];
  officers: Map<string, { accountId: string; name: string }>;
  reviewer: string;
}

/**
 * Seeds the demo's past (called by the demo seed after the catalogue, inside its transaction): one
 * ledger entry says what was inserted.
 */
export async function seedDemoHistory(
  ctx: ServiceContext,
  caller: Caller,
  input: DemoHistoryInput,
): Promise<{ applications: number; ratings: number; rectifications: number }> {
  const calendar = await calendarFor(ctx);
  const services = await allServices(ctx);
  const story = demoStory(calendar, {
    ...input,
    services: {
      person: services.filter((s) => s.audience === "person"),
      organisation: services.filter((s) => s.audience === "organisation"),
    },
  });
  const inserted = await insertHistory(ctx, calendar, story);
  await ctx.ledger.record(ctx.db, {
    action: "applications.demo.seed",
    actor: caller.actor,
    resource: "applications",
    outcome: "success",
    requestId: caller.requestId,
    details: { ...inserted, days: DEMO_DAYS },
  });
  return inserted;
}
