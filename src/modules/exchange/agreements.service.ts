import type { Selectable } from "kysely";
import type { Caller, ServiceContext } from "../../platform/context.js";
import type { DB } from "../../platform/db/schema.js";
import { inTransaction } from "../../platform/db/tx.js";
import { conflict, DomainError, forbidden, notFound, validationError } from "../../platform/errors.js";
import { directory } from "../identity/index.js";
import { chinaDay } from "../policy/index.js";
import { getResource } from "./catalogue.service.js";

export type AgreementRow = Selectable<DB["exchange_agreements"]>;
/** What a consumer sees: the stored status, with 已过期 derived from the period. */
export type EffectiveStatus = AgreementRow["status"] | "expired";

export function effectiveStatus(
  a: Pick<AgreementRow, "status" | "valid_until">,
  today = chinaDay(new Date()),
): EffectiveStatus {
  return a.status === "approved" && a.valid_until < today ? "expired" : a.status;
}

const isoDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s));

export interface ApplyInput {
  resource: string;
  consumer?: string | undefined;
  fields: string[];
  purpose: string;
  legalBasis: string;
  validFrom: string;
  validUntil: string;
  expectedDailyVolume: number;
}

async function callerDepartments(ctx: ServiceContext, caller: Caller): Promise<string[]> {
  return directory.departmentCodes(ctx, caller.actor.departmentIds);
}

/**
 * A consuming department applies to use a resource. A resource shared without conditions is granted
 * on application; 不予共享 resources cannot be applied for.
 */
export async function apply(ctx: ServiceContext, caller: Caller, input: ApplyInput): Promise<AgreementRow> {
  const mine = await callerDepartments(ctx, caller);
  const consumer = input.consumer ?? mine[0];
  if (!caller.actor.roles.includes("dept_admin") || !consumer || !mine.includes(consumer)) {
    throw forbidden("Only an admin of the consuming department applies for data");
  }
  const resource = await getResource(ctx, input.resource, "body.resource");
  if (resource.owner === consumer) {
    throw validationError("body.resource", "A department uses its own resources without an agreement");
  }
  if (resource.sharingClass === "none") {
    throw new DomainError(
      "FORBIDDEN",
      `${resource.name} is classed 不予共享 and cannot be shared: ${resource.conditions}`,
      "body.resource",
    );
  }
  const known = new Set(resource.fields.map((f) => f.name));
  input.fields.forEach((name, i) => {
    if (!known.has(name)) {
      throw validationError(`body.fields[${i}]`, `${resource.name} has no field ${name}`);
    }
  });
  if (new Set(input.fields).size !== input.fields.length) {
    throw validationError("body.fields", "A field is listed twice");
  }
  for (const key of ["validFrom", "validUntil"] as const) {
    if (!isoDate(input[key])) {
      throw validationError(`body.${key}`, "Give a date as YYYY-MM-DD");
    }
  }
  if (input.validUntil < input.validFrom) {
    throw validationError("body.validUntil", "The period ends before it starts");
  }
  const automatic = resource.sharingClass === "unconditional";
  const id = await inTransaction(ctx.db, async (tx) => {
    const row = await tx
      .insertInto("exchange_agreements")
      .values({
        resource_id: resource.id,
        consumer_code: consumer,
        requested_fields: JSON.stringify(input.fields),
        fields: JSON.stringify(automatic ? input.fields : []),
        clearance: 2,
        purpose: input.purpose,
        legal_basis: input.legalBasis,
        valid_from: input.validFrom,
        valid_until: input.validUntil,
        expected_daily_volume: input.expectedDailyVolume,
        daily_quota: input.expectedDailyVolume,
        rate_per_minute: defaultRate(input.expectedDailyVolume),
        requires_consent: false,
        status: automatic ? "approved" : "applied",
        applied_by: caller.actor.accountId,
        reviewed_at: automatic ? new Date() : null,
        review_reason: automatic
          ? "无条件共享：申请即授权 (shared without conditions: granted on application)"
          : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await ctx.ledger.record(tx, {
      action: automatic ? "exchange.agreement.granted" : "exchange.agreement.apply",
      actor: caller.actor,
      resource: `exchange/agreements/${row.id}`,
      purpose: input.purpose,
      legalBasis: input.legalBasis,
      outcome: "success",
      requestId: caller.requestId,
      details: { resource: resource.id, consumer, fields: input.fields, validUntil: input.validUntil },
    });
    return row.id;
  });
  agreementsChanged(ctx);
  return findOrThrow(ctx, id);
}

/** Calls a minute: the day's expected volume spread over eight working hours, at least one a second. */
function defaultRate(daily: number): number {
  return Math.max(60, Math.ceil((daily / 480) * 3));
}

export async function findOrThrow(ctx: ServiceContext, id: string): Promise<AgreementRow> {
  const row = await ctx.db
    .selectFrom("exchange_agreements")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) {
    throw notFound("Sharing agreement");
  }
  return row;
}

async function asOwnerAdmin(ctx: ServiceContext, caller: Caller, agreement: AgreementRow) {
  const resource = await getResource(ctx, agreement.resource_id);
  const mine = await callerDepartments(ctx, caller);
  if (!caller.actor.roles.includes("dept_admin") || !mine.includes(resource.owner)) {
    throw forbidden("Only an admin of the department that owns the resource decides on its use");
  }
  return resource;
}

export interface ReviewInput {
  decision: "approve" | "refuse";
  reason: string;
  /** Narrowing: a subset of the fields applied for. */
  fields?: string[] | undefined;
  validUntil?: string | undefined;
  clearance?: number | undefined;
  dailyQuota?: number | undefined;
  ratePerMinute?: number | undefined;
  requiresConsent?: boolean | undefined;
}

/** The owning department approves (possibly narrowing fields, period and quota) or refuses with reasons. */
export async function review(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  input: ReviewInput,
): Promise<AgreementRow> {
  const agreement = await findOrThrow(ctx, id);
  const resource = await asOwnerAdmin(ctx, caller, agreement);
  if (agreement.status !== "applied") {
    throw conflict(`This application was already ${agreement.status}`);
  }
  const requested = agreement.requested_fields;
  const fields = input.fields ?? requested;
  fields.forEach((name, i) => {
    if (!requested.includes(name)) {
      throw validationError(`body.fields[${i}]`, `${name} was not applied for; approval can only narrow`);
    }
  });
  if (input.decision === "approve" && fields.length === 0) {
    throw validationError("body.fields", "Approve at least one field, or refuse");
  }
  const validUntil = input.validUntil ?? agreement.valid_until;
  if (!isoDate(validUntil) || validUntil > agreement.valid_until || validUntil < agreement.valid_from) {
    throw validationError("body.validUntil", "The period can be shortened, not extended");
  }
  const dailyQuota = input.dailyQuota ?? agreement.daily_quota;
  const health = resource.dataClass === "health" || resource.dataClass === "sensitive";
  await inTransaction(ctx.db, async (tx) => {
    const updated = await tx
      .updateTable("exchange_agreements")
      .set({
        status: input.decision === "approve" ? "approved" : "refused",
        fields: JSON.stringify(input.decision === "approve" ? fields : []),
        valid_until: validUntil,
        clearance: input.clearance ?? 2,
        daily_quota: dailyQuota,
        rate_per_minute: input.ratePerMinute ?? defaultRate(dailyQuota),
        // Personal data of health or sensitive class is always used with the person's consent.
        requires_consent: (input.requiresConsent ?? false) || health,
        reviewed_by: caller.actor.accountId,
        reviewed_at: new Date(),
        review_reason: input.reason,
      })
      .where("id", "=", id)
      .where("status", "=", "applied")
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) {
      throw conflict("This application was decided meanwhile");
    }
    await ctx.ledger.record(tx, {
      action: input.decision === "approve" ? "exchange.agreement.approve" : "exchange.agreement.refuse",
      actor: caller.actor,
      resource: `exchange/agreements/${id}`,
      purpose: agreement.purpose,
      legalBasis: agreement.legal_basis,
      outcome: "success",
      requestId: caller.requestId,
      details: {
        resource: agreement.resource_id,
        consumer: agreement.consumer_code,
        fields,
        narrowed: fields.length < requested.length || validUntil < agreement.valid_until,
        reason: input.reason,
      },
    });
  });
  agreementsChanged(ctx);
  return findOrThrow(ctx, id);
}

