import { createHash, randomUUID } from "node:crypto";
import { type RawBuilder, type Selectable, sql, type Transaction } from "kysely";
import { AUTHORISATION_SCAN, type AuthorisationKind } from "../../../shared/applications/assisted.js";
import {
  CalendarYearUnknownError,
  calendarFor,
  chinaDate,
  dayNumber,
  fromDayNumber,
  type WorkingCalendar,
} from "../../platform/calendar/index.js";
import type { Caller, ServiceContext } from "../../platform/context.js";
import type { Db } from "../../platform/db/database.js";
import type { DB } from "../../platform/db/schema.js";
import { inTransaction } from "../../platform/db/tx.js";
import { conflict, DomainError, forbidden, notFound, validationError } from "../../platform/errors.js";
import { agreements, consents, gateway, catalogue as resources } from "../exchange/index.js";
import { accounts, directory, parseIdNumber } from "../identity/index.js";
import { SYSTEM } from "../ledger/index.js";
import { decide } from "../policy/index.js";
import type {
  MaterialState,
  OnBehalf,
  PrefilledValue,
  SupplementRequest,
  TaskStatus,
} from "./applications.tables.js";
import {
  type NewTask,
  type SubmissionCompanions,
  writeDraft,
  writeSubmission,
} from "./applications.writes.js";
import { type FieldError, toFormValue, validateForm } from "./form.js";
import { type ResolvedService, resolveService } from "./services.js";
import {
  applyAction,
  cascade,
  initialStatus,
  outcomeOf,
  resume,
  type StepAction,
  WorkflowError,
} from "./workflow.js";

export type ApplicationRow = Selectable<DB["applications"]>;
export type TaskRow = Selectable<DB["application_tasks"]>;
export type EventRow = Selectable<DB["application_events"]>;
type Tx = Transaction<DB>;

/** How long a pre-fill consent lasts: long enough to finish the application and answer a 补正. */
const PREFILL_CONSENT_DAYS = 30;
/** Largest upload, in bytes. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Who is asking

interface Applicant {
  accountId: string;
  subject: { type: "person" | "organisation"; id: string; name: string };
  /** The subject's 身份证号 or credit code, when read with it. */
  key?: SubjectKey;
  onBehalf: OnBehalf | null;
  /** The policies that allowed applying for another person. */
  policies?: string[];
}

function accountOf(caller: Caller): string {
  if (!caller.actor.accountId) {
    throw forbidden("Sign in to apply");
  }
  return caller.actor.accountId;
}

async function departmentCodes(ctx: ServiceContext, caller: Caller): Promise<string[]> {
  return directory.departmentCodes(ctx, caller.actor.departmentIds);
}

// A department's service account per database (the platform may serve several in one process, in tests).
const serviceAccounts = new WeakMap<Db, Map<string, string>>();

/**
 * A department's service account for the reads the platform makes for an application
 * (`yimen-apply-<code>`, role system), created on first use: the gateway and the policy decision
 * point decide reads for an account, and the ledger names it as the reader.
 */
async function departmentSystem(
  ctx: ServiceContext,
  code: string,
  requestId: string | null,
): Promise<Caller> {
  const dept = await directory.departmentByCode(ctx, code);
  if (!dept) {
    throw new DomainError("UNAVAILABLE", `Department ${code} is not registered`);
  }
  const known = serviceAccounts.get(ctx.db) ?? new Map<string, string>();
  serviceAccounts.set(ctx.db, known);
  let accountId = known.get(code);
  if (!accountId) {
    const username = `yimen-apply-${code.toLowerCase()}`;
    let account = await accounts.findAccountByUsername(ctx, username);
    if (!account) {
      try {
        account = await accounts.createAccount(
          ctx,
          { actor: SYSTEM, requestId },
          {
            username,
            displayName: `一门办件 · ${dept.name}`,
            roles: ["system"],
            departmentIds: [dept.id],
          },
        );
      } catch (error) {
        // Another request created it a moment ago.
        account = await accounts.findAccountByUsername(ctx, username);
        if (!account) {
          throw error;
        }
      }
    }
    accountId = account.id;
    known.set(code, accountId);
  }
  return {
    actor: { accountId, roles: ["system"], departmentIds: [dept.id], via: "system" },
    requestId,
  };
}

const isApplicant = (app: ApplicationRow, caller: Caller) => app.applicant_account === caller.actor.accountId;

// ---------------------------------------------------------------------------------------------
// Drafts

export interface DraftInput {
  /** Item or bundle; when left out, the code is looked up as an item, then as a bundle. */
  kind?: "item" | "bundle" | undefined;
  service: string;
  /** Applying for another person (帮办代办) with the authorisation they gave. */
  onBehalf?:
    | {
        idNumber: string;
        name: string;
        authorisation: { kind: AuthorisationKind; reference: string; note?: string | undefined };
      }
    | undefined;
  /** Entries to save with the draft. */
  form?: Record<string, unknown> | undefined;
}

/**
 * Who applies, and for whom, when applying for another person (帮办代办): decided by the policy
 * decision point (`assist`: a 帮办员, or a citizen for a family member or ward); a refusal is
 * recorded in the ledger and answered POLICY_DENIED. Null when applying for oneself (selfApplicant).
 */
async function applicantFor(
  ctx: ServiceContext,
  caller: Caller,
  input: DraftInput,
): Promise<Applicant | null> {
  const accountId = accountOf(caller);
  if (input.onBehalf) {
    const parsed = parseIdNumber(input.onBehalf.idNumber);
    if (!parsed.ok) {
      throw validationError(
        "body.onBehalf.idNumber",
        parsed.problem === "checkDigit"
          ? "The ID number's check character is wrong"
          : "This is not a valid resident ID number",
      );
    }
    const decision = await decide(ctx, {
      action: "assist",
      principal: {
        id: accountId,
        roles: [...caller.actor.roles],
        departments: await departmentCodes(ctx, caller),
      },
      resource: { id: `new:${input.service}`, applicant: accountId, department: "" },
    });
    if (!decision.allow) {
      await ctx.ledger.record(ctx.db, {
        action: "application.create.on-behalf",
        actor: caller.actor,
        resource: "applications",
        outcome: "denied",
        policies: decision.decidedBy,
        requestId: caller.requestId,
        details: { service: input.service, reason: decision.reason },
      });
      throw new DomainError(
        "POLICY_DENIED",
        "Only a 帮办员 (helper) or a citizen applies on another person's behalf",
        "body.onBehalf",
        { decidedBy: decision.decidedBy },
      );
    }
    const person = await directory.findPersonByIdNumber(ctx, parsed.value.idNumber);
    if (!person) {
      throw new DomainError("SUBJECT_UNKNOWN", "No person has this ID number", "body.onBehalf.idNumber");
    }
    if (person.name !== input.onBehalf.name.trim()) {
      throw validationError("body.onBehalf.name", "The name does not match the ID number's holder");
    }
    const account = await accounts.findAccountOrThrow(ctx, accountId);
    if (account.person_id === person.id) {
      throw validationError("body.onBehalf", "Apply for yourself without onBehalf");
    }
    return {
      accountId,
      subject: { type: "person", id: person.id, name: person.name },
      onBehalf: {
        agentAccount: accountId,
        agentName: account.display_name,
        authorisation: {
          kind: input.onBehalf.authorisation.kind,
          reference: input.onBehalf.authorisation.reference,
          ...(input.onBehalf.authorisation.note ? { note: input.onBehalf.authorisation.note } : {}),
        },
      },
      policies: decision.decidedBy,
    };
  }
  // Applying for oneself: whom the account speaks for is read with the application's number.
  return null;
}

/** The applicant applying for the person or organisation their account speaks for (consents.subjectOf). */
function selfApplicant(caller: Caller, account: directory.AccountSubjects | null): Applicant {
  if (!account) {
    throw notFound("Account");
  }
  const subject = consents.subjectFor(caller, account);
  const person = subject.type === "person";
  return {
    accountId: accountOf(caller),
    subject: { ...subject, name: (person ? account.person_name : account.organisation_name) ?? "" },
    key: person
      ? { idNumber: account.person_id_number ?? undefined }
      : { creditCode: account.organisation_credit_code ?? undefined },
    onBehalf: null,
  };
}

/** How the exchange's registries know the applicant: 身份证号 for a person, credit code for an organisation. */
type SubjectKey = { idNumber?: string | undefined; creditCode?: string | undefined };

/** 330100-YYYYMMDD-NNNNNN: the day in China and the next number, taken in the insert itself. */
function nextNumber(now: Date) {
  return sql<string>`(select ${`330100-${chinaDate(now).replaceAll("-", "")}-`} || lpad(n, greatest(6, length(n)), '0')
    from (select nextval('application_number_seq')::text as n) s)`;
}

/** What a change just committed: the row, its events and its tasks, so that the answer reads nothing again. */
export interface Committed {
  app: ApplicationRow;
  events: EventRow[];
  tasks: TaskRow[];
}

