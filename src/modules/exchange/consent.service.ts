import { randomUUID } from "node:crypto";
import { type Expression, type RawBuilder, type Selectable, sql } from "kysely";
import type { Caller, ServiceContext } from "../../platform/context.js";
import type { Db } from "../../platform/db/database.js";
import type { DB } from "../../platform/db/schema.js";
import { inTransaction } from "../../platform/db/tx.js";
import { conflict, DomainError, forbidden, notFound, validationError } from "../../platform/errors.js";
import { accounts, directory } from "../identity/index.js";
import { getResource } from "./catalogue.service.js";
import type { ConsentScopeItem } from "./exchange.tables.js";

export type ConsentRow = Selectable<DB["exchange_consents"]>;
export type Subject = { type: "person" | "organisation"; id: string };

/** The person or organisation an account speaks for: a citizen for themself, an agent for their enterprise. */
export async function subjectOf(ctx: ServiceContext, caller: Caller): Promise<Subject> {
  if (!caller.actor.accountId) {
    throw forbidden("Sign in as the person or the enterprise's agent");
  }
  return subjectFor(caller, await accounts.findAccountOrThrow(ctx, caller.actor.accountId));
}

/** subjectOf, from the caller's account as already read. */
export function subjectFor(
  caller: Caller,
  account: { person_id: string | null; organisation_id: string | null },
): Subject {
  if (account.person_id && caller.actor.roles.includes("citizen")) {
    return { type: "person", id: account.person_id };
  }
  if (account.organisation_id && caller.actor.roles.includes("enterprise_agent")) {
    return { type: "organisation", id: account.organisation_id };
  }
  throw forbidden("This account does not speak for a person or an organisation");
}

export interface ConsentRequestInput {
  subject: { idNumber?: string | undefined; creditCode?: string | undefined };
  scope: ConsentScopeItem[];
  purpose: string;
  validUntil: string;
  reference?: string | undefined;
  /** Asking again within an existing consent (wider fields, longer validity) makes a new version. */
  series?: string | undefined;
}

/**
 * A department asks a person (or an enterprise) to consent to a use of their data: requester,
 * purpose, fields and validity are what the consent screen shows.
 */
