import type { RawBuilder, Transaction } from "kysely";
import type { Caller, ServiceContext } from "../../platform/context.js";
import type { Db } from "../../platform/db/database.js";
import type { DB } from "../../platform/db/schema.js";
import { inTransaction } from "../../platform/db/tx.js";
import { conflict, DomainError, forbidden, notFound, validationError } from "../../platform/errors.js";
import * as catalogue from "../exchange/catalogue.service.js";
import { directory } from "../identity/index.js";
import type { Companion } from "../ledger/index.js";
import { DEMO_POWERS } from "./demo-rights.js";
import { NEGATIVE_LIST } from "./negative-list.js";
import { type Decision, PolicyEngine, PolicyValidationError } from "./policy.engine.js";
import * as repo from "./policy.repository.js";
import type { DataResourceAttrs, DecisionRequest } from "./policy.schema.js";
import { compilePowers, type Power } from "./rights-list.js";

/** How long a process keeps its compiled policy set before checking for newly effective versions. */
const REFRESH_MS = 5_000;

interface Cached {
  engine: PolicyEngine;
  fingerprint: string;
  versions: repo.VersionRow[];
  checkedAt: number;
}
const cache = new WeakMap<object, Cached>();

function fingerprint(versions: repo.VersionRow[]): string {
  return versions.map((v) => v.id).join(",");
}

/**
 * The decision point's policy set in force: the approved rights lists effective now, compiled to
 * permits, with the negative list. Rebuilt when a version is approved here, and otherwise checked
 * for newly effective versions every few seconds.
 */
export async function policyInForce(ctx: ServiceContext, force = false): Promise<Cached> {
  const key = ctx.db as object;
  const cached = cache.get(key);
  if (cached && !force && Date.now() - cached.checkedAt < REFRESH_MS) {
    return cached;
  }
  const versions = await repo.versionsInForce(ctx.db, new Date());
  const fp = fingerprint(versions);
  if (cached && cached.fingerprint === fp) {
    cached.checkedAt = Date.now();
    return cached;
  }
  const engine = PolicyEngine.create(compilePowers(versions.flatMap((v) => v.powers)));
  const fresh = { engine, fingerprint: fp, versions, checkedAt: Date.now() };
  cache.set(key, fresh);
  return fresh;
}

/** The one decision point: every access decision goes through here. */
export async function decide(ctx: ServiceContext, request: DecisionRequest): Promise<Decision> {
  return (await policyInForce(ctx)).engine.decide(request);
}

export interface Explanation {
  decision: Decision;
  /** Human reasons for the policies that decided, with their legal bases. */
  because: {
    policy: string;
    kind: "power" | "negative" | "other";
    title: string;
    titleEn: string;
    legalBasis: string[];
  }[];
}

function describePolicy(policy: string, powers: Power[]): Explanation["because"][number] {
  const negative = NEGATIVE_LIST.find((r) => r.id === policy);
  if (negative) {
    return { policy, kind: "negative", title: negative.title, titleEn: negative.titleEn, legalBasis: [] };
  }
  const code = policy.startsWith("power:") ? policy.split(":")[1] : undefined;
  const power = powers.find((p) => p.code === code);
  if (power) {
    return {
      policy,
      kind: "power",
      title: `${power.name}（${power.type}）`,
      titleEn: power.nameEn,
      legalBasis: power.legalBasis.map((b) => `《${b.law}》${b.article}`),
    };
  }
  return { policy, kind: "other", title: policy, titleEn: policy, legalBasis: [] };
}

/** Decides and says why ("why was this refused?"), from the same policy set. */
export async function explainDecision(ctx: ServiceContext, request: DecisionRequest): Promise<Explanation> {
  const { engine, versions } = await policyInForce(ctx);
  const decision = engine.decide(request);
  const powers = versions.flatMap((v) => v.powers);
  return { decision, because: decision.decidedBy.map((p) => describePolicy(p, powers)) };
}

