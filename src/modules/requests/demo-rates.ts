import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { calendarFor, chinaDate } from "../../platform/calendar/index.js";
import type { Caller, ServiceContext } from "../../platform/context.js";
import { inTransaction } from "../../platform/db/tx.js";
import { seededRandom } from "../../platform/seeded-random.js";
import { categoryTree } from "./categories.service.js";
import { deadlinesFrom } from "./deadlines.js";

/**
 * Past requests for the three rates: the demo's last months of handled requests (some departments
 * slow to contact, some with unresolved or unsatisfied return visits), and the hand-built cases of
 * the tests. Rows are inserted directly, a batch per table, with the history events the rates read
 * (the service functions work on "now" and would take minutes for hundreds of requests); the seed
 * records one ledger entry saying what it inserted.
 */

/** One past request, as it went. Times are instants; absent means it did not happen. */
export interface PastRequest {
  category: string;
  department: string;
  dispatchedAt: Date;
  contactAt?: Date | undefined;
  repliedAt?: Date | undefined;
  visit?: { at: Date; resolved: boolean; satisfied: boolean } | undefined;
  /** First sent to this department, which returned it as misrouted (an hour after dispatch). */
  returnedBy?: string | undefined;
  /** Index (in the same list) of the request this one duplicates. */
  duplicateOf?: number | undefined;
  anonymous?: boolean | undefined;
  description?: string | undefined;
}

const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/** Inserts past requests with their assignments, history events and return visits; returns their ids. */
export async function insertPastRequests(
  ctx: ServiceContext,
  past: readonly PastRequest[],
): Promise<string[]> {
  const [tree, calendar] = await Promise.all([categoryTree(ctx), calendarFor(ctx)]);
  return inTransaction(ctx.db, async (tx) => {
    const ids: string[] = [];
    const requestRows = past.map((p, i) => {
      const category = tree.byCode.get(p.category);
      if (!category) {
        throw new Error(`past request ${i}: no category ${p.category}`);
      }
      const due = deadlinesFrom(calendar, p.dispatchedAt, category);
      const created = new Date(p.dispatchedAt.getTime() - (p.returnedBy ? 3 : 1) * 600_000);
      const resolved = p.visit?.resolved;
      const status = p.visit
        ? resolved
          ? "closed"
          : "in_progress"
        : p.repliedAt
          ? "replied"
          : p.contactAt
            ? "in_progress"
            : "dispatched";
      const last = p.visit?.at ?? p.repliedAt ?? p.contactAt ?? p.dispatchedAt;
      return {
        number: sql<string>`${`YM${chinaDate(created).replaceAll("-", "")}`} || lpad(nextval('request_number_seq')::text, 6, '0')`,
        token: randomBytes(12).toString("base64url"),
        channel: "hotline" as const,
        status: status as "closed" | "in_progress" | "replied" | "dispatched",
        title: null,
        description: p.description ?? `${category.path.join("·")}：来电反映的问题（演示历史数据 ${i + 1}）`,
        category_code: category.code,
        department_code: p.department,
        proposed_category_code: category.code,
        proposed_department_code: category.department || null,
        proposed_confidence: 0.8,
        proposed_by: "keywords",
        requester_account_id: null,
        entered_by: null,
        anonymous: p.anonymous ?? false,
        contact_name: null,
        contact_phone: null,
        contact_email: null,
        lat: null,
        lng: null,
        address: null,
        media_url: null,
        open311_key_id: null,
        duplicate_of: null,
        reopened_count: p.visit && !resolved ? 1 : 0,
        reply: p.repliedAt ? "已按规定办理并答复来电人。" : null,
        reply_by: null,
        created_at: created,
        updated_at: last,
        dispatched_at: p.dispatchedAt,
        accepted_at: p.contactAt ?? p.repliedAt ?? null,
        first_contact_at: p.contactAt ?? p.repliedAt ?? null,
        replied_at: p.repliedAt ?? null,
        closed_at: p.visit && resolved ? p.visit.at : null,
        contact_due_at: due.contactDueAt,
        resolve_due: due.resolveDue,
        resolve_due_estimated: due.estimated,
        resolved: p.visit ? p.visit.resolved : null,
        satisfied: p.visit ? p.visit.satisfied : null,
        return_visit_at: p.visit?.at ?? null,
        // Placeholders for the rates, with no text of their own: not for the public view.
        public_view: false,
      };
    });
    for (const batch of chunks(requestRows, 200)) {
      const inserted = await tx.insertInto("requests").values(batch).returning("id").execute();
      ids.push(...inserted.map((r) => r.id));
    }
    const duplicates = past.flatMap((p, i) =>
      p.duplicateOf === undefined ? [] : [{ id: ids[i] as string, of: ids[p.duplicateOf] as string }],
    );
    for (const d of duplicates) {
      await tx.updateTable("requests").set({ duplicate_of: d.of }).where("id", "=", d.id).execute();
    }
    if (duplicates.length > 0) {
      await tx
        .insertInto("request_links")
        .values(
          duplicates.map((d) => ({
            request_id: d.id,
            related_id: d.of,
            kind: "duplicate",
            reason: "similar_text",
            score: 0.9,
          })),
        )
        .execute();
    }

    type Assignment = {
      request_id: string;
      department_code: string;
      role: "lead";
      status: "returned" | "accepted" | "done" | "dispatched";
      assigned_at: Date;
      accepted_at: Date | null;
      done_at: Date | null;
    };
    type Event = {
      request_id: string;
      at: Date;
      kind: string;
      department_code: string | null;
      public: boolean;
      details: string;
    };
    const assignments: Assignment[] = [];
    const events: Event[] = [];
    const visits: {
      request_id: string;
      at: Date;
      channel: "phone";
      resolved: boolean;
      satisfied: boolean;
      reopened: boolean;
    }[] = [];
    past.forEach((p, i) => {
      const id = ids[i] as string;
      const row = requestRows[i] as (typeof requestRows)[number];
      const event = (
        kind: string,
        at: Date,
        department: string | null,
        details: Record<string, unknown> = {},
      ) =>
        events.push({
          request_id: id,
          at,
          kind,
          department_code: department,
          public: true,
          details: JSON.stringify(details),
        });
      event("submitted", row.created_at, null, { channel: "hotline" });
      if (p.returnedBy) {
        const first = new Date(row.created_at.getTime() + 60_000);
        assignments.push({
          request_id: id,
          department_code: p.returnedBy,
          role: "lead",
          status: "returned",
          assigned_at: first,
          accepted_at: null,
          done_at: null,
        });
        event("dispatched", first, p.returnedBy, { category: p.category });
        event("returned", new Date(first.getTime() + 60_000), p.returnedBy);
      }
      const accepted = p.contactAt ?? p.repliedAt ?? null;
      assignments.push({
        request_id: id,
        department_code: p.department,
        role: "lead",
        status: row.status === "closed" ? "done" : accepted ? "accepted" : "dispatched",
        assigned_at: p.dispatchedAt,
        accepted_at: accepted,
        done_at: row.closed_at,
      });
      event("dispatched", p.dispatchedAt, p.department, { category: p.category });
      if (p.contactAt) {
        event("contacted", p.contactAt, p.department);
      }
      if (p.repliedAt) {
        event("replied", p.repliedAt, p.department);
      }
      if (p.visit) {
        event("return_visit", p.visit.at, null, {
          resolved: p.visit.resolved,
          satisfied: p.visit.satisfied,
          channel: "phone",
        });
        visits.push({
          request_id: id,
          at: p.visit.at,
          channel: "phone",
          resolved: p.visit.resolved,
          satisfied: p.visit.satisfied,
          reopened: !p.visit.resolved,
        });
        event(p.visit.resolved ? "closed" : "reopened", p.visit.at, p.department);
      }
    });
    for (const batch of chunks(assignments, 300)) {
      await tx.insertInto("request_assignments").values(batch).execute();
    }
    for (const batch of chunks(events, 300)) {
      await tx.insertInto("request_events").values(batch).execute();
    }
    for (const batch of chunks(visits, 300)) {
      await tx.insertInto("request_return_visits").values(batch).execute();
    }
    return ids;
  });
}