/** Timestamps of a row read as JSON (row_to_json), which JSON gives as text. */
const APP_STAMPS = ["created_at", "updated_at", "submitted_at", "concluded_at"] as const;
const TASK_STAMPS = ["started_at", "concluded_at", "updated_at"] as const;
const EVENT_STAMPS = ["at"] as const;

/** A row read as JSON, typed as a row read as columns: the same values, timestamps as Dates. */
function fromJson<R>(json: unknown, stamps: readonly string[]): R {
  const row = { ...(json as Record<string, unknown>) };
  for (const column of stamps) {
    const value = row[column];
    if (typeof value === "string") {
      row[column] = new Date(value);
    }
  }
  return row as R;
}

const appFromJson = (json: unknown) => fromJson<ApplicationRow>(json, APP_STAMPS);
const taskFromJson = (json: unknown) => fromJson<TaskRow>(json, TASK_STAMPS);
const eventFromJson = (json: unknown) => fromJson<EventRow>(json, EVENT_STAMPS);

/** An event's columns, for an insert inside a larger statement. */
function eventValues(
  applicationId: string | RawBuilder<string>,
  taskId: string | null,
  caller: Caller,
  action: string,
  more: {
    step?: string;
    department?: string;
    comment?: string;
    ledgerSeq?: number | RawBuilder<number>;
  } = {},
) {
  return {
    application_id: applicationId,
    task_id: taskId,
    actor_account: caller.actor.accountId,
    action,
    step: more.step ?? null,
    department: more.department ?? null,
    comment: more.comment ?? null,
    ledger_seq: more.ledgerSeq ?? null,
  };
}

/**
 * Starts an application: a draft the applicant fills in, pre-fills and submits. Two round trips:
 * its number (with whom the account speaks for), then one statement writing the application and
 * its first event along their ledger entry (with concurrent drafts: writeDraft).
 */
export async function createDraft(
  ctx: ServiceContext,
  caller: Caller,
  input: DraftInput,
): Promise<Committed> {
  const service = await resolveService(ctx, input.kind, input.service);
  const { number, applicant } = await numberFor(ctx, caller, service, await applicantFor(ctx, caller, input));
  const form = input.form ? mergeEntries(service, { form: {}, prefill: {} }, input.form) : {};
  return writeNewDraft(ctx, caller, service, applicant, number, form, null);
}

/**
 * Starts an application pre-filled at once, for a client that has the applicant's consent with the
 * form (POST /api/applications with `prefill: {consent: true}`). The registries are read first
 * (under the number the application will have), then the draft is written already pre-filled, in
 * one statement: its number (with whom the account speaks for and the consents they may already
 * have given), the gateway's reads, and the draft with its two events and ledger entry.
 */
export async function createAndPrefill(
  ctx: ServiceContext,
  caller: Caller,
  input: DraftInput,
): Promise<Committed & { issues: PrefillIssue[] }> {
  if (input.onBehalf) {
    throw conflict(ON_BEHALF_PREFILL, "body.prefill");
  }
  const service = await resolveService(ctx, input.kind, input.service);
  const plan = await planFor(ctx, service);
  const groups = [...consentGroups(plan).values()];
  // The consents the person may already have given are read with the number: for the subject the
  // account speaks for as a citizen (a person) or else as an enterprise's agent (an organisation).
  const expected = caller.actor.roles.includes("citizen") ? "person" : "organisation";
  const { number, applicant, along } = await numberFor(ctx, caller, service, null, (subjectId) =>
    groups.length === 0
      ? sql`null`
      : sql`json_build_array(${sql.join(
          groups.map((g) =>
            consents.standingCandidatesSql(
              // The subject's id as read in the same statement (a fragment where the id goes).
              standingQuery({ type: expected, id: subjectId }, g),
            ),
          ),
        )})`,
  );
  const form = input.form ? mergeEntries(service, { form: {}, prefill: {} }, input.form) : {};
  const candidates =
    applicant.subject.type === expected
      ? (along as { id: string; scope: { resource: string; fields: string[] }[] }[][] | null)
      : null;
  const standing = candidates
    ? new Map(
        groups.map((g, i) => [
          g,
          consents.pickStanding(
            candidates[i] ?? [],
            g.map((e) => ({ resource: e.resource, fields: e.fields })),
          ) ?? null,
        ]),
      )
    : undefined;
  const read = await readRegistries(ctx, caller, service, plan, {
    number,
    subject: applicant.subject,
    key: applicant.key ?? null,
    standing,
  });
  const committed = await writeNewDraft(ctx, caller, service, applicant, number, form, read);
  return { ...committed, issues: read.issues };
}

/**
 * The application's next number, and (applying for oneself: `onBehalf` null) whom the account
 * speaks for, in one read; `alongWith` reads something more in it, given the subject's id as
 * read there (the account's person for a citizen, else its organisation).
 */
async function numberFor(
  ctx: ServiceContext,
  caller: Caller,
  service: ResolvedService,
  onBehalf: Applicant | null,
  alongWith?: (subjectId: RawBuilder<string>) => RawBuilder<unknown>,
): Promise<{ number: string; applicant: Applicant; along: unknown }> {
  const accountId = accountOf(caller);
  const subjectId = sql<string>`(select ${sql.ref(
    caller.actor.roles.includes("citizen") ? "person_id" : "organisation_id",
  )} from accounts where id = ${accountId})`;
  const taken = await sql<{ number: string; account: directory.AccountSubjects | null; along: unknown }>`
    select ${nextNumber(new Date())} as number,
      ${onBehalf ? sql`null` : directory.accountSubjectsSql(accountId)} as account,
      ${alongWith ? alongWith(subjectId) : sql`null`} as along`.execute(ctx.db);
  const number = taken.rows[0]?.number as string;
  const applicant = onBehalf ?? selfApplicant(caller, taken.rows[0]?.account ?? null);
  if (service.audience !== applicant.subject.type) {
    throw validationError(
      "body.service",
      service.audience === "person"
        ? `${service.name} is a service for persons`
        : `${service.name} is a service for enterprises and organisations`,
    );
  }
  return { number, applicant, along: taken.rows[0]?.along ?? null };
}

/** The draft with its ledger entry and events (create; prefill when pre-filled), in one statement. */
async function writeNewDraft(
  ctx: ServiceContext,
  caller: Caller,
  service: ResolvedService,
  applicant: Applicant,
  number: string,
  form: Record<string, unknown>,
  prefilled: RegistryReads | null,
): Promise<Committed> {
  const { subject } = applicant;
  const id = randomUUID();
  const written = await writeDraft(ctx, {
    entry: {
      action: applicant.onBehalf ? "application.create.on-behalf" : "application.create",
      actor: caller.actor,
      ...(applicant.policies ? { policies: applicant.policies } : {}),
      subjects: [{ type: subject.type, id: subject.id }],
      resource: `applications/${id}`,
      reference: number,
      outcome: "success",
      requestId: caller.requestId,
      details: {
        service: service.code,
        kind: service.kind,
        ...(applicant.onBehalf
          ? {
              authorisationKind: applicant.onBehalf.authorisation.kind,
              authorisationReference: applicant.onBehalf.authorisation.reference,
            }
          : {}),
      },
    },
    row: {
      id,
      number,
      kind: service.kind,
      service_code: service.code,
      service_name: service.name,
      service_name_en: service.nameEn,
      lead_department: service.leadDepartment,
      applicant_account: applicant.accountId,
      subject_type: subject.type,
      subject_id: subject.id,
      subject_name: subject.name,
      on_behalf: JSON.stringify(applicant.onBehalf),
      promised_days: service.promisedDays,
      form: JSON.stringify(prefilled ? { ...form, ...prefilled.values } : form),
      prefill: JSON.stringify(prefilled?.filled ?? {}),
      materials: JSON.stringify(prefilled?.materials ?? {}),
      consents: JSON.stringify(prefilled?.consentIds ?? []),
    },
    events: [
      { action: "create", actor: caller.actor.accountId, comment: null, recorded: true },
      ...(prefilled
        ? [{ action: "prefill", actor: caller.actor.accountId, comment: prefilled.comment, recorded: false }]
        : []),
    ],
  });
  const committed = { app: appFromJson(written.app), events: written.events.map(eventFromJson), tasks: [] };
  rememberWritten(ctx, committed, written.version);
  return committed;
}

/**
 * Drafts this process has just written, as written (with the row's version), per database: the
 * submission that follows at once checks the draft as written instead of reading it again. Its
 * write applies only to the row at that version (xmin); when the draft changed meanwhile (in another
 * process), that write fails whole and the submission reads the draft and checks it again. A change
 * this process makes to a draft forgets it (forgetWritten), so that the submission reads it.
 */
const justWritten = new WeakMap<object, Map<string, Committed & { version: string }>>();
const JUST_WRITTEN_MAX = 4096;

function rememberWritten(ctx: ServiceContext, committed: Committed, version: string): void {
  if (ctx.db.isTransaction) {
    return;
  }
  const known = justWritten.get(ctx.db) ?? new Map<string, Committed & { version: string }>();
  justWritten.set(ctx.db, known);
  if (known.size >= JUST_WRITTEN_MAX) {
    known.delete(known.keys().next().value as string);
  }
  known.set(committed.app.id, { ...committed, version });
}