/** The owner suspends an agreement (calls are refused from the next one) or resumes it. */
export async function setSuspended(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  suspend: boolean,
  reason: string,
): Promise<AgreementRow> {
  const agreement = await findOrThrow(ctx, id);
  await asOwnerAdmin(ctx, caller, agreement);
  const from = suspend ? "approved" : "suspended";
  if (agreement.status !== from) {
    throw conflict(`Only an ${from} agreement can be ${suspend ? "suspended" : "resumed"}`);
  }
  await inTransaction(ctx.db, async (tx) => {
    await tx
      .updateTable("exchange_agreements")
      .set({ status: suspend ? "suspended" : "approved", status_reason: reason })
      .where("id", "=", id)
      .execute();
    await ctx.ledger.record(tx, {
      action: suspend ? "exchange.agreement.suspend" : "exchange.agreement.resume",
      actor: caller.actor,
      resource: `exchange/agreements/${id}`,
      outcome: "success",
      requestId: caller.requestId,
      details: { resource: agreement.resource_id, consumer: agreement.consumer_code, reason },
    });
  });
  agreementsChanged(ctx);
  return findOrThrow(ctx, id);
}

export interface AgreementQuery {
  role?: "consumer" | "owner" | undefined;
  status?: EffectiveStatus | undefined;
  expiringWithinDays?: number | undefined;
}

/**
 * Agreements the caller may see: their departments' as consumer and as owner; auditors see all.
 * `expiringWithinDays` lists the approved ones that end within that many days (the owner's warning).
 */