export async function requestConsent(
  ctx: ServiceContext,
  caller: Caller,
  input: ConsentRequestInput,
): Promise<ConsentRow> {
  const departments = await directory.departmentCodes(ctx, caller.actor.departmentIds);
  const requester = departments[0];
  if (!requester || !caller.actor.roles.some((r) => ["officer", "dept_admin", "system"].includes(r))) {
    throw forbidden("Only a department's staff or systems ask for consent");
  }
  let subject: Subject;
  if (input.subject.idNumber) {
    const p = await directory.findPersonByIdNumber(ctx, input.subject.idNumber);
    if (!p) {
      throw new DomainError("SUBJECT_UNKNOWN", "No person has this ID number", "body.subject.idNumber");
    }
    subject = { type: "person", id: p.id };
  } else if (input.subject.creditCode) {
    const o = await directory.findOrganisationByCreditCode(ctx, input.subject.creditCode);
    if (!o) {
      throw new DomainError(
        "SUBJECT_UNKNOWN",
        "No organisation has this credit code",
        "body.subject.creditCode",
      );
    }
    subject = { type: "organisation", id: o.id };
  } else {
    throw validationError("body.subject", "Name the person by idNumber or the organisation by creditCode");
  }
  for (const [i, item] of input.scope.entries()) {
    const resource = await getResource(ctx, item.resource, `body.scope[${i}].resource`);
    item.fields.forEach((name, j) => {
      if (!resource.fields.some((f) => f.name === name)) {
        throw validationError(`body.scope[${i}].fields[${j}]`, `${resource.name} has no field ${name}`);
      }
    });
  }
  const validUntil = new Date(input.validUntil);
  if (Number.isNaN(validUntil.getTime()) || validUntil.getTime() <= Date.now()) {
    throw validationError("body.validUntil", "Give a future date and time");
  }
  const id = await inTransaction(ctx.db, async (tx) => {
    let series: string = randomUUID();
    let version = 1;
    if (input.series) {
      const last = await tx
        .selectFrom("exchange_consents")
        .select(["version", "subject_id", "requester_code"])
        .where("series", "=", input.series)
        .orderBy("version", "desc")
        .executeTakeFirst();
      if (!last || last.subject_id !== subject.id || last.requester_code !== requester) {
        throw validationError(
          "body.series",
          "No earlier consent of this subject and department has this series",
        );
      }
      series = input.series;
      version = last.version + 1;
    }
    const row = await tx
      .insertInto("exchange_consents")
      .values({
        series,
        version,
        subject_type: subject.type,
        subject_id: subject.id,
        requester_code: requester,
        scope: JSON.stringify(input.scope),
        purpose: input.purpose,
        reference: input.reference ?? null,
        valid_until: validUntil,
        status: "pending",
        requested_by: caller.actor.accountId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await ctx.ledger.record(tx, {
      action: "exchange.consent.request",
      actor: caller.actor,
      subjects: [subject],
      resource: `exchange/consents/${row.id}`,
      purpose: input.purpose,
      reference: input.reference ?? null,
      outcome: "success",
      requestId: caller.requestId,
      details: {
        requester,
        // The entry's details are flat values: one "resource:field,field" string per resource.
        scope: input.scope.map((s) => `${s.resource}:${s.fields.join(",")}`),
        version,
      },
    });
    return row.id;
  });
  return findOrThrow(ctx.db, id);
}

async function findOrThrow(db: Db, id: string): Promise<ConsentRow> {
  const row = await db.selectFrom("exchange_consents").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) {
    throw notFound("Consent");
  }
  return row;
}

/** A person's (or enterprise's) consents, newest first: pending ones to decide, the rest to review or revoke. */
export async function mine(ctx: ServiceContext, caller: Caller): Promise<ConsentRow[]> {
  const subject = await subjectOf(ctx, caller);
  return ctx.db
    .selectFrom("exchange_consents")
    .selectAll()
    .where("subject_id", "=", subject.id)
    .orderBy("requested_at", "desc")
    .limit(200)
    .execute();
}

type Decision = "grant" | "refuse" | "revoke";

/** The person grants or refuses a pending request, or revokes a granted consent (effective from the next call). */
export async function decideConsent(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  decision: Decision,
): Promise<ConsentRow> {
  const subject = await subjectOf(ctx, caller);
  const consent = await findOrThrow(ctx.db, id);
  if (consent.subject_id !== subject.id) {
    // Whether someone else's consent exists is not this caller's business.
    throw notFound("Consent");
  }
  const from = decision === "revoke" ? "granted" : "pending";
  if (consent.status !== from) {
    throw conflict(`This consent is ${consent.status}`);
  }
  const status = decision === "grant" ? "granted" : decision === "refuse" ? "refused" : "revoked";
  await inTransaction(ctx.db, async (tx) => {
    const now = new Date();
    const updated = await tx
      .updateTable("exchange_consents")
      .set({
        status,
        ...(decision === "revoke"
          ? { revoked_at: now }
          : { decided_at: now, decided_by: caller.actor.accountId }),
      })
      .where("id", "=", id)
      .where("status", "=", from)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) {
      throw conflict("This consent changed meanwhile");
    }
    if (decision === "grant") {
      // The new version replaces the ones before it in the same series.
      await tx
        .updateTable("exchange_consents")
        .set({ status: "superseded" })
        .where("series", "=", consent.series)
        .where("version", "<", consent.version)
        .where("status", "=", "granted")
        .execute();
    }
    await ctx.ledger.record(tx, {
      action: `exchange.consent.${decision}`,
      actor: caller.actor,
      subjects: [subject],
      resource: `exchange/consents/${id}`,
      purpose: consent.purpose,
      reference: consent.reference,
      outcome: "success",
      requestId: caller.requestId,
      details: { requester: consent.requester_code, version: consent.version },
    });
  });
  return findOrThrow(ctx.db, id);
}

/**
 * The gateway's check: a granted, unexpired consent of the subject to the consumer for this purpose
 * covering the resource and fields. CONSENT_REVOKED when the one that covered it was revoked.
 */
/**
 * A consent the subject has already granted to this department for this purpose, covering every
 * resource and field asked for and valid until at least `validAt`: asking again would show the person
 * the same screen for a use they have agreed to.
 */