/** How a demo department handles its requests: shares of the requests, drifting month by month. */
interface Profile {
  department: string;
  categories: string[];
  /** Requests a month. */
  volume: number;
  /** Contacted within the deadline. */
  onTime: number;
  /** Return visit: resolved. */
  resolved: number;
  /** Return visit: satisfied when resolved (when not, one in six still is). */
  satisfied: number;
  /** Added to `resolved` per month, oldest month first (a department improving or slipping). */
  drift?: number;
}

const PROFILES: Profile[] = [
  {
    department: "HZ-SCJG",
    categories: ["commerce-food", "commerce-consumer", "commerce-prices"],
    volume: 9,
    onTime: 0.96,
    resolved: 0.92,
    satisfied: 0.93,
  },
  {
    department: "HZ-RS",
    categories: ["labour-wages", "labour-insurance"],
    volume: 8,
    onTime: 0.97,
    resolved: 0.8,
    satisfied: 0.9,
  },
  {
    department: "HZ-CG",
    categories: ["construction-cityscape", "construction-utilities", "environment-greening"],
    volume: 9,
    onTime: 0.68,
    resolved: 0.87,
    satisfied: 0.88,
  },
  {
    department: "HZ-FG",
    categories: ["construction-property", "construction-housing"],
    volume: 7,
    onTime: 0.9,
    resolved: 0.5,
    satisfied: 0.78,
    drift: 0.06,
  },
  {
    department: "HZ-GA-JJ",
    categories: ["transport-traffic"],
    volume: 6,
    onTime: 0.84,
    resolved: 0.75,
    satisfied: 0.82,
  },
  {
    department: "HZ-ST",
    categories: ["environment-noise", "environment-air"],
    volume: 6,
    onTime: 0.9,
    resolved: 0.8,
    satisfied: 0.8,
    drift: -0.05,
  },
  {
    department: "HZ-JT",
    categories: ["transport-transit", "transport-taxi"],
    volume: 5,
    onTime: 0.93,
    resolved: 0.82,
    satisfied: 0.9,
  },
  {
    department: "HZ-JY",
    categories: ["education-enrolment", "education-schools"],
    volume: 4,
    onTime: 0.99,
    resolved: 0.9,
    satisfied: 0.92,
  },
  {
    department: "HZ-WJ",
    categories: ["health-medical"],
    volume: 4,
    onTime: 0.95,
    resolved: 0.86,
    satisfied: 0.9,
  },
  {
    department: "XH-SCJG",
    categories: ["commerce-food"],
    volume: 4,
    onTime: 0.78,
    resolved: 0.9,
    satisfied: 0.9,
  },
  {
    department: "SC-SCJG",
    categories: ["commerce-consumer"],
    volume: 3,
    onTime: 0.9,
    resolved: 0.78,
    satisfied: 0.76,
  },
  {
    department: "XH-BS",
    categories: ["construction-cityscape"],
    volume: 3,
    onTime: 0.82,
    resolved: 0.95,
    satisfied: 0.96,
  },
  {
    department: "SC-HB",
    categories: ["construction-property"],
    volume: 3,
    onTime: 0.74,
    resolved: 0.88,
    satisfied: 0.9,
  },
];