export async function list(
  ctx: ServiceContext,
  caller: Caller,
  query: AgreementQuery,
): Promise<AgreementRow[]> {
  const mine = await callerDepartments(ctx, caller);
  const auditor = caller.actor.roles.includes("auditor");
  const owned = (await ctx.db.selectFrom("exchange_resources").select(["id", "owner_code"]).execute())
    .filter((r) => mine.includes(r.owner_code))
    .map((r) => r.id);
  let q = ctx.db.selectFrom("exchange_agreements").selectAll().orderBy("applied_at", "desc").limit(500);
  if (!auditor || query.role) {
    const role = query.role;
    q = q.where((eb) => {
      const asConsumer = mine.length > 0 ? eb("consumer_code", "in", mine) : eb.val(false);
      const asOwner = owned.length > 0 ? eb("resource_id", "in", owned) : eb.val(false);
      if (role === "consumer") {
        return eb.and([asConsumer]);
      }
      if (role === "owner") {
        return eb.and([asOwner]);
      }
      return eb.or([asConsumer, asOwner]);
    });
  }
  const today = chinaDay(new Date());
  let rows = await q.execute();
  if (query.status) {
    rows = rows.filter((r) => effectiveStatus(r, today) === query.status);
  }
  if (query.expiringWithinDays !== undefined) {
    const horizon = chinaDay(new Date(Date.now() + query.expiringWithinDays * 86_400_000));
    rows = rows.filter((r) => effectiveStatus(r, today) === "approved" && r.valid_until <= horizon);
  }
  return rows;
}

/**
 * The background job's part: warns owners (and consumers) once, 30 days ahead, that an approved
 * agreement is about to expire; the warning is a ledger entry and shows in both workbenches.
 */
export async function warnExpiring(ctx: ServiceContext, caller: Caller, withinDays = 30): Promise<number> {
  const horizon = chinaDay(new Date(Date.now() + withinDays * 86_400_000));
  const today = chinaDay(new Date());
  return inTransaction(ctx.db, async (tx) => {
    const due = await tx
      .updateTable("exchange_agreements")
      .set({ expiry_warned_at: new Date() })
      .where("status", "=", "approved")
      .where("expiry_warned_at", "is", null)
      .where("valid_until", "<=", horizon)
      .where("valid_until", ">=", today)
      .returning(["id", "resource_id", "consumer_code", "valid_until"])
      .execute();
    if (due.length > 0) {
      await ctx.ledger.recordMany(
        tx,
        due.map((a) => ({
          action: "exchange.agreement.expiry_warning",
          actor: caller.actor,
          resource: `exchange/agreements/${a.id}`,
          outcome: "success" as const,
          requestId: caller.requestId,
          details: { resource: a.resource_id, consumer: a.consumer_code, validUntil: a.valid_until },
        })),
      );
    }
    return due.length;
  });
}

/**
 * How long a process trusts a findUsable answer. Applications look one up for every pre-fill, and
 * agreements change only through the owner's actions (this module forgets its answers then; another
 * process's change is seen within this time). The gateway reads the agreement afresh on each call,
 * so a suspension there takes effect at once whatever was planned.
 */
const USABLE_REFRESH_MS = 5_000;
const usable = new WeakMap<object, Map<string, { at: number; row: AgreementRow | undefined }>>();

/** Forgets the usable agreements kept for this database (after an agreement is added or changed). */
export function agreementsChanged(ctx: ServiceContext): void {
  usable.delete(ctx.db);
}

/**
 * The agreement under which one of `consumers` may read `fields` of `resource` today: approved, in
 * force, covering every field (the one with the most fields when several do). For platform modules
 * that read through the gateway on a department's behalf (the applications module's pre-fill).
 */
export async function findUsable(
  ctx: ServiceContext,
  input: { consumers: readonly string[]; resource: string; fields: readonly string[] },
): Promise<AgreementRow | undefined> {
  if (input.consumers.length === 0) {
    return undefined;
  }
  const today = chinaDay(new Date());
  const key = JSON.stringify([today, input.resource, input.consumers, input.fields]);
  let known = usable.get(ctx.db);
  const hit = known?.get(key);
  if (hit && Date.now() - hit.at < USABLE_REFRESH_MS) {
    return hit.row;
  }
  const row = await lookUpUsable(ctx, input, today);
  if (!known || known.size >= 1_000) {
    known = new Map();
    usable.set(ctx.db, known);
  }
  known.set(key, { at: Date.now(), row });
  return row;
}

async function lookUpUsable(
  ctx: ServiceContext,
  input: { consumers: readonly string[]; resource: string; fields: readonly string[] },
  today: string,
): Promise<AgreementRow | undefined> {
  const rows = await ctx.db
    .selectFrom("exchange_agreements")
    .selectAll()
    .where("resource_id", "=", input.resource)
    .where("consumer_code", "in", [...input.consumers])
    .where("status", "=", "approved")
    .where("valid_from", "<=", today)
    .where("valid_until", ">=", today)
    .execute();
  return rows
    .filter((a) => input.fields.every((f) => a.fields.includes(f)))
    .sort(
      (a, b) =>
        input.consumers.indexOf(a.consumer_code) - input.consumers.indexOf(b.consumer_code) ||
        b.fields.length - a.fields.length,
    )[0];
}