export async function findStanding(
  db: Db,
  input: {
    subject: Subject;
    consumer: string;
    purpose: string;
    scope: readonly ConsentScopeItem[];
    validAt: Date;
  },
): Promise<ConsentRow | undefined> {
  const rows = await db
    .selectFrom("exchange_consents")
    .selectAll()
    .where("subject_id", "=", input.subject.id)
    .where("subject_type", "=", input.subject.type)
    .where("requester_code", "=", input.consumer)
    .where("purpose", "=", input.purpose)
    .where("status", "=", "granted")
    .where("valid_until", ">", input.validAt)
    .orderBy("valid_until", "desc")
    .limit(STANDING_CANDIDATES)
    .execute();
  return pickStanding(rows, input.scope);
}

const STANDING_CANDIDATES = 20;

/**
 * findStanding's candidates (granted to this department for this purpose, valid until after
 * `validAt`, the longest-lasting first) as an SQL expression (json), for a reader that has them read
 * within another statement; pickStanding chooses among them.
 */
export function standingCandidatesSql(input: {
  /** The subject; its id a value or an SQL expression (e.g. read in the same statement). */
  subject: { type: Subject["type"]; id: string | RawBuilder<string> };
  consumer: string;
  purpose: string;
  validAt: Date;
}): RawBuilder<{ id: string; scope: ConsentScopeItem[] }[]> {
  return sql`(select coalesce(json_agg(json_build_object('id', c.id, 'scope', c.scope) order by c.valid_until desc), '[]'::json)
    from (select id, scope, valid_until from exchange_consents
      where subject_id = ${input.subject.id} and subject_type = ${input.subject.type}
        and requester_code = ${input.consumer} and purpose = ${input.purpose} and status = 'granted'
        and valid_until > ${input.validAt}
      order by valid_until desc limit ${STANDING_CANDIDATES}) c)`;
}

/** The first candidate covering every resource and field of `scope` (see findStanding). */
export function pickStanding<T extends { scope: readonly ConsentScopeItem[] }>(
  rows: readonly T[],
  scope: readonly ConsentScopeItem[],
): T | undefined {
  return rows.find((r) =>
    scope.every((want) =>
      r.scope.some((s) => s.resource === want.resource && want.fields.every((f) => s.fields.includes(f))),
    ),
  );
}

const CONSENTS_CHECKED = 20;

/** What checkConsentRows decides on: a subject's latest granted or revoked consents to one consumer. */
export interface ConsentCheckRow {
  id: string;
  status: string;
  scope: ConsentScopeItem[];
  valid_until: Date | string;
  purpose: string;
}

/**
 * Those rows as an SQL expression (json), for a reader that has them read within its own
 * statement (the gateway's first read); checkConsentRows decides on them.
 */
export function consentCheckRowsSql(
  subjectId: Expression<string | null>,
  consumer: Expression<string | null>,
): RawBuilder<ConsentCheckRow[]> {
  return sql`(select coalesce(json_agg(json_build_object('id', c.id, 'status', c.status, 'scope', c.scope,
      'valid_until', c.valid_until, 'purpose', c.purpose) order by c.requested_at desc), '[]'::json)
    from (select id, status, scope, valid_until, purpose, requested_at from exchange_consents
      where subject_id = ${subjectId} and requester_code = ${consumer} and status in ('granted', 'revoked')
      order by requested_at desc limit ${CONSENTS_CHECKED}) c)`;
}

/**
 * Whether a consent covers a use, on rows already read (consentCheckRowsSql): the consent's id, or
 * why there is none (CONSENT_REQUIRED, CONSENT_REVOKED).
 */
export function checkConsentRows(
  rows: readonly ConsentCheckRow[],
  input: { resource: string; fields: readonly string[]; purpose: string },
): string {
  const covers = (scope: ConsentScopeItem[]) =>
    scope.some((s) => s.resource === input.resource && input.fields.every((f) => s.fields.includes(f)));
  const now = Date.now();
  const fitting = rows.filter((r) => r.purpose === input.purpose && covers(r.scope));
  const granted = fitting.find((r) => r.status === "granted" && new Date(r.valid_until).getTime() > now);
  if (granted) {
    return granted.id;
  }
  if (fitting.some((r) => r.status === "revoked")) {
    throw new DomainError("CONSENT_REVOKED", "The person revoked their consent to this use", undefined, {
      consent: fitting.find((r) => r.status === "revoked")?.id,
    });
  }
  throw new DomainError(
    "CONSENT_REQUIRED",
    fitting.length > 0
      ? "The person's consent to this use has expired; ask again"
      : "This use needs the person's consent: ask with POST /api/exchange/consents",
  );
}
