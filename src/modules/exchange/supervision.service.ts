import { sql } from "kysely";
import { CalendarYearUnknownError, calendarFor } from "../../platform/calendar/index.js";
import type { Caller, ServiceContext } from "../../platform/context.js";
import { inTransaction } from "../../platform/db/tx.js";
import { conflict, notFound, validationError } from "../../platform/errors.js";
import { accounts } from "../identity/index.js";
import { chinaDay } from "../policy/index.js";
import type { AlertKind } from "./exchange.tables.js";

export type UsageDimension = "department" | "resource" | "purpose" | "day" | "outcome";

const dimensionColumn: Record<UsageDimension, string> = {
  department: "consumer_code",
  resource: "resource_id",
  purpose: "purpose",
  day: "(at at time zone 'Asia/Shanghai')::date::text",
  outcome: "outcome",
};

function period(from?: string, to?: string): { from: Date; to: Date } {
  const end = to ? new Date(to) : new Date();
  const start = from ? new Date(from) : new Date(end.getTime() - 30 * 86_400_000);
  if (Number.isNaN(start.getTime())) {
    throw validationError("querystring.from", "Give a date or date-time");
  }
  if (Number.isNaN(end.getTime())) {
    throw validationError("querystring.to", "Give a date or date-time");
  }
  if (end < start) {
    throw validationError("querystring.to", "The period ends before it starts");
  }
  return { from: start, to: end };
}

/** Gateway usage in a period, grouped by one dimension: calls, outcomes and distinct subjects. */
export async function usage(
  ctx: ServiceContext,
  q: { by: UsageDimension; from?: string | undefined; to?: string | undefined },
) {
  const { from, to } = period(q.from, q.to);
  const key = sql.raw(dimensionColumn[q.by]);
  const rows = await sql<{
    key: string | null;
    calls: number;
    success: number;
    denied: number;
    failure: number;
    subjects: number;
  }>`
    select ${key} as key, count(*)::int as calls,
      count(*) filter (where outcome = 'success')::int as success,
      count(*) filter (where outcome = 'denied')::int as denied,
      count(*) filter (where outcome = 'failure')::int as failure,
      count(distinct subject_id)::int as subjects
    from exchange_calls
    where at >= ${from} and at < ${to}
    group by 1 order by calls desc limit 200`.execute(ctx.db);
  return { by: q.by, from: from.toISOString(), to: to.toISOString(), rows: rows.rows };
}

/** Refused and failed calls, newest first, with the error each got, and how many there are in all. */
export async function refusals(ctx: ServiceContext, q: { limit: number; offset: number }) {
  const refused = ctx.db.selectFrom("exchange_calls").where("outcome", "<>", "success");
  const rows = await refused
    .select([
      "id",
      "at",
      "resource_id",
      "consumer_code",
      "account_id",
      "purpose",
      "outcome",
      "error_code",
      "ledger_seq",
      "request_id",
    ])
    .orderBy("id", "desc")
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  const { total } = await refused.select(sql<number>`count(*)::int`.as("total")).executeTakeFirstOrThrow();
  return { rows, total };
}

export interface ScanSettings {
  /** An account's persons a day above this multiple of its usual rate raises an alert… */
  volumeFactor: number;
  /** …when they are at least this many. */
  volumeMinimum: number;
  /** Persons read without an application or request behind them that raise an alert. */
  unreferencedMinimum: number;
}

export const DEFAULT_SCAN: ScanSettings = { volumeFactor: 3, volumeMinimum: 20, unreferencedMinimum: 10 };

/**
 * Working hours for the off-hours alert: 08:00–20:00 China time on working days. Whether the day is
 * a working day comes from the working-day calendar (public holidays, make-up working days 调休);
 * for a year the calendar has no data for, Monday to Friday.
 */
async function offHoursFilter(ctx: ServiceContext, day: string) {
  let working: boolean;
  try {
    working = (await calendarFor(ctx)).isWorkingDay(day);
  } catch (error) {
    if (!(error instanceof CalendarYearUnknownError)) {
      throw error;
    }
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    working = weekday !== 0 && weekday !== 6;
  }
  if (!working) {
    return sql`true`;
  }
  return sql`(extract(hour from at at time zone 'Asia/Shanghai') < 8
    or extract(hour from at at time zone 'Asia/Shanghai') >= 20)`;
}

/**
 * Looks at one day's successful reads of persons' data by staff accounts and raises alerts: many
 * more persons than the account's usual rate, reads outside working hours, and many persons read
 * with no application or request reference. Idempotent per account, kind and day.
 */