/** A data resource's attributes from the exchange's catalogue; VALIDATION naming `field` when unknown. */
export async function dataResource(
  ctx: ServiceContext,
  id: string,
  field: string,
): Promise<DataResourceAttrs> {
  const r = await catalogue.policyAttrs(ctx, id);
  if (!r) {
    throw validationError(field, `Unknown data resource ${id}`);
  }
  return r;
}

/**
 * "Who may read this resource, and on which basis?": every department with a rights list in force,
 * and every staff role, asked of the same policy set, for an ordinary read by the department itself.
 */
export async function whoMay(ctx: ServiceContext, resourceId: string, purpose: string) {
  const { engine, versions } = await policyInForce(ctx);
  const resource = await dataResource(ctx, resourceId, "querystring.resource");
  const powers = versions.flatMap((v) => v.powers);
  const departments = [...new Set([...versions.map((v) => v.department_code), resource.owner])].sort();
  const answers = [];
  for (const department of departments) {
    for (const role of ["officer", "dept_admin", "leader", "auditor"]) {
      const decision = engine.decide({
        action: "read",
        principal: { id: `${role}@${department}`, roles: [role], departments: [department] },
        resource,
        context: {
          purpose,
          legalBasis: "",
          viaExchange: department !== resource.owner,
          relatedToSubject: false,
          readsToday: 0,
          dailyLimit: 1,
        },
      });
      if (decision.allow) {
        answers.push({ department, role, because: decision.decidedBy.map((p) => describePolicy(p, powers)) });
      }
    }
  }
  return {
    resource,
    purpose,
    allowed: answers,
    // What can still refuse an individual read, whoever asks.
    limits: NEGATIVE_LIST.filter((r) => r.cedar.includes(`Action::"read"`)).map((r) => ({
      policy: r.id,
      title: r.title,
      titleEn: r.titleEn,
    })),
  };
}

// ---- rights lists: publication, proposals and review ----------------------------------------

/** The lists in force, by department (public: 权责清单 are published). */
export async function rightsInForce(ctx: ServiceContext) {
  const { versions } = await policyInForce(ctx);
  return versions.map((v) => ({
    departmentCode: v.department_code,
    version: v.version,
    effectiveFrom: v.effective_from,
    powers: v.powers,
  }));
}

/** Every version, with the names of who proposed and reviewed it. */
export async function listVersions(ctx: ServiceContext, departmentCode?: string) {
  const versions = await repo.listVersions(ctx.db, departmentCode);
  const accounts = versions
    .flatMap((v) => [v.proposed_by, v.reviewed_by])
    .filter((id): id is string => id !== null);
  const names = await directory.labelsFor(ctx, {
    account: [...new Set(accounts)],
    person: [],
    organisation: [],
  });
  return { versions, names };
}

async function callerDepartmentCodes(ctx: ServiceContext, caller: Caller): Promise<string[]> {
  return directory.departmentCodes(ctx, caller.actor.departmentIds);
}