function forgetWritten(ctx: ServiceContext, id: string): void {
  justWritten.get(ctx.db)?.delete(id);
}

/** The draft as this process just wrote it, once (forgotten as it is taken). */
function takeWritten(ctx: ServiceContext, id: string): (Committed & { version: string }) | undefined {
  const known = justWritten.get(ctx.db)?.get(id);
  forgetWritten(ctx, id);
  return known;
}

async function event(
  tx: Tx | Db,
  applicationId: string,
  taskId: string | null,
  caller: Caller,
  action: string,
  more: { step?: string; department?: string; comment?: string; ledgerSeq?: number } = {},
): Promise<void> {
  await tx
    .insertInto("application_events")
    .values(eventValues(applicationId, taskId, caller, action, more))
    .execute();
}

async function loadOwn(tx: Tx | Db, caller: Caller, id: string, lock = false): Promise<ApplicationRow> {
  let q = tx.selectFrom("applications").selectAll().where("id", "=", id);
  if (lock) {
    q = q.forUpdate();
  }
  const app = await q.executeTakeFirst();
  if (!app || !isApplicant(app, caller)) {
    throw notFound("Application");
  }
  return app;
}

/**
 * The application's service, looked up BEFORE a transaction starts: the catalogue may read the
 * database, and on PGlite (one connection) a read outside a running transaction would wait forever.
 */
async function serviceOfOwn(ctx: ServiceContext, caller: Caller, id: string): Promise<ResolvedService> {
  const app = await loadOwn(ctx.db, caller, id);
  return resolveService(ctx, app.kind, app.service_code, "service");
}

const requireDraft = (app: ApplicationRow) => {
  if (app.status !== "draft") {
    throw conflict(`The application is ${app.status}; only a draft can be changed`);
  }
};