export async function scanAlerts(
  ctx: ServiceContext,
  caller: Caller,
  day = chinaDay(new Date()),
  settings: ScanSettings = DEFAULT_SCAN,
): Promise<number> {
  const dayStart = new Date(`${day}T00:00:00+08:00`);
  const dayEnd = new Date(dayStart.getTime() + 86_400_000);
  const historyStart = new Date(dayStart.getTime() - 28 * 86_400_000);
  const found: { kind: AlertKind; account: string; detail: Record<string, unknown>; seqs: number[] }[] = [];

  const today = await sql<{ account_id: string; persons: number; seqs: number[] }>`
    select account_id, count(distinct subject_id)::int as persons,
      (array_agg(ledger_seq order by id))[1:50] as seqs
    from exchange_calls
    where outcome = 'success' and subject_type = 'person' and account_id is not null
      and at >= ${dayStart} and at < ${dayEnd}
    group by account_id`.execute(ctx.db);
  for (const row of today.rows) {
    const history = await sql<{ avg: number | null; days: number }>`
      select avg(n)::float as avg, count(*)::int as days from (
        select (at at time zone 'Asia/Shanghai')::date as d, count(distinct subject_id) as n
        from exchange_calls
        where account_id = ${row.account_id} and outcome = 'success' and subject_type = 'person'
          and at >= ${historyStart} and at < ${dayStart}
        group by 1) t`.execute(ctx.db);
    const usual = history.rows[0]?.avg ?? 0;
    if (row.persons >= settings.volumeMinimum && row.persons > settings.volumeFactor * usual) {
      found.push({
        kind: "volume",
        account: row.account_id,
        detail: {
          persons: row.persons,
          usualPerDay: Math.round(usual * 10) / 10,
          historyDays: history.rows[0]?.days ?? 0,
        },
        seqs: row.seqs.map(Number),
      });
    }
  }
  const offHours = await sql<{ account_id: string; calls: number; seqs: number[] }>`
    select account_id, count(*)::int as calls, (array_agg(ledger_seq order by id))[1:50] as seqs
    from exchange_calls
    where outcome = 'success' and subject_type = 'person' and account_id is not null
      and at >= ${dayStart} and at < ${dayEnd} and ${await offHoursFilter(ctx, day)}
    group by account_id`.execute(ctx.db);
  for (const row of offHours.rows) {
    found.push({
      kind: "off-hours",
      account: row.account_id,
      detail: { calls: row.calls },
      seqs: row.seqs.map(Number),
    });
  }
  const unreferenced = await sql<{ account_id: string; persons: number; seqs: number[] }>`
    select account_id, count(distinct subject_id)::int as persons, (array_agg(ledger_seq order by id))[1:50] as seqs
    from exchange_calls
    where outcome = 'success' and subject_type = 'person' and account_id is not null and reference is null
      and at >= ${dayStart} and at < ${dayEnd}
    group by account_id
    having count(distinct subject_id) >= ${settings.unreferencedMinimum}`.execute(ctx.db);
  for (const row of unreferenced.rows) {
    found.push({
      kind: "no-reference",
      account: row.account_id,
      detail: { persons: row.persons },
      seqs: row.seqs.map(Number),
    });
  }
  // Department systems serve the public around the clock: only staff accounts' hours are watched.
  const systems = new Set<string>();
  for (const id of new Set(found.filter((f) => f.kind === "off-hours").map((f) => f.account))) {
    const account = await accounts.findAccountOrThrow(ctx, id);
    if (account.roles.includes("system")) {
      systems.add(id);
    }
  }
  const alerts = found.filter((f) => !(f.kind === "off-hours" && systems.has(f.account)));
  if (alerts.length === 0) {
    return 0;
  }
  return inTransaction(ctx.db, async (tx) => {
    let raised = 0;
    for (const a of alerts) {
      const row = await tx
        .insertInto("exchange_alerts")
        .values({
          kind: a.kind,
          account_id: a.account,
          day,
          status: "open",
          detail: JSON.stringify(a.detail),
          ledger_seqs: JSON.stringify(a.seqs),
        })
        .onConflict((oc) =>
          oc
            .columns(["kind", "account_id", "day"])
            .doUpdateSet({ detail: JSON.stringify(a.detail), ledger_seqs: JSON.stringify(a.seqs) })
            .where("exchange_alerts.status", "=", "open"),
        )
        .returning(["id", sql<boolean>`(xmax = 0)`.as("inserted")])
        .executeTakeFirst();
      if (row?.inserted) {
        raised++;
        await ctx.ledger.record(tx, {
          action: "exchange.alert.raise",
          actor: caller.actor,
          resource: `exchange/alerts/${row.id}`,
          outcome: "success",
          requestId: caller.requestId,
          details: { kind: a.kind, day, ...(a.detail as Record<string, number>) },
        });
      }
    }
    return raised;
  });
}

/** Alerts, newest first. */
export async function listAlerts(ctx: ServiceContext, q: { status?: "open" | "reviewed" | undefined }) {
  let query = ctx.db.selectFrom("exchange_alerts").selectAll().orderBy("created_at", "desc").limit(200);
  if (q.status) {
    query = query.where("status", "=", q.status);
  }
  return query.execute();
}

/** An auditor closes an alert with a finding; the review is recorded in the ledger. */
export async function reviewAlert(ctx: ServiceContext, caller: Caller, id: string, finding: string) {
  await inTransaction(ctx.db, async (tx) => {
    const alert = await tx
      .selectFrom("exchange_alerts")
      .select(["status", "kind"])
      .where("id", "=", id)
      .executeTakeFirst();
    if (!alert) {
      throw notFound("Alert");
    }
    if (alert.status !== "open") {
      throw conflict("This alert was already reviewed");
    }
    await tx
      .updateTable("exchange_alerts")
      .set({ status: "reviewed", finding, reviewed_by: caller.actor.accountId, reviewed_at: new Date() })
      .where("id", "=", id)
      .execute();
    await ctx.ledger.record(tx, {
      action: "exchange.alert.review",
      actor: caller.actor,
      resource: `exchange/alerts/${id}`,
      outcome: "success",
      requestId: caller.requestId,
      details: { kind: alert.kind, finding },
    });
  });
}