/** A department admin proposes a new version of their department's list; it must compile and validate. */
export async function propose(
  ctx: ServiceContext,
  caller: Caller,
  input: { departmentCode: string; summary: string; powers: Power[] },
): Promise<repo.VersionRow> {
  const mine = await callerDepartmentCodes(ctx, caller);
  if (!caller.actor.roles.includes("dept_admin") || !mine.includes(input.departmentCode)) {
    throw forbidden("Only an admin of this department may propose changes to its lists");
  }
  // One open proposal per department: a second would be reviewed against a list it does not replace.
  const open = (await repo.listVersions(ctx.db, input.departmentCode)).find((v) => v.status === "proposed");
  if (open) {
    throw conflict(`Version ${open.version} of this list is still awaiting review`, "body.departmentCode");
  }
  const strangers = input.powers.findIndex((p) => p.department !== input.departmentCode);
  if (strangers >= 0) {
    throw validationError(
      `body.powers[${strangers}].department`,
      "A department's list holds only its own powers",
    );
  }
  const codes = new Set<string>();
  input.powers.forEach((p, i) => {
    if (codes.has(p.code)) {
      throw validationError(`body.powers[${i}].code`, `Duplicate power code ${p.code}`);
    }
    codes.add(p.code);
  });
  // The proposal must compile, with every other list in force, into a valid policy set.
  const { versions } = await policyInForce(ctx, true);
  const others = versions.filter((v) => v.department_code !== input.departmentCode).flatMap((v) => v.powers);
  try {
    PolicyEngine.create(compilePowers([...others, ...input.powers]));
  } catch (error) {
    if (error instanceof PolicyValidationError) {
      throw new DomainError(
        "VALIDATION",
        `The proposed list does not validate: ${error.message}`,
        "body.powers",
      );
    }
    throw error;
  }
  const id = await inTransaction(ctx.db, async (tx) => {
    const versionId = await repo.insertVersion(tx, {
      department_code: input.departmentCode,
      powers: input.powers,
      status: "proposed",
      summary: input.summary,
      proposed_by: caller.actor.accountId,
      effective_from: null,
      reviewed_at: null,
    });
    await ctx.ledger.record(tx, {
      action: "policy.propose",
      actor: caller.actor,
      resource: `policy/rights-lists/${input.departmentCode}/${versionId}`,
      outcome: "success",
      requestId: caller.requestId,
      details: { department: input.departmentCode, powers: input.powers.length, summary: input.summary },
    });
    return versionId;
  });
  return (await repo.findVersion(ctx.db, id)) as repo.VersionRow;
}

/** A legal reviewer approves (with an effective date) or refuses (with reasons) a proposal. */
export async function review(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  input: { decision: "approve" | "refuse"; reason: string; effectiveFrom?: string | undefined },
): Promise<repo.VersionRow> {
  if (!caller.actor.roles.includes("legal_reviewer")) {
    throw forbidden("Only a legal reviewer may review rights-list changes");
  }
  const version = await repo.findVersion(ctx.db, id);
  if (!version) {
    throw notFound("Rights-list version");
  }
  if (version.proposed_by && version.proposed_by === caller.actor.accountId) {
    throw forbidden("No one reviews their own proposal");
  }
  if (version.status !== "proposed") {
    throw conflict(`This version was already ${version.status}`);
  }
  const effectiveFrom = input.decision === "approve" ? new Date(input.effectiveFrom ?? Date.now()) : null;
  await inTransaction(ctx.db, async (tx) => {
    const updated = await repo.reviewVersion(tx, id, {
      status: input.decision === "approve" ? "approved" : "refused",
      reviewed_by: caller.actor.accountId,
      review_reason: input.reason,
      effective_from: effectiveFrom,
    });
    if (!updated) {
      throw conflict("This version was reviewed meanwhile");
    }
    await ctx.ledger.record(tx, {
      action: input.decision === "approve" ? "policy.approve" : "policy.refuse",
      actor: caller.actor,
      resource: `policy/rights-lists/${version.department_code}/${id}`,
      outcome: "success",
      requestId: caller.requestId,
      details: {
        department: version.department_code,
        version: version.version,
        reason: input.reason,
        effectiveFrom: effectiveFrom?.toISOString() ?? null,
      },
    });
  });
  await policyInForce(ctx, true);
  return (await repo.findVersion(ctx.db, id)) as repo.VersionRow;
}

/** What a version changes against the list in force: powers added, removed and changed. */
export async function diff(ctx: ServiceContext, id: string) {
  const version = await repo.findVersion(ctx.db, id);
  if (!version) {
    throw notFound("Rights-list version");
  }
  const { versions } = await policyInForce(ctx, true);
  const current = versions.find((v) => v.department_code === version.department_code && v.id !== version.id);
  const before = new Map((current?.powers ?? []).map((p) => [p.code, p]));
  const after = new Map(version.powers.map((p) => [p.code, p]));
  return {
    against: current ? { id: current.id, version: current.version } : null,
    added: [...after.values()].filter((p) => !before.has(p.code)),
    removed: [...before.values()].filter((p) => !after.has(p.code)),
    changed: [...after.values()]
      .filter((p) => before.has(p.code) && JSON.stringify(before.get(p.code)) !== JSON.stringify(p))
      .map((p) => ({ code: p.code, before: before.get(p.code), after: p })),
  };
}