/** Saves the applicant's own entries; values the exchange filled in stay as the registry holds them. */
export async function saveDraft(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  form: Record<string, unknown>,
): Promise<ApplicationRow> {
  forgetWritten(ctx, id);
  const service = await serviceOfOwn(ctx, caller, id);
  return inTransaction(ctx.db, async (tx) => {
    const app = await loadOwn(tx, caller, id, true);
    requireDraft(app);
    const merged = mergeEntries(service, app, form);
    return tx
      .updateTable("applications")
      .set({ form: JSON.stringify(merged), updated_at: new Date() })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

function mergeEntries(
  service: ResolvedService,
  app: Pick<ApplicationRow, "form" | "prefill">,
  entries: Record<string, unknown>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...app.form };
  for (const [name, value] of Object.entries(entries)) {
    if (!(name in service.form.schema.properties)) {
      throw validationError(`body.form.${name}`, `${name} is not a field of this form`);
    }
    const filled = app.prefill[name];
    if (filled && !filled.masked) {
      if (value !== filled.value) {
        throw validationError(
          `body.form.${name}`,
          `${service.form.schema.properties[name]?.title ?? name} is filled in from the registry; ask its department to correct the record`,
        );
      }
      continue;
    }
    if (value === null || value === "") {
      delete merged[name];
    } else if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
      merged[name] = typeof value === "string" ? value.trim() : value;
    } else {
      throw validationError(`body.form.${name}`, "Give a text, number or yes/no");
    }
  }
  return merged;
}

// ---------------------------------------------------------------------------------------------
// Pre-fill through the exchange, with the applicant's consent

export interface PrefillPlanEntry {
  department: string;
  resource: string;
  resourceName: string;
  resourceNameEn: string;
  owner: string;
  fields: string[];
  /** The form fields these fill in. */
  formFields: string[];
  agreement: string;
  purpose: string;
  legalBasis: string;
  requiresConsent: boolean;
  /** A consent the person already gave for this read (same department, purpose and fields), used again. */
  standingConsent: { id: string; grantedAt: string | null; validUntil: string } | null;
}

export interface PrefillPlan {
  entries: PrefillPlanEntry[];
  /** Rules no agreement covers today: the applicant types those fields. */
  unavailable: { resource: string; formFields: string[] }[];
  validUntil: string;
}

/** What pre-filling would read, from whom, why and under which agreement: the consent screen's content. */
export async function prefillPlan(ctx: ServiceContext, caller: Caller, id: string): Promise<PrefillPlan> {
  const app = await loadOwn(ctx.db, caller, id);
  const service = await resolveService(ctx, app.kind, app.service_code, "service");
  return withStanding(ctx, await planFor(ctx, service), { type: app.subject_type, id: app.subject_id });
}

/**
 * The consent screen before any draft exists (a client that sends the consent with the form): the
 * plan of the service for the person or organisation the caller's account speaks for, with the
 * form's definition (the fields the plan fills in are named by it).
 */
export async function prefillPlanOfService(
  ctx: ServiceContext,
  caller: Caller,
  input: { kind?: "item" | "bundle" | undefined; service: string },
): Promise<PrefillPlan & { formDefinition: ResolvedService["form"] }> {
  const service = await resolveService(ctx, input.kind, input.service);
  const subject = await consents.subjectOf(ctx, caller);
  const plan = await withStanding(ctx, await planFor(ctx, service), subject);
  return { ...plan, formDefinition: service.form };
}

/** The plan with the consent the subject already gave for each of its consent groups, if any. */
async function withStanding(
  ctx: ServiceContext,
  plan: PrefillPlan,
  subject: { type: "person" | "organisation"; id: string },
): Promise<PrefillPlan> {
  for (const entries of consentGroups(plan).values()) {
    const standing = await standingConsentFor(ctx, subject, entries);
    for (const e of entries) {
      e.standingConsent = standing
        ? {
            id: standing.id,
            grantedAt: standing.decided_at ? new Date(standing.decided_at).toISOString() : null,
            validUntil: new Date(standing.valid_until).toISOString(),
          }
        : null;
    }
  }
  return plan;
}

/** Entries that need the person's consent, one group per department and purpose (one consent each). */
function consentGroups(plan: PrefillPlan): Map<string, PrefillPlanEntry[]> {
  const groups = new Map<string, PrefillPlanEntry[]>();
  for (const e of plan.entries.filter((x) => x.requiresConsent)) {
    const key = `${e.department}\u0000${e.purpose}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  return groups;
}

/**
 * A consent the person gave for the same department, purpose and fields (on an earlier application,
 * within its validity), used again rather than asked a second time. It must last at least a day more
 * so that it does not lapse in the middle of this application.
 */
function standingConsentFor(
  ctx: ServiceContext,
  subject: { type: "person" | "organisation"; id: string },
  entries: PrefillPlanEntry[],
) {
  return consents.findStanding(ctx.db, standingQuery(subject, entries));
}

function standingQuery<Id extends string | RawBuilder<string>>(
  subject: { type: "person" | "organisation"; id: Id },
  entries: PrefillPlanEntry[],
) {
  const first = entries[0] as PrefillPlanEntry;
  return {
    subject,
    consumer: first.department,
    purpose: first.purpose,
    scope: entries.map((e) => ({ resource: e.resource, fields: e.fields })),
    validAt: new Date(Date.now() + 86_400_000),
  };
}

async function planFor(ctx: ServiceContext, service: ResolvedService): Promise<PrefillPlan> {
  const byResource = new Map<string, { departments: string[]; rules: ResolvedService["prefill"] }>();
  for (const rule of service.prefill) {
    const entry = byResource.get(rule.resource) ?? { departments: [], rules: [] };
    entry.rules.push(rule);
    for (const d of rule.departments) {
      if (!entry.departments.includes(d)) {
        entry.departments.push(d);
      }
    }
    byResource.set(rule.resource, entry);
  }
  // Materials obtained through the exchange are read along with the pre-fill.
  for (const m of service.materials) {
    if (m.obtainedVia && !byResource.has(m.obtainedVia.resource)) {
      const departments = service.items
        .filter((i) => i.item.materials.some((x) => x.id === m.id))
        .map((i) => i.item.department);
      byResource.set(m.obtainedVia.resource, { departments, rules: [] });
    }
  }
  const entries: PrefillPlanEntry[] = [];
  const unavailable: PrefillPlan["unavailable"] = [];
  for (const [resourceId, { departments, rules }] of byResource) {
    const resource = await resources.getResource(ctx, resourceId, "service");
    const materialFields = service.materials
      .filter((m) => m.obtainedVia?.resource === resourceId)
      .flatMap((m) => m.obtainedVia?.fields ?? []);
    const fields = [...new Set([...rules.map((r) => r.sourceField), ...materialFields])];
    const consumers = [
      ...new Set([...departments, service.leadDepartment, ...service.items.map((i) => i.item.department)]),
    ];
    const agreement = await agreements.findUsable(ctx, { consumers, resource: resourceId, fields });
    if (!agreement) {
      unavailable.push({ resource: resourceId, formFields: rules.map((r) => r.field) });
      continue;
    }
    entries.push({
      department: agreement.consumer_code,
      resource: resourceId,
      resourceName: resource.name,
      resourceNameEn: resource.nameEn,
      owner: resource.owner,
      fields,
      formFields: rules.map((r) => r.field),
      agreement: agreement.id,
      purpose: agreement.purpose,
      legalBasis: agreement.legal_basis,
      requiresConsent: agreement.requires_consent,
      standingConsent: null,
    });
  }
  return {
    entries,
    unavailable,
    validUntil: new Date(Date.now() + PREFILL_CONSENT_DAYS * 86_400_000).toISOString(),
  };
}

export interface PrefillIssue {
  resource: string;
  code: string;
  message: string;
}

/**
 * The caller's own application as it is now, with its events (and its subject's name and key when
 * asked), in one read; `version` is the row's version (xmin) for a change applying to it as read.
 */
async function readOwn(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  withSubject = false,
): Promise<{
  app: ApplicationRow;
  events: EventRow[];
  version: string;
  subject: { name: string; idNumber?: string; creditCode?: string } | null;
}> {
  const row = await ctx.db
    .selectFrom("applications as a")
    .selectAll("a")
    .select([
      sql<string>`a.xmin::text`.as("row_version"),
      sql<unknown[]>`(select coalesce(json_agg(e order by e.id), '[]'::json)
        from application_events e where e.application_id = a.id)`.as("events_json"),
      (withSubject
        ? directory.subjectSql(sql.ref("a.subject_type"), sql.ref("a.subject_id"))
        : sql<null>`null`
      ).as("subject_json"),
    ])
    .where("a.id", "=", id)
    .executeTakeFirst();
  if (!row) {
    throw notFound("Application");
  }
  const { row_version, events_json, subject_json, ...app } = row;
  if (!isApplicant(app, caller)) {
    throw notFound("Application");
  }
  return { app, events: events_json.map(eventFromJson), version: row_version, subject: subject_json };
}

/**
 * The applicant consents on the consent screen and the platform reads the registries through the
 * gateway, each read under its department's agreement, logged in the ledger with the application's
 * number. Filled values carry their source; materials obtained this way need no upload.
 */
export async function prefill(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
): Promise<Committed & { issues: PrefillIssue[] }> {
  const { app, events, subject } = await readOwn(ctx, caller, id, true);
  const key = subject
    ? app.subject_type === "person"
      ? { idNumber: subject.idNumber }
      : { creditCode: subject.creditCode }
    : null;
  return prefillDraft(ctx, caller, app, events, key);
}

const ON_BEHALF_PREFILL =
  "Pre-fill needs the person's own consent in the app; on an application made on their behalf, type the fields";

/** What pre-filling read from the registries, to merge into a draft. */
interface RegistryReads {
  /** The form values filled in. */
  values: Record<string, unknown>;
  filled: Record<string, PrefilledValue>;
  materials: Record<string, MaterialState>;
  /** The consents the reads were made under (each once). */
  consentIds: string[];
  issues: PrefillIssue[];
  /** The pre-fill event's comment. */
  comment: string;
}

/**
 * The reads of pre-filling for an application (its number; its subject and the subject's key):
 * one consent per department and purpose, granted by the applicant on this screen (or given
 * before: `standing`, when read already), then one gateway read per entry of the plan, each under
 * its department's agreement and logged in the ledger with the application's number.
 */
async function readRegistries(
  ctx: ServiceContext,
  caller: Caller,
  service: ResolvedService,
  plan: PrefillPlan,
  target: {
    number: string;
    subject: { type: "person" | "organisation"; id: string };
    key: SubjectKey | null;
    /** The standing consent of each of the plan's consent groups, when read already. */
    standing?: Map<PrefillPlanEntry[], { id: string } | null> | undefined;
  },
): Promise<RegistryReads> {
  if (!target.key) {
    throw notFound("The applicant");
  }
  const subjectKey = target.key;
  const consentIds: string[] = [];
  for (const entries of target.standing?.keys() ?? consentGroups(plan).values()) {
    const first = entries[0] as PrefillPlanEntry;
    const scope = entries.map((e) => ({ resource: e.resource, fields: e.fields }));
    const standing = target.standing
      ? target.standing.get(entries)
      : await standingConsentFor(ctx, target.subject, entries);
    if (standing) {
      consentIds.push(standing.id);
      continue;
    }
    const system = await departmentSystem(ctx, first.department, caller.requestId);
    const consent = await consents.requestConsent(ctx, system, {
      subject: subjectKey,
      scope,
      purpose: first.purpose,
      validUntil: plan.validUntil,
      reference: `${service.name} ${target.number}`,
    });
    await consents.decideConsent(ctx, caller, consent.id, "grant");
    consentIds.push(consent.id);
  }
  const filled: Record<string, PrefilledValue> = {};
  const materials: Record<string, MaterialState> = {};
  const issues: PrefillIssue[] = [];
  for (const e of plan.entries) {
    const system = await departmentSystem(ctx, e.department, caller.requestId);
    let result: Awaited<ReturnType<typeof gateway.query>>;
    try {
      result = await gateway.query(ctx, system, {
        resource: e.resource,
        agreement: e.agreement,
        subject: subjectKey,
        purpose: e.purpose,
        fields: e.fields,
        reference: target.number,
      });
    } catch (error) {
      // One registry refusing or failing leaves its fields to the applicant, not the whole pre-fill.
      if (error instanceof DomainError) {
        issues.push({ resource: e.resource, code: error.code, message: error.message });
        continue;
      }
      throw error;
    }
    const record = result.records[0];
    if (!record) {
      continue;
    }
    for (const rule of service.prefill.filter((r) => r.resource === e.resource)) {
      const fv = record.fields[rule.sourceField];
      const value = fv && !fv.masked ? toFormValue(service.form, rule.field, fv.value) : undefined;
      if (fv && value !== undefined) {
        filled[rule.field] = {
          value,
          resource: e.resource,
          sourceField: rule.sourceField,
          department: fv.source.department,
          updatedAt: fv.updatedAt,
          masked: false,
          ledgerSeq: result.ledgerSeq,
        };
      }
    }
    for (const m of service.materials.filter((x) => x.obtainedVia?.resource === e.resource)) {
      materials[m.id] = {
        via: "exchange",
        resource: e.resource,
        department: e.department,
        ledgerSeq: result.ledgerSeq,
      };
    }
  }
  return {
    values: Object.fromEntries(Object.entries(filled).map(([name, v]) => [name, v.value])),
    filled,
    materials,
    consentIds: [...new Set(consentIds)],
    issues,
    comment: `${Object.keys(filled).length} fields from ${plan.entries.length - issues.length} of ${plan.entries.length} registries`,
  };
}

/** prefill, on the caller's draft as read (with its events and its subject's key, null if unknown). */
async function prefillDraft(
  ctx: ServiceContext,
  caller: Caller,
  app: ApplicationRow,
  events: EventRow[],
  key: SubjectKey | null,
): Promise<Committed & { issues: PrefillIssue[] }> {
  const id = app.id;
  forgetWritten(ctx, id);
  requireDraft(app);
  if (app.on_behalf) {
    throw conflict(ON_BEHALF_PREFILL);
  }
  const service = await resolveService(ctx, app.kind, app.service_code, "service");
  const plan = await planFor(ctx, service);
  const { values, filled, materials, consentIds, issues, comment } = await readRegistries(
    ctx,
    caller,
    service,
    plan,
    { number: app.number, subject: { type: app.subject_type, id: app.subject_id }, key },
  );
  // One statement: the values merged into the draft as it is now (still a draft), and the event.
  const { rows } = await sql<{ app: unknown; version: string; event: unknown }>`
    with application as (
      update applications set
        form = form || ${JSON.stringify(values)}::jsonb,
        prefill = prefill || ${JSON.stringify(filled)}::jsonb,
        materials = materials || ${JSON.stringify(materials)}::jsonb,
        consents = consents || coalesce((
          select jsonb_agg(c.value order by c.ordinality)
          from jsonb_array_elements(${JSON.stringify(consentIds)}::jsonb) with ordinality c
          where not applications.consents @> jsonb_build_array(c.value)), '[]'::jsonb),
        updated_at = ${new Date()}
      where id = ${id} and applicant_account = ${app.applicant_account} and status = 'draft'
      returning *, xmin::text as row_version
    ), application_event as (
      ${ctx.db
        .insertInto("application_events")
        .columns(["application_id", "task_id", "actor_account", "action", "step", "department", "comment"])
        .expression((eb) =>
          eb
            .selectFrom(sql<{ id: string }>`application`.as("application"))
            .select([
              "application.id",
              sql<null>`null::uuid`.as("task_id"),
              sql.val(caller.actor.accountId).as("actor_account"),
              sql.val("prefill").as("action"),
              sql<null>`null`.as("step"),
              sql<null>`null`.as("department"),
              sql.val(comment).as("comment"),
            ]),
        )
        .returningAll()}
    )
    select (select to_jsonb(application) - 'row_version' from application) as app,
      (select row_version from application) as version,
      (select row_to_json(application_event) from application_event) as event`.execute(ctx.db);
  const written = rows[0];
  if (!written?.app) {
    // No longer a draft (or gone) since it was read: the same answer as if it had been so then.
    requireDraft((await readOwn(ctx, caller, id)).app);
    throw conflict("The application changed meanwhile; try again");
  }
  const committed = {
    app: appFromJson(written.app),
    events: [...events, eventFromJson(written.event)],
    tasks: [],
  };
  rememberWritten(ctx, committed, written.version);
  return { ...committed, issues };
}

// ---------------------------------------------------------------------------------------------
// Uploads

const MEDIA_TYPES: Record<string, (b: Buffer) => boolean> = {
  "application/pdf": (b) => b.subarray(0, 5).toString("latin1") === "%PDF-",
  "image/jpeg": (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  "image/png": (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
};

export interface UploadInput {
  material: string;
  filename: string;
  mediaType: string;
  /** The file, base64-encoded. */
  content: string;
}

/** Uploads a material the platform cannot obtain (a draft's, or one asked for in a 补正). */
export async function upload(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  input: UploadInput,
): Promise<{ id: string; material: string; filename: string; size: number; sha256: string }> {
  const check = MEDIA_TYPES[input.mediaType];
  if (!check) {
    throw validationError("body.mediaType", "Upload a PDF, JPEG or PNG file");
  }
  const bytes = Buffer.from(input.content, "base64");
  if (bytes.length === 0) {
    throw validationError("body.content", "The file is empty");
  }
  if (bytes.length > MAX_UPLOAD_BYTES) {
    throw new DomainError("PAYLOAD_TOO_LARGE", "A file may be at most 5 MB", "body.content");
  }
  if (!check(bytes)) {
    throw validationError("body.content", `The file is not a ${input.mediaType} file`);
  }
  forgetWritten(ctx, id);
  const service = await serviceOfOwn(ctx, caller, id);
  return inTransaction(ctx.db, async (tx) => {
    const app = await loadOwn(tx, caller, id, true);
    if (app.status === "draft") {
      // fine
    } else if (app.status === "submitted") {
      const held = await tx
        .selectFrom("application_tasks")
        .select("id")
        .where("application_id", "=", id)
        .where("status", "=", "supplement")
        .executeTakeFirst();
      if (!held) {
        throw conflict("Materials can be added to a draft, or when a department asks for supplements");
      }
    } else {
      throw conflict(`The application is ${app.status}`);
    }
    // On an application made for someone else, a scan of their authorisation may be added too.
    const authorisationScan = input.material === AUTHORISATION_SCAN && app.on_behalf !== null;
    if (!authorisationScan && !service.materials.some((m) => m.id === input.material)) {
      throw validationError("body.material", `${input.material} is not a material of this service`);
    }
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const row = await tx
      .insertInto("application_uploads")
      .values({
        application_id: id,
        material_id: input.material,
        filename: input.filename,
        media_type: input.mediaType,
        size: bytes.length,
        sha256,
        content: bytes,
      })
      .returning(["id"])
      .executeTakeFirstOrThrow();
    const materials = {
      ...app.materials,
      [input.material]: {
        via: "upload",
        uploadId: row.id,
        filename: input.filename,
        sha256,
        size: bytes.length,
      },
    } satisfies Record<string, MaterialState>;
    await tx
      .updateTable("applications")
      .set({ materials: JSON.stringify(materials), updated_at: new Date() })
      .where("id", "=", id)
      .execute();
    await event(tx, id, null, caller, "upload", { comment: `${input.material}: ${input.filename}` });
    return { id: row.id, material: input.material, filename: input.filename, size: bytes.length, sha256 };
  });
}

/** An uploaded file, for the applicant and the officers handling the application. */
export async function download(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  uploadId: string,
): Promise<{ filename: string; mediaType: string; content: Buffer }> {
  await getApplication(ctx, caller, id);
  const row = await ctx.db
    .selectFrom("application_uploads")
    .selectAll()
    .where("id", "=", uploadId)
    .where("application_id", "=", id)
    .executeTakeFirst();
  if (!row) {
    throw notFound("Upload");
  }
  return { filename: row.filename, mediaType: row.media_type, content: Buffer.from(row.content) };
}

// ---------------------------------------------------------------------------------------------
// Submission

export class FormErrors extends DomainError {
  constructor(errors: FieldError[]) {
    super(
      "VALIDATION",
      `${errors.length} field${errors.length === 1 ? "" : "s"} need attention: ${errors.map((e) => e.message).join("; ")}`,
      errors[0]?.field,
      { errors },
    );
  }
}

function dueOrNull(
  calendar: WorkingCalendar,
  acceptedOn: string,
  limitDays: number,
  pauses: { from: string; to: string }[] = [],
): string | null {
  try {
    return calendar.dueDate({ acceptedOn, limitDays, pauses });
  } catch (error) {
    if (error instanceof CalendarYearUnknownError) {
      return null;
    }
    throw error;
  }
}

/** Missing or invalid entries and materials, each naming its field (`form.x` or `materials.y`). */
export function problemsOf(service: ResolvedService, app: ApplicationRow): FieldError[] {
  const errors = validateForm(service.form, app.form).map((e) => ({ ...e, field: `form.${e.field}` }));
  for (const m of service.materials) {
    if (m.required && !app.materials[m.id]) {
      errors.push({
        field: `materials.${m.id}`,
        message: m.obtainedVia
          ? `${m.name}：未能通过数据共享获取，请上传 (could not be obtained; upload it)`
          : `${m.name}：请上传 (upload it)`,
      });
    }
  }
  return errors;
}

/** How many times a submission is checked and written again when its draft changed in between. */
const SUBMIT_ATTEMPTS = 3;

/**
 * Submits a draft: checked in full, then one task per item starts its steps and its clock. The
 * draft is read (or taken as this process just wrote it) and checked, then one statement writes the
 * tasks, the status, the event and the notification along the ledger entry, for the draft as
 * checked: when it changed in between, that statement fails as a whole and the submission is
 * checked again on the draft as it now is (read).
 */
export async function submit(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  hooks: ConclusionHooks = {},
): Promise<Committed> {
  const calendar = await calendarFor(ctx);
  for (let attempt = 1; ; attempt++) {
    try {
      return await submitOnce(ctx, caller, id, hooks, calendar, attempt === 1);
    } catch (error) {
      if ((error as { code?: unknown }).code !== CHANGED_MEANWHILE) {
        throw error;
      }
      if (attempt >= SUBMIT_ATTEMPTS) {
        throw conflict("The application changed meanwhile; try again");
      }
    }
  }
}

/** The SQLSTATE of applications_changed_meanwhile() (migration 20261127T2020). */
const CHANGED_MEANWHILE = "YA409";

async function submitOnce(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  hooks: ConclusionHooks,
  calendar: WorkingCalendar,
  /** A first attempt: the draft as this process just wrote it, when it did, is not read again. */
  first: boolean,
): Promise<Committed> {
  const known = first ? takeWritten(ctx, id) : undefined;
  const { app, events, version } =
    known && isApplicant(known.app, caller) ? known : await readOwn(ctx, caller, id);
  const service = await resolveService(ctx, app.kind, app.service_code, "service");
  requireDraft(app);
  const errors = problemsOf(service, app);
  if (errors.length > 0) {
    throw new FormErrors(errors);
  }
  const now = new Date();
  const today = chinaDate(now);
  const tasks = service.items.map(({ item, after }): NewTask => {
    const status = initialStatus(after);
    const steps = item.steps.map((s) => ({ kind: s.kind, department: s.department ?? item.department }));
    return {
      application_id: id,
      item_code: item.code,
      item_name: item.name,
      item_name_en: item.nameEn,
      department: item.department,
      steps: JSON.stringify(steps),
      step_index: 0,
      current_department: steps[0]?.department ?? item.department,
      status,
      after_codes: JSON.stringify(after),
      limit_days: item.promisedDays,
      statutory_days: item.statutoryDays,
      accepted_on: status === "active" ? today : null,
      due_on: status === "active" ? dueOrNull(calendar, today, item.promisedDays) : null,
      started_at: status === "active" ? now : null,
    };
  });
  const submitted: ApplicationRow = {
    ...app,
    status: "submitted",
    submitted_at: now,
    accepted_on: today,
    due_on: dueOrNull(calendar, today, service.promisedDays),
    updated_at: now,
  };
  // One statement with concurrent submissions (writeSubmission): the status for the draft as read
  // (its xmin), the tasks, the event and what the hooks add (the notification) along the entry.
  const written = await writeSubmission(
    ctx,
    {
      id,
      version,
      submittedAt: now,
      acceptedOn: today,
      dueOn: submitted.due_on,
      actor: caller.actor.accountId,
      tasks,
      app: submitted,
      entry: {
        action: "application.submit",
        actor: caller.actor,
        subjects: [{ type: app.subject_type, id: app.subject_id }],
        resource: `applications/${id}`,
        reference: app.number,
        outcome: "success",
        requestId: caller.requestId,
        details: {
          service: app.service_code,
          items: service.items.map((i) => i.item.code),
          prefilled: Object.keys(app.prefill).length,
          obtainedMaterials: Object.values(app.materials).filter((m) => m.via === "exchange").length,
          uploadedMaterials: Object.values(app.materials).filter((m) => m.via === "upload").length,
        },
      },
    },
    hooks.onSubmitted,
  );
  return {
    app: appFromJson(written.app),
    events: [...events, ...written.events.map(eventFromJson)],
    tasks: written.tasks.map(taskFromJson),
  };
}

/** The applicant withdraws a draft or an application no department has concluded a part of. */
export async function withdraw(ctx: ServiceContext, caller: Caller, id: string): Promise<ApplicationRow> {
  forgetWritten(ctx, id);
  return inTransaction(ctx.db, async (tx) => {
    const app = await loadOwn(tx, caller, id, true);
    if (app.status !== "draft" && app.status !== "submitted") {
      throw conflict(`The application is ${app.status}`);
    }
    const done = await tx
      .selectFrom("application_tasks")
      .select("id")
      .where("application_id", "=", id)
      .where("status", "in", ["approved", "rejected"])
      .executeTakeFirst();
    if (done) {
      throw conflict("A department has already decided part of it; it can no longer be withdrawn");
    }
    await tx
      .updateTable("application_tasks")
      .set({ status: "cancelled", concluded_at: new Date(), updated_at: new Date() })
      .where("application_id", "=", id)
      .execute();
    const row = await tx
      .updateTable("applications")
      .set({ status: "withdrawn", concluded_at: new Date(), updated_at: new Date() })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const seq = await ctx.ledger.record(tx, {
      action: "application.withdraw",
      actor: caller.actor,
      subjects: [{ type: app.subject_type, id: app.subject_id }],
      resource: `applications/${id}`,
      reference: app.number,
      outcome: "success",
      requestId: caller.requestId,
    });
    await event(tx, id, null, caller, "withdraw", { ledgerSeq: seq });
    return row;
  });
}

// ---------------------------------------------------------------------------------------------
// Reading applications

export interface ApplicationView {
  app: ApplicationRow;
  tasks: TaskRow[];
  events: EventRow[];
  service: ResolvedService | null;
  /** The caller handles a task of it (an officer), rather than being the applicant. */
  asOfficer: boolean;
  /** The caller is the person it was made for by someone else (帮办代办): they see it, the applicant acts. */
  asSubject: boolean;
}

/**
 * One application with its tasks and history, for its applicant, the person it is for, and the
 * officers of the departments handling it; an officer's view of it is recorded in the ledger.
 */
export async function getApplication(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  /** What a change just committed (the row, and its events and tasks when known), to spare reading it again. */
  known?: { app: ApplicationRow; events?: EventRow[] | undefined; tasks?: TaskRow[] | undefined },
): Promise<ApplicationView> {
  const mine = known?.app.id === id ? known : undefined;
  const app =
    mine?.app ??
    (await ctx.db.selectFrom("applications").selectAll().where("id", "=", id).executeTakeFirst());
  if (!app) {
    throw notFound("Application");
  }
  // Tasks start at submission: a draft has none.
  const tasks =
    app.status === "draft"
      ? []
      : (mine?.tasks ??
        (await ctx.db
          .selectFrom("application_tasks")
          .selectAll()
          .where("application_id", "=", id)
          .orderBy("item_code")
          .execute()));
  let asOfficer = false;
  let asSubject = false;
  if (!isApplicant(app, caller)) {
    const subjectSelf =
      app.subject_type === "person" && caller.actor.roles.includes("citizen") && caller.actor.accountId
        ? (await accounts.findAccountOrThrow(ctx, caller.actor.accountId)).person_id === app.subject_id
        : false;
    asSubject = subjectSelf;
    if (!subjectSelf) {
      const mine = await departmentCodes(ctx, caller);
      const handles = tasks.some(
        (t) =>
          mine.includes(t.department) ||
          t.steps.some((s) => mine.includes(s.department)) ||
          mine.includes(t.current_department),
      );
      if (!handles || !caller.actor.roles.includes("officer") || app.status === "draft") {
        throw notFound("Application");
      }
      asOfficer = true;
      await ctx.ledger.record(ctx.db, {
        action: "application.view",
        actor: caller.actor,
        subjects: [{ type: app.subject_type, id: app.subject_id }],
        resource: `applications/${id}`,
        reference: app.number,
        purpose: `办理 ${app.service_name}`,
        outcome: "success",
        requestId: caller.requestId,
      });
    }
  }
  const events =
    mine?.events ??
    (await ctx.db
      .selectFrom("application_events")
      .selectAll()
      .where("application_id", "=", id)
      .orderBy("id")
      .execute());
  const service = await resolveService(ctx, app.kind, app.service_code, "service").catch(() => null);
  return { app, tasks, events, service, asOfficer, asSubject };
}

/**
 * The caller's applications, newest first: those they made, and for a citizen also those made for
 * them by someone else (帮办代办) once submitted; a draft stays with whoever is filling it in.
 */
export async function listMine(ctx: ServiceContext, caller: Caller, limit = 50, offset = 0) {
  const accountId = accountOf(caller);
  const person = caller.actor.roles.includes("citizen")
    ? (await accounts.findAccountOrThrow(ctx, accountId)).person_id
    : null;
  const apps = await ctx.db
    .selectFrom("applications")
    .selectAll()
    .where((eb) =>
      person
        ? eb.or([
            eb("applicant_account", "=", accountId),
            eb.and([
              eb("subject_type", "=", "person"),
              eb("subject_id", "=", person),
              eb("status", "<>", "draft"),
            ]),
          ])
        : eb("applicant_account", "=", accountId),
    )
    .orderBy("created_at", "desc")
    .limit(limit)
    .offset(offset)
    .execute();
  const tasks =
    apps.length === 0
      ? []
      : await ctx.db
          .selectFrom("application_tasks")
          .selectAll()
          .where(
            "application_id",
            "in",
            apps.map((a) => a.id),
          )
          .execute();
  return apps.map((app) => ({ app, tasks: tasks.filter((t) => t.application_id === app.id) }));
}

// ---------------------------------------------------------------------------------------------
// The officers' queue

export interface QueueInput {
  department?: string | undefined;
  status?: "active" | "supplement" | undefined;
  limit: number;
  offset: number;
}

export interface QueueRow {
  task: Pick<
    TaskRow,
    | "id"
    | "item_code"
    | "item_name"
    | "item_name_en"
    | "status"
    | "step_index"
    | "steps"
    | "due_on"
    | "accepted_on"
    | "current_department"
    | "limit_days"
  >;
  application: Pick<
    ApplicationRow,
    "id" | "number" | "service_name" | "service_name_en" | "subject_name" | "submitted_at" | "kind"
  >;
}

/**
 * The queue's counts stop at this many: a count above it is shown as "1000+". Counting every open
 * task of a department with 100,000 of them on each page load would cost more than the page itself;
 * the exact figures are on the statistics page.
 */
export const QUEUE_COUNT_CAP = 1000;

/**
 * Open, near and overdue tasks of the departments, each counted up to QUEUE_COUNT_CAP + 1 (so
 * "more than the cap" is visible) from the index `application_tasks_queue_counts`. A task waiting for
 * supplements has its clock stopped: its due date will move, so it is neither near nor overdue.
 */
async function queueCounts(
  db: Db,
  departments: string[],
  statuses: TaskStatus[],
  today: string,
  nearBound: string,
): Promise<{ open: number; near: number; overdue: number }> {
  const limit = QUEUE_COUNT_CAP + 1;
  const active = statuses.includes("active");
  const { rows } = await sql<{ open: number; near: number; overdue: number }>`
    select
      (select count(*)::int from (select 1 from application_tasks
         where current_department = any(${departments}::text[]) and status = any(${statuses}::text[])
         limit ${limit}) o) as open,
      (select count(*)::int from (select 1 from application_tasks
         where ${active} and current_department = any(${departments}::text[]) and status = 'active'
           and due_on >= ${today}::date and due_on <= ${nearBound}::date
         limit ${limit}) n) as near,
      (select count(*)::int from (select 1 from application_tasks
         where ${active} and current_department = any(${departments}::text[]) and status = 'active'
           and due_on < ${today}::date
         limit ${limit}) d) as overdue`.execute(db);
  const row = rows[0];
  return { open: row?.open ?? 0, near: row?.near ?? 0, overdue: row?.overdue ?? 0 };
}

/** Open tasks waiting on the caller's departments, the most urgent first. */
export async function queue(ctx: ServiceContext, caller: Caller, input: QueueInput) {
  const mine = await departmentCodes(ctx, caller);
  if (input.department && !mine.includes(input.department)) {
    throw forbidden("You work for other departments");
  }
  const departments = input.department ? [input.department] : mine;
  if (departments.length === 0) {
    return {
      items: [] as QueueRow[],
      counts: { open: 0, near: 0, overdue: 0 },
      countCap: QUEUE_COUNT_CAP,
      today: chinaDate(new Date()),
    };
  }
  const statuses = input.status ? [input.status] : (["active", "supplement"] as TaskStatus[]);
  const today = chinaDate(new Date());
  const calendar = await calendarFor(ctx);
  let nearBound: string | null = null;
  try {
    nearBound = calendar.addWorkingDays(today, 2);
  } catch {
    nearBound = null;
  }
  const [rows, counts] = await Promise.all([
    ctx.db
      .selectFrom("application_tasks as t")
      .innerJoin("applications as a", "a.id", "t.application_id")
      .select([
        "t.id",
        "t.item_code",
        "t.item_name",
        "t.item_name_en",
        "t.status",
        "t.step_index",
        "t.steps",
        "t.due_on",
        "t.accepted_on",
        "t.current_department",
        "t.limit_days",
        "a.id as application_id",
        "a.number",
        "a.service_name",
        "a.service_name_en",
        "a.subject_name",
        "a.submitted_at",
        "a.kind",
      ])
      .where("t.current_department", "in", departments)
      .where("t.status", "in", statuses)
      .orderBy(sql`t.due_on asc nulls last`)
      .orderBy("t.id")
      .limit(input.limit)
      .offset(input.offset)
      .execute(),
    queueCounts(ctx.db, departments, statuses, today, nearBound ?? today),
  ]);
  return {
    today,
    counts,
    countCap: QUEUE_COUNT_CAP,
    items: rows.map(
      (r): QueueRow => ({
        task: {
          id: r.id,
          item_code: r.item_code,
          item_name: r.item_name,
          item_name_en: r.item_name_en,
          status: r.status,
          step_index: r.step_index,
          steps: r.steps,
          due_on: r.due_on,
          accepted_on: r.accepted_on,
          current_department: r.current_department,
          limit_days: r.limit_days,
        },
        application: {
          id: r.application_id,
          number: r.number,
          service_name: r.service_name,
          service_name_en: r.service_name_en,
          subject_name: r.subject_name,
          submitted_at: r.submitted_at,
          kind: r.kind,
        },
      }),
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// Officers' actions

export interface ActionInput {
  action: StepAction;
  comment?: string | undefined;
  /** Rejection: the reasons and the legal basis (不予许可的理由和依据). */
  reason?: string | undefined;
  legalBasis?: string | undefined;
  /** 补正: what the applicant must supply (material ids or form fields) and a note. */
  items?: string[] | undefined;
  /** Transfer: the department to hand the step to. */
  toDepartment?: string | undefined;
}

/** Hooks run inside the action's transaction when a task concludes (e-certificates, notifications). */
export interface ConclusionHooks {
  /** A task was approved or rejected; returns the id of an e-certificate issued for it, if any. */
  onTaskConcluded?: (
    tx: Tx,
    caller: Caller,
    app: ApplicationRow,
    task: TaskRow,
    service: ResolvedService,
  ) => Promise<string | null>;
  onConcluded?: (tx: Tx, app: ApplicationRow) => Promise<void>;
  onSupplement?: (tx: Tx, app: ApplicationRow, task: TaskRow, request: SupplementRequest) => Promise<void>;
  /**
   * Applications are being submitted together, in one statement (each as it will be once
   * submitted): statements to write along, in that statement, and what to do once it succeeded.
   * The same function for concurrent submissions, so that they can be written together.
   */
  onSubmitted?: SubmissionCompanions;
}

/** Working days from acceptance to `today`, the paused days left out (what 办结用时 reports). */
function workingDaysTaken(calendar: WorkingCalendar, task: TaskRow, today: string): number | null {
  if (!task.accepted_on) {
    return null;
  }
  const pauses = task.pauses.map((p) => [dayNumber(p.from), dayNumber(p.to)] as const);
  try {
    let days = 0;
    for (let d = dayNumber(task.accepted_on) + 1; d <= dayNumber(today); d++) {
      const date = fromDayNumber(d);
      if (!pauses.some(([a, b]) => d >= a && d <= b) && calendar.isWorkingDay(date)) {
        days++;
      }
    }
    return days;
  } catch (error) {
    if (error instanceof CalendarYearUnknownError) {
      return null;
    }
    throw error;
  }
}

/**
 * An officer acts on the current step of a task: approve (moves to the next step; the last step
 * concludes it), reject with reasons and legal basis, ask for supplements (pauses the clock) or
 * transfer the step to another department. Decided at the policy decision point (the negative list
 * forbids deciding one's own application), recorded in the ledger with the policies that decided.
 */
export async function act(
  ctx: ServiceContext,
  caller: Caller,
  taskId: string,
  input: ActionInput,
  hooks: ConclusionHooks = {},
): Promise<{ task: TaskRow; application: ApplicationRow }> {
  if (!caller.actor.accountId) {
    throw forbidden();
  }
  const mine = await departmentCodes(ctx, caller);
  const calendar = await calendarFor(ctx);
  checkActionInput(input);
  if (input.action === "transfer") {
    const to = await directory.departmentByCode(ctx, input.toDepartment as string);
    if (!to) {
      throw validationError("body.toDepartment", `No department ${input.toDepartment}`);
    }
  }
  // Everything that may read outside the transaction happens before it (PGlite has one connection).
  const seen = await ctx.db
    .selectFrom("application_tasks")
    .selectAll()
    .where("id", "=", taskId)
    .executeTakeFirst();
  if (!seen || !mine.includes(seen.current_department)) {
    throw notFound("Task");
  }
  const seenApp = await ctx.db
    .selectFrom("applications")
    .selectAll()
    .where("id", "=", seen.application_id)
    .executeTakeFirstOrThrow();
  const service = await resolveService(ctx, seenApp.kind, seenApp.service_code, "service");
  const decision = await decide(ctx, {
    action: "decide",
    principal: { id: caller.actor.accountId, roles: [...caller.actor.roles], departments: mine },
    resource: { id: seenApp.id, applicant: seenApp.applicant_account, department: seen.current_department },
  });
  if (!decision.allow) {
    await ctx.ledger.record(ctx.db, {
      action: "application.decide",
      actor: caller.actor,
      subjects: [{ type: seenApp.subject_type, id: seenApp.subject_id }],
      resource: `applications/${seenApp.id}/tasks/${seen.id}`,
      reference: seenApp.number,
      outcome: "denied",
      policies: decision.decidedBy,
      requestId: caller.requestId,
      details: {
        action: input.action,
        step: seen.steps[seen.step_index]?.kind ?? null,
        reason: decision.reason,
      },
    });
    throw new DomainError("POLICY_DENIED", "The policy decision point refused this decision", undefined, {
      decidedBy: decision.decidedBy,
    });
  }
  return inTransaction(ctx.db, async (tx) => {
    const task = await tx
      .selectFrom("application_tasks")
      .selectAll()
      .where("id", "=", taskId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (task.current_department !== seen.current_department || task.step_index !== seen.step_index) {
      throw conflict("Someone acted on this task meanwhile; reload it");
    }
    const app = await tx
      .selectFrom("applications")
      .selectAll()
      .where("id", "=", task.application_id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const step = task.steps[task.step_index];
    let next: ReturnType<typeof applyAction>;
    try {
      next = applyAction(
        {
          itemCode: task.item_code,
          status: task.status,
          stepIndex: task.step_index,
          steps: task.steps,
          afterCodes: task.after_codes,
        },
        input.action,
      );
    } catch (error) {
      if (error instanceof WorkflowError) {
        throw conflict(error.message);
      }
      throw error;
    }
    const now = new Date();
    const today = chinaDate(now);
    const patch: Partial<Record<keyof TaskRow, unknown>> = {
      status: next.status,
      step_index: next.stepIndex,
      updated_at: now,
    };
    let supplement: SupplementRequest | null = null;
    if (input.action === "supplement") {
      supplement = {
        requestedAt: now.toISOString(),
        requestedBy: caller.actor.accountId as string,
        department: task.current_department,
        items: input.items ?? [],
        note: input.comment ?? "",
      };
      patch.paused_since = today;
      patch.supplement = JSON.stringify(supplement);
    } else if (input.action === "transfer") {
      patch.current_department = input.toDepartment;
    } else if (next.status === "active") {
      patch.current_department = task.steps[next.stepIndex]?.department ?? task.current_department;
    }
    if (input.action === "reject") {
      patch.decision_reason = input.reason;
      patch.decision_basis = input.legalBasis;
    }
    if (next.concluded) {
      patch.concluded_at = now;
      patch.concluded_working_days = workingDaysTaken(calendar, task, today);
      patch.paused_since = null;
    }
    let updated = await tx
      .updateTable("application_tasks")
      .set(patch as never)
      .where("id", "=", task.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const seq = await ctx.ledger.record(tx, {
      action:
        input.action === "approve" || input.action === "reject"
          ? "application.decide"
          : `application.${input.action}`,
      actor: caller.actor,
      subjects: [{ type: app.subject_type, id: app.subject_id }],
      resource: `applications/${app.id}/tasks/${task.id}`,
      reference: app.number,
      outcome: "success",
      policies: decision.decidedBy,
      requestId: caller.requestId,
      details: {
        item: task.item_code,
        step: step?.kind ?? null,
        action: input.action,
        ...(input.reason ? { reason: input.reason } : {}),
        ...(input.legalBasis ? { legalBasis: input.legalBasis } : {}),
        ...(input.toDepartment ? { toDepartment: input.toDepartment } : {}),
        ...(input.items ? { items: input.items } : {}),
      },
    });
    await event(tx, app.id, task.id, caller, input.action, {
      step: step?.kind ?? "",
      department: task.current_department,
      comment: [input.reason, input.legalBasis, input.comment].filter(Boolean).join(" — "),
      ledgerSeq: seq,
    });
    if (supplement && hooks.onSupplement) {
      await hooks.onSupplement(tx, app, updated, supplement);
    }
    if (next.concluded && hooks.onTaskConcluded) {
      const certificate = await hooks.onTaskConcluded(tx, caller, app, updated, service);
      if (certificate) {
        updated = await tx
          .updateTable("application_tasks")
          .set({ certificate_id: certificate })
          .where("id", "=", task.id)
          .returningAll()
          .executeTakeFirstOrThrow();
      }
    }
    let application = app;
    if (next.concluded) {
      application = await afterConclusion(ctx, tx, caller, app, calendar, today, hooks);
    }
    return { task: updated, application };
  });
}

function checkActionInput(input: ActionInput): void {
  if (input.action === "reject") {
    if (!input.reason?.trim()) {
      throw validationError("body.reason", "State the reasons for the rejection");
    }
    if (!input.legalBasis?.trim()) {
      throw validationError("body.legalBasis", "State the legal basis of the rejection");
    }
  }
  if (input.action === "supplement" && !(input.items?.length || input.comment?.trim())) {
    throw validationError("body.items", "Say what the applicant must supply");
  }
  if (input.action === "transfer" && !input.toDepartment) {
    throw validationError("body.toDepartment", "Name the department to transfer to");
  }
  if (input.action === "transfer" && !input.comment?.trim()) {
    throw validationError("body.comment", "Say why the step is transferred");
  }
}

async function afterConclusion(
  ctx: ServiceContext,
  tx: Tx,
  caller: Caller,
  app: ApplicationRow,
  calendar: WorkingCalendar,
  today: string,
  hooks: ConclusionHooks,
): Promise<ApplicationRow> {
  const tasks = await tx
    .selectFrom("application_tasks")
    .selectAll()
    .where("application_id", "=", app.id)
    .execute();
  const { start, cancel } = cascade(
    tasks.map((t) => ({
      itemCode: t.item_code,
      status: t.status,
      stepIndex: t.step_index,
      steps: t.steps,
      afterCodes: t.after_codes,
    })),
  );
  const now = new Date();
  for (const t of tasks) {
    if (start.includes(t.item_code)) {
      t.status = "active";
      await tx
        .updateTable("application_tasks")
        .set({
          status: "active",
          accepted_on: today,
          due_on: dueOrNull(calendar, today, t.limit_days),
          started_at: now,
          updated_at: now,
        })
        .where("id", "=", t.id)
        .execute();
      await event(tx, app.id, t.id, caller, "start", { department: t.current_department });
    } else if (cancel.includes(t.item_code)) {
      t.status = "cancelled";
      await tx
        .updateTable("application_tasks")
        .set({ status: "cancelled", concluded_at: now, updated_at: now })
        .where("id", "=", t.id)
        .execute();
      await event(tx, app.id, t.id, caller, "cancel", {
        department: t.department,
        comment: "前置事项未获批准 (a prerequisite was not approved)",
      });
    }
  }
  const outcome = outcomeOf(tasks.map((t) => t.status));
  if (!outcome) {
    return app;
  }
  const row = await tx
    .updateTable("applications")
    .set({ status: "concluded", outcome, concluded_at: now, updated_at: now })
    .where("id", "=", app.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const seq = await ctx.ledger.record(tx, {
    action: "application.conclude",
    actor: caller.actor,
    subjects: [{ type: app.subject_type, id: app.subject_id }],
    resource: `applications/${app.id}`,
    reference: app.number,
    outcome: "success",
    requestId: caller.requestId,
    details: { outcome },
  });
  await event(tx, app.id, null, caller, "conclude", { comment: outcome, ledgerSeq: seq });
  if (hooks.onConcluded) {
    await hooks.onConcluded(tx, row);
  }
  return row;
}

/**
 * The applicant supplies what a 补正 asked for (entries here, files through `upload` first): the task
 * resumes at its step and the paused days do not count towards its deadline.
 */
export async function supply(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  input: { task: string; form?: Record<string, unknown> | undefined; note?: string | undefined },
): Promise<ApplicationRow> {
  const calendar = await calendarFor(ctx);
  const service = await serviceOfOwn(ctx, caller, id);
  return inTransaction(ctx.db, async (tx) => {
    const app = await loadOwn(tx, caller, id, true);
    const task = await tx
      .selectFrom("application_tasks")
      .selectAll()
      .where("id", "=", input.task)
      .where("application_id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!task) {
      throw validationError("body.task", "No such task in this application");
    }
    let status: TaskStatus;
    try {
      status = resume({
        itemCode: task.item_code,
        status: task.status,
        stepIndex: task.step_index,
        steps: task.steps,
        afterCodes: task.after_codes,
      });
    } catch (error) {
      if (error instanceof WorkflowError) {
        throw conflict(error.message, "body.task");
      }
      throw error;
    }
    let form = app.form;
    if (input.form && Object.keys(input.form).length > 0) {
      form = mergeEntries(service, app, input.form);
      const errors = validateForm(service.form, form).map((e) => ({ ...e, field: `form.${e.field}` }));
      if (errors.length > 0) {
        throw new FormErrors(errors);
      }
      await tx
        .updateTable("applications")
        .set({ form: JSON.stringify(form), updated_at: new Date() })
        .where("id", "=", id)
        .execute();
    }
    const today = chinaDate(new Date());
    const pauses = [...task.pauses, { from: task.paused_since ?? today, to: today }];
    await tx
      .updateTable("application_tasks")
      .set({
        status,
        pauses: JSON.stringify(pauses),
        paused_since: null,
        due_on: task.accepted_on
          ? dueOrNull(calendar, task.accepted_on, task.limit_days, pauses)
          : task.due_on,
        updated_at: new Date(),
      })
      .where("id", "=", task.id)
      .execute();
    const seq = await ctx.ledger.record(tx, {
      action: "application.supply",
      actor: caller.actor,
      subjects: [{ type: app.subject_type, id: app.subject_id }],
      resource: `applications/${id}/tasks/${task.id}`,
      reference: app.number,
      outcome: "success",
      requestId: caller.requestId,
      details: { item: task.item_code, fields: Object.keys(input.form ?? {}) },
    });
    await event(tx, id, task.id, caller, "supply", {
      department: task.current_department,
      comment: input.note ?? "",
      ledgerSeq: seq,
    });
    return tx.selectFrom("applications").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  });
}

/** The tasks of an application (for the module's own seeding and tests). */
export function tasksOf(ctx: ServiceContext, applicationId: string): Promise<TaskRow[]> {
  return ctx.db
    .selectFrom("application_tasks")
    .selectAll()
    .where("application_id", "=", applicationId)
    .orderBy("item_code")
    .execute();
}

/**
 * Moves a demo application's submission `days` calendar days into the past, with its tasks' clocks,
 * so that the demo's queues show what is near and past due. Only the demo seed calls this.
 */
export async function backdateForDemo(ctx: ServiceContext, id: string, days: number): Promise<void> {
  const calendar = await calendarFor(ctx);
  const shift = (d: string) => fromDayNumber(dayNumber(d) - days);
  const app = await ctx.db
    .selectFrom("applications")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  const interval = sql`${`${days} days`}::interval`;
  await ctx.db
    .updateTable("applications")
    .set({
      created_at: sql`created_at - ${interval}`,
      submitted_at: sql`submitted_at - ${interval}`,
      accepted_on: app.accepted_on ? shift(app.accepted_on) : null,
      due_on: app.accepted_on ? dueOrNull(calendar, shift(app.accepted_on), app.promised_days) : null,
    } as never)
    .where("id", "=", id)
    .execute();
  await ctx.db
    .updateTable("application_events")
    .set({ at: sql`at - ${interval}` } as never)
    .where("application_id", "=", id)
    .execute();
  for (const t of await tasksOf(ctx, id)) {
    if (t.accepted_on) {
      await ctx.db
        .updateTable("application_tasks")
        .set({
          accepted_on: shift(t.accepted_on),
          due_on: dueOrNull(calendar, shift(t.accepted_on), t.limit_days),
          started_at: sql`started_at - ${interval}`,
        } as never)
        .where("id", "=", t.id)
        .execute();
    }
  }
}