/** Months of history before the current one. */
export const DEMO_RATE_MONTHS = 6;

/** The demo's past requests over the last DEMO_RATE_MONTHS months and the current one, up to `now`. */
export function demoPastRequests(now: Date, contactHours: (category: string) => number): PastRequest[] {
  const rnd = seededRandom(12345);
  const hour = 3_600_000;
  const past: PastRequest[] = [];
  for (let m = DEMO_RATE_MONTHS; m >= 0; m--) {
    const monthStart = new Date(now.getTime() - (m * 30 + 30) * 24 * hour);
    for (const profile of PROFILES) {
      const monthIndex = DEMO_RATE_MONTHS - m;
      const resolvedShare = Math.min(
        0.98,
        Math.max(0.2, profile.resolved + (profile.drift ?? 0) * monthIndex),
      );
      const volume = profile.volume + Math.floor(rnd() * 3) - 1;
      for (let k = 0; k < volume; k++) {
        const dispatchedAt = new Date(monthStart.getTime() + Math.floor(rnd() * 30 * 24) * hour + 9 * hour);
        if (dispatchedAt.getTime() > now.getTime() - 2 * 24 * hour) {
          continue;
        }
        const category = profile.categories[Math.floor(rnd() * profile.categories.length)] as string;
        const limit = contactHours(category) * hour;
        const roll = rnd();
        const contactAt =
          roll < profile.onTime
            ? new Date(dispatchedAt.getTime() + (0.1 + rnd() * 0.8) * limit)
            : roll < 0.97
              ? new Date(dispatchedAt.getTime() + (1.2 + rnd() * 2) * limit)
              : undefined;
        const ageDays = (now.getTime() - dispatchedAt.getTime()) / (24 * hour);
        const repliedAt =
          contactAt && ageDays > 4 && rnd() < 0.93
            ? new Date(contactAt.getTime() + (24 + rnd() * 24 * 8) * hour)
            : undefined;
        let visit: PastRequest["visit"];
        const anonymous = rnd() < 0.08;
        if (repliedAt && !anonymous && rnd() < (ageDays > 14 ? 0.9 : 0.5)) {
          const at = new Date(repliedAt.getTime() + (6 + rnd() * 48) * hour);
          if (at.getTime() < now.getTime()) {
            const resolved = rnd() < resolvedShare;
            visit = { at, resolved, satisfied: rnd() < (resolved ? profile.satisfied : 1 / 6) };
          }
        }
        past.push({
          category,
          department: profile.department,
          dispatchedAt,
          contactAt: contactAt && contactAt.getTime() < now.getTime() ? contactAt : undefined,
          repliedAt: repliedAt && repliedAt.getTime() < now.getTime() ? repliedAt : undefined,
          visit,
          anonymous,
          // One in thirty was first sent to the wrong department and returned.
          returnedBy: rnd() < 1 / 30 ? "HZ-JW" : undefined,
        });
        // Now and then the same matter is reported again and linked as a duplicate (not counted).
        if (rnd() < 0.04) {
          past.push({
            category,
            department: profile.department,
            dispatchedAt: new Date(dispatchedAt.getTime() + 2 * hour),
            duplicateOf: past.length - 1,
          });
        }
      }
    }
  }
  return past;
}

/** Seeds the demo's past requests and records one ledger entry saying so; returns how many. */
export async function seedDemoRequestHistory(ctx: ServiceContext, caller: Caller): Promise<number> {
  const tree = await categoryTree(ctx);
  const past = demoPastRequests(new Date(), (code) => tree.byCode.get(code)?.contactHours ?? 24);
  await insertPastRequests(ctx, past);
  await ctx.ledger.record(ctx.db, {
    action: "requests.demo.seed",
    actor: caller.actor,
    resource: "requests",
    outcome: "success",
    requestId: caller.requestId,
    details: { requests: past.length, months: DEMO_RATE_MONTHS },
  });
  return past.length;
}