/** Seeds the demo's real-world lists as approved, effective version 1 of each department that has powers. */
export async function seedDemoRights(ctx: ServiceContext, caller: Caller): Promise<void> {
  const byDepartment = new Map<string, Power[]>();
  for (const p of DEMO_POWERS) {
    byDepartment.set(p.department, [...(byDepartment.get(p.department) ?? []), p]);
  }
  for (const [department, powers] of byDepartment) {
    await inTransaction(ctx.db, async (tx) => {
      const id = await repo.insertVersion(tx, {
        department_code: department,
        powers,
        status: "approved",
        summary: "权责清单（初始版本）",
        proposed_by: null,
        effective_from: new Date(),
        reviewed_at: new Date(),
      });
      await ctx.ledger.record(tx, {
        action: "policy.approve",
        actor: caller.actor,
        resource: `policy/rights-lists/${department}/${id}`,
        outcome: "success",
        requestId: caller.requestId,
        details: { department, version: 1, reason: "initial lists of the demo" },
      });
    });
  }
}

/** Midnight in China (UTC+8) of the day `now` falls in: the daily read cap counts from there. */
export function startOfChinaDay(now: Date): Date {
  const shifted = new Date(now.getTime() + 8 * 3_600_000);
  shifted.setUTCHours(0, 0, 0, 0);
  return new Date(shifted.getTime() - 8 * 3_600_000);
}

/** The calendar date in China (UTC+8), as YYYY-MM-DD. */
export function chinaDay(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export interface ReadRequest {
  resource: DataResourceAttrs;
  subject: { type: "person" | "organisation"; id: string };
  purpose: string;
  legalBasis: string;
  viaExchange: boolean;
}

/** The daily cap that applies to an account: department systems serve many people by design. */
export function dailyLimitFor(ctx: ServiceContext, roles: readonly string[]): number {
  return roles.includes("system") ? ctx.config.systemDailyReadLimit : ctx.config.dailyReadLimit;
}

/**
 * Decides whether the caller may read one subject's record in a data resource, with the facts the
 * negative list needs (persons read today, declared relations) taken from the platform itself.
 * Records nothing: the caller writes the ledger entry with the decision's policies, in `tx`.
 */
export async function evaluateRead(
  ctx: ServiceContext,
  caller: Caller,
  input: ReadRequest,
  tx: Db | Transaction<DB> = ctx.db,
  /** The facts when the caller already fetched them with readFactsSql (in its own query). */
  known?: repo.RawReadFacts,
): Promise<Decision> {
  const accountId = caller.actor.accountId;
  if (!accountId) {
    throw forbidden("Reading personal data needs an account");
  }
  const person = input.subject.type === "person" ? input.subject.id : null;
  const dailyLimit = dailyLimitFor(ctx, caller.actor.roles);
  const [departments, facts] = await Promise.all([
    directory.departmentCodes(ctx, caller.actor.departmentIds),
    known
      ? repo.readFactsOf(known)
      : person
        ? repo.readFacts(tx, accountId, chinaDay(new Date()), person)
        : { readsToday: 0, related: false },
  ]);
  const { readsToday, related } = facts;
  return decide(ctx, {
    action: "read",
    principal: { id: accountId, roles: [...caller.actor.roles], departments },
    resource: input.resource,
    context: {
      purpose: input.purpose,
      legalBasis: input.legalBasis,
      viaExchange: input.viaExchange,
      relatedToSubject: related,
      readsToday,
      dailyLimit,
    },
  });
}

/** Who reads, for readFactsSql: an actor without an account (the platform itself) counts as this one. */
export const NO_ACCOUNT = "00000000-0000-0000-0000-000000000000";

/**
 * The daily-cap and relation facts of a read as one SQL expression, for a caller that resolves the
 * subject in the same query (`personId` is an SQL expression); pass the result to evaluateRead.
 * `accountId` (the caller's, or NO_ACCOUNT) and `day` (chinaDay of now) are values, or parameters'
 * stand-ins when the query is compiled once (runShaped).
 */
export function readFactsSql(
  accountId: unknown,
  day: unknown,
  personId: RawBuilder<unknown>,
): RawBuilder<repo.RawReadFacts> {
  return repo.readFactsSql(accountId as string, day as string, personId);
}

/** The same, as statements to run along the ledger entry of the read (Ledger.recordAlong). */
export function noteReadSql(caller: Caller, personId: string): Companion[] {
  return caller.actor.accountId
    ? repo.noteReadSql(caller.actor.accountId, chinaDay(new Date()), personId)
    : [];
}

/** The same for many reads at once (Ledger.recordAlongMany); reads without an account count nothing. */
export function noteReadsSql(reads: { caller: Caller; personId: string }[]): Companion[] {
  const day = chinaDay(new Date());
  return repo.noteReadsSql(
    reads.flatMap((r) =>
      r.caller.actor.accountId ? [{ accountId: r.caller.actor.accountId, day, personId: r.personId }] : [],
    ),
  );
}

/** After an allowed read of a person's record: counts the person towards the account's daily cap. */
export async function noteRead(tx: Db | Transaction<DB>, caller: Caller, personId: string): Promise<void> {
  if (caller.actor.accountId) {
    await repo.noteRead(tx, caller.actor.accountId, chinaDay(new Date()), personId);
  }
}

/**
 * Decides a read of one person's record and records the decision and the policies that took it in
 * the ledger, in the caller's transaction.
 */
export async function authorizeRead(
  ctx: ServiceContext,
  caller: Caller,
  input: {
    resource: string;
    personId: string;
    purpose: string;
    legalBasis: string;
    viaExchange: boolean;
    reference?: string | null;
  },
  tx: Db | Transaction<DB> = ctx.db,
): Promise<Decision> {
  const decision = await evaluateRead(
    ctx,
    caller,
    {
      resource: await dataResource(ctx, input.resource, "resource"),
      subject: { type: "person", id: input.personId },
      purpose: input.purpose,
      legalBasis: input.legalBasis,
      viaExchange: input.viaExchange,
    },
    tx,
  );
  await ctx.ledger.record(tx, {
    action: decision.allow ? "data.read" : "data.read_refused",
    actor: caller.actor,
    subjects: [{ type: "person", id: input.personId }],
    resource: `data/${input.resource}`,
    purpose: input.purpose,
    legalBasis: input.legalBasis,
    reference: input.reference ?? null,
    outcome: decision.allow ? "success" : "denied",
    policies: decision.decidedBy,
    requestId: caller.requestId,
    details: { reason: decision.reason, viaExchange: input.viaExchange },
  });
  if (decision.allow) {
    await noteRead(tx, caller, input.personId);
  }
  return decision;
}

/** A member of staff declares a person they are related to; from then on they may not read that person's records. */
export async function declareRelation(
  ctx: ServiceContext,
  caller: Caller,
  input: { personId: string; relation: string },
): Promise<void> {
  const accountId = caller.actor.accountId;
  if (!accountId) {
    throw forbidden("Only accounts declare relations");
  }
  await inTransaction(ctx.db, async (tx) => {
    await repo.declareRelation(tx, {
      account_id: accountId,
      person_id: input.personId,
      relation: input.relation,
    });
    await ctx.ledger.record(tx, {
      action: "policy.relation.declare",
      actor: caller.actor,
      subjects: [{ type: "person", id: input.personId }],
      resource: "policy/declared-relations",
      outcome: "success",
      requestId: caller.requestId,
      details: { relation: input.relation },
    });
  });
}
