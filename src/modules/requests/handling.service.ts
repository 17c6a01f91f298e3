import type { Transaction } from "kysely";
import { calendarFor, type WorkingCalendar } from "../../platform/calendar/index.js";
import type { Caller, ServiceContext } from "../../platform/context.js";
import type { DB } from "../../platform/db/schema.js";
import { inTransaction } from "../../platform/db/tx.js";
import { conflict, forbidden, notFound, validationError } from "../../platform/errors.js";
import { assertMayRead, isCentre, type Relation, relationOf } from "./access.js";
import { type Category, type CategoryTree, categoryOrThrow, categoryTree } from "./categories.service.js";
import { deadlinesFrom } from "./deadlines.js";
import { departmentAbove, deptOrThrow } from "./departments.js";
import * as repo from "./requests.repository.js";
import type { RequestStatus } from "./requests.tables.js";
import { MAX_TEXT } from "./text.js";

type Tx = Transaction<DB>;

function text(value: string | undefined | null, field: string, max: number): string {
  const t = value?.trim() ?? "";
  if (t === "") {
    throw validationError(field, `${field} is required and cannot be empty`);
  }
  if ([...t].length > max) {
    throw validationError(field, `${field} is at most ${max.toLocaleString("en")} characters`);
  }
  if (t.includes("\u0000")) {
    throw validationError(field, `${field} contains a NUL character`);
  }
  return t;
}

interface Step {
  tx: Tx;
  /** The context bound to the transaction: every query inside uses its one connection. */
  txCtx: ServiceContext;
  calendar: WorkingCalendar;
  tree: CategoryTree;
  request: repo.RequestRow;
  relation: Relation;
  assignments: repo.AssignmentRow[];
}

/** Runs one action on a locked request inside a transaction, with the caller's relation to it. */
async function act<T>(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  fn: (step: Step) => Promise<T>,
): Promise<T> {
  // Loaded (or taken from their caches) before the transaction holds the connection.
  const [calendar, tree] = await Promise.all([calendarFor(ctx), categoryTree(ctx)]);
  return inTransaction(ctx.db, async (tx) => {
    const txCtx: ServiceContext = { ...ctx, db: tx };
    const request = await repo.lockRequest(tx, id);
    if (!request) {
      throw notFound("Request");
    }
    const assignments = await repo.assignmentsOf(tx, [id]);
    const relation = await relationOf(txCtx, caller, request, assignments);
    assertMayRead(caller, relation);
    return fn({ tx, txCtx, calendar, tree, request, relation, assignments });
  });
}

function expectStatus(request: repo.RequestRow, allowed: readonly RequestStatus[], doing: string): void {
  if (!allowed.includes(request.status)) {
    throw conflict(`Cannot ${doing}: the request is ${request.status.replace("_", " ")}`);
  }
}

function leadOrThrow(relation: Relation, doing: string): repo.AssignmentRow {
  if (!relation.lead) {
    throw forbidden(`Only the lead department ${doing}`);
  }
  return relation.lead;
}

const record = (
  ctx: ServiceContext,
  tx: Tx,
  caller: Caller,
  request: repo.RequestRow,
  action: string,
  details: Record<string, string | number | boolean | null | string[]> = {},
) =>
  ctx.ledger.record(tx, {
    action,
    actor: caller.actor,
    subjects: request.requester_account_id ? [{ type: "account", id: request.requester_account_id }] : [],
    resource: `requests/${request.id}`,
    outcome: "success",
    requestId: caller.requestId,
    details: { number: request.number, ...details },
  });

export interface DispatchTarget {
  category: Category;
  department: string;
  coHandlers: string[];
  automatic: boolean;
  /** The ledger entry that already records this dispatch (intake's), if any. */
  ledgerSeq?: number;
}

/** Sends a request to its lead department (and co-handlers) with the category's deadlines. */
export async function dispatchInTx(
  ctx: ServiceContext,
  tx: Tx,
  caller: Caller,
  requestId: string,
  target: DispatchTarget,
  calendar: WorkingCalendar,
): Promise<void> {
  const now = new Date();
  const due = deadlinesFrom(calendar, now, target.category);
  await repo.updateRequest(tx, requestId, {
    status: "dispatched",
    category_code: target.category.code,
    department_code: target.department,
    dispatched_at: now,
    contact_due_at: due.contactDueAt,
    resolve_due: due.resolveDue,
    resolve_due_estimated: due.estimated,
  });
  await repo.addAssignment(tx, {
    requestId,
    department: target.department,
    role: "lead",
    by: caller.actor.accountId,
  });
  for (const co of target.coHandlers) {
    await repo.addAssignment(tx, { requestId, department: co, role: "co", by: caller.actor.accountId });
  }
  let seq = target.ledgerSeq;
  if (seq === undefined) {
    const request = (await repo.findRequest(tx, requestId)) as repo.RequestRow;
    seq = await record(ctx, tx, caller, request, "requests.dispatch", {
      category: target.category.code,
      department: target.department,
      coHandlers: target.coHandlers,
      automatic: target.automatic,
    });
  }
  await repo.addEvent(tx, {
    requestId,
    kind: "dispatched",
    actor: target.automatic ? null : caller.actor.accountId,
    department: target.department,
    public: true,
    details: {
      category: target.category.code,
      coHandlers: target.coHandlers,
      automatic: target.automatic,
      resolveDue: due.resolveDue,
    },
    ledgerSeq: seq,
  });
}

export interface DispatchInput {
  category: string;
  department?: string | undefined;
  coHandlers?: string[] | undefined;
}

/**
 * The dispatcher sends a waiting request to a department. When that differs from the classifier's
 * proposal, or follows a department's return, the correction is kept as a training example.
 */
export async function dispatch(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  input: DispatchInput,
): Promise<void> {
  if (!(await isCentre(ctx, caller))) {
    throw forbidden("Only the 12345 centre dispatches requests");
  }
  const category = await categoryOrThrow(ctx, input.category, "body.category");
  const department = input.department ?? category.department;
  if (!department) {
    throw validationError("body.department", `Category ${category.name} has no department: choose one`);
  }
  await deptOrThrow(ctx, department, "body.department");
  const coHandlers = [...new Set(input.coHandlers ?? [])];
  for (const [i, code] of coHandlers.entries()) {
    await deptOrThrow(ctx, code, `body.coHandlers[${i}]`);
    if (code === department) {
      throw validationError(`body.coHandlers[${i}]`, "The lead department is not also a co-handler");
    }
  }
  await act(ctx, caller, id, async ({ tx, calendar, request }) => {
    expectStatus(request, ["pending"], "dispatch");
    const open = await tx
      .selectFrom("request_corrections")
      .select("id")
      .where("request_id", "=", id)
      .where("resolved_at", "is", null)
      .execute();
    if (open.length > 0) {
      await tx
        .updateTable("request_corrections")
        .set({ to_category_code: category.code, to_department_code: department, resolved_at: new Date() })
        .where(
          "id",
          "in",
          open.map((c) => c.id),
        )
        .execute();
    } else if (
      request.proposed_category_code &&
      (request.proposed_category_code !== category.code || request.proposed_department_code !== department)
    ) {
      await tx
        .insertInto("request_corrections")
        .values({
          request_id: id,
          text: request.title ? `${request.title}\n${request.description}` : request.description,
          source: "dispatcher",
          from_category_code: request.proposed_category_code,
          from_department_code: request.proposed_department_code,
          from_confidence: request.proposed_confidence,
          to_category_code: category.code,
          to_department_code: department,
          reason: null,
          created_by: caller.actor.accountId,
          resolved_at: new Date(),
        })
        .execute();
    }
    await dispatchInTx(ctx, tx, caller, id, { category, department, coHandlers, automatic: false }, calendar);
  });
}

/** The lead department (or a co-handler) accepts what was sent to it. */
export async function accept(ctx: ServiceContext, caller: Caller, id: string): Promise<void> {
  await act(ctx, caller, id, async ({ tx, request, relation }) => {
    const mine = relation.lead ?? relation.co;
    if (!mine) {
      throw forbidden("This request was not sent to your department");
    }
    if (mine.status !== "dispatched") {
      throw conflict("Your department has already accepted this request");
    }
    await repo.setAssignmentStatus(tx, mine.id, "accepted");
    const seq = await record(ctx, tx, caller, request, "requests.accept", {
      department: mine.department_code,
      role: mine.role,
    });
    if (mine.role === "lead") {
      await repo.updateRequest(tx, id, {
        status: "in_progress",
        ...(request.accepted_at ? {} : { accepted_at: new Date() }),
      });
    }
    await repo.addEvent(tx, {
      requestId: id,
      kind: "accepted",
      actor: caller.actor.accountId,
      department: mine.department_code,
      public: mine.role === "lead",
      details: { role: mine.role },
      ledgerSeq: seq,
    });
  });
}

function acceptedLead(relation: Relation, doing: string): repo.AssignmentRow {
  const lead = leadOrThrow(relation, doing);
  if (lead.status !== "accepted") {
    throw conflict("Accept the request first");
  }
  return lead;
}

/** The lead department records that it has contacted the requester (先行联系). */
export async function recordContact(ctx: ServiceContext, caller: Caller, id: string): Promise<void> {
  await act(ctx, caller, id, async ({ tx, request, relation }) => {
    const lead = acceptedLead(relation, "contacts the requester");
    expectStatus(request, ["in_progress"], "record a contact");
    const seq = await record(ctx, tx, caller, request, "requests.contact", {
      department: lead.department_code,
    });
    if (!request.first_contact_at) {
      await repo.updateRequest(tx, id, { first_contact_at: new Date() });
    }
    await repo.addEvent(tx, {
      requestId: id,
      kind: "contacted",
      actor: caller.actor.accountId,
      department: lead.department_code,
      public: true,
      ledgerSeq: seq,
    });
  });
}

/** A handling note: internal, or shown to the requester as progress. */
export async function addNote(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  input: { text: string; public: boolean },
): Promise<void> {
  const body = text(input.text, "body.text", 2000);
  await act(ctx, caller, id, async ({ tx, request, relation }) => {
    const mine = relation.lead ?? relation.co;
    if (mine?.status !== "accepted") {
      throw forbidden("Only a department handling the request adds notes");
    }
    expectStatus(request, ["in_progress", "replied"], "add a note");
    const seq = await record(ctx, tx, caller, request, "requests.note", {
      department: mine.department_code,
      public: input.public,
    });
    await repo.addEvent(tx, {
      requestId: id,
      kind: "note",
      actor: caller.actor.accountId,
      department: mine.department_code,
      public: input.public,
      message: body,
      ledgerSeq: seq,
    });
  });
}

/** The lead department's answer to the requester (办理结果答复). */
export async function reply(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  input: { text: string },
): Promise<void> {
  const body = text(input.text, "body.text", MAX_TEXT);
  await act(ctx, caller, id, async ({ tx, request, relation }) => {
    const lead = acceptedLead(relation, "replies");
    expectStatus(request, ["in_progress"], "reply");
    const now = new Date();
    const seq = await record(ctx, tx, caller, request, "requests.reply", {
      department: lead.department_code,
    });
    await repo.updateRequest(tx, id, {
      status: "replied",
      reply: body,
      reply_by: caller.actor.accountId,
      replied_at: now,
      // A reply reaches the requester: it is a contact when none was recorded before.
      ...(request.first_contact_at ? {} : { first_contact_at: now }),
    });
    await repo.addEvent(tx, {
      requestId: id,
      kind: "replied",
      actor: caller.actor.accountId,
      department: lead.department_code,
      public: true,
      message: body,
      ledgerSeq: seq,
    });
  });
}

async function closeInTx(
  tx: Tx,
  caller: Caller,
  request: repo.RequestRow,
  note: string | null,
  seq: number,
): Promise<void> {
  await repo.updateRequest(tx, request.id, { status: "closed", closed_at: new Date() });
  await tx
    .updateTable("request_assignments")
    .set({ status: "done", done_at: new Date() })
    .where("request_id", "=", request.id)
    .where("status", "in", ["dispatched", "accepted"])
    .execute();
  await repo.addEvent(tx, {
    requestId: request.id,
    kind: "closed",
    actor: caller.actor.accountId,
    department: request.department_code,
    public: true,
    message: note,
    ledgerSeq: seq,
  });
}

/** The lead department closes a replied request (办结). */
export async function close(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  input: { note?: string | undefined },
): Promise<void> {
  const note = input.note?.trim() ? text(input.note, "body.note", 1000) : null;
  await act(ctx, caller, id, async ({ tx, request, relation }) => {
    const lead = acceptedLead(relation, "closes the request");
    expectStatus(request, ["replied"], "close (reply first)");
    const seq = await record(ctx, tx, caller, request, "requests.close", {
      department: lead.department_code,
    });
    await closeInTx(tx, caller, request, note, seq);
  });
}

/**
 * The lead department returns a misrouted request to the dispatcher with its reason (退单). The
 * routing it received is kept as a correction (a training example), completed when the dispatcher
 * sends the request on.
 */
export async function returnToDispatcher(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  input: { reason: string },
): Promise<void> {
  const reason = text(input.reason, "body.reason", 500);
  await act(ctx, caller, id, async ({ tx, request, relation }) => {
    const lead = leadOrThrow(relation, "returns a request");
    expectStatus(request, ["dispatched", "in_progress"], "return");
    const seq = await record(ctx, tx, caller, request, "requests.return", {
      department: lead.department_code,
    });
    await tx
      .insertInto("request_corrections")
      .values({
        request_id: id,
        text: request.title ? `${request.title}\n${request.description}` : request.description,
        source: "returned",
        from_category_code: request.category_code,
        from_department_code: lead.department_code,
        from_confidence:
          request.proposed_category_code === request.category_code ? request.proposed_confidence : null,
        to_category_code: null,
        to_department_code: null,
        reason,
        created_by: caller.actor.accountId,
      })
      .execute();
    await repo.endOpenAssignments(tx, id, "returned");
    await repo.updateRequest(tx, id, {
      status: "pending",
      department_code: null,
      category_code: null,
      contact_due_at: null,
      resolve_due: null,
      resolve_due_estimated: false,
    });
    await repo.addEvent(tx, {
      requestId: id,
      kind: "returned",
      actor: caller.actor.accountId,
      department: lead.department_code,
      public: false,
      message: reason,
      ledgerSeq: seq,
    });
  });
}

/**
 * The lead department escalates to the level above (提级): that department becomes the lead and must
 * accept; the escalating department stays on as a co-handler. Deadlines run on.
 */
export async function escalate(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  input: { reason: string },
): Promise<string> {
  const reason = text(input.reason, "body.reason", 500);
  return act(ctx, caller, id, async ({ tx, txCtx, request, relation, assignments }) => {
    const lead = leadOrThrow(relation, "escalates a request");
    expectStatus(request, ["dispatched", "in_progress"], "escalate");
    const above = await departmentAbove(txCtx, lead.department_code);
    const seq = await record(ctx, tx, caller, request, "requests.escalate", {
      from: lead.department_code,
      to: above.code,
    });
    await repo.setAssignmentStatus(tx, lead.id, "escalated");
    for (const a of assignments) {
      if (a.department_code === above.code && (a.status === "dispatched" || a.status === "accepted")) {
        await repo.setAssignmentStatus(tx, a.id, "done");
      }
    }
    await repo.addAssignment(tx, {
      requestId: id,
      department: above.code,
      role: "lead",
      by: caller.actor.accountId,
    });
    await repo.addAssignment(tx, {
      requestId: id,
      department: lead.department_code,
      role: "co",
      status: "accepted",
      by: caller.actor.accountId,
    });
    await repo.updateRequest(tx, id, { status: "dispatched", department_code: above.code });
    await repo.addEvent(tx, {
      requestId: id,
      kind: "escalated",
      actor: caller.actor.accountId,
      department: above.code,
      public: true,
      message: reason,
      details: { from: lead.department_code },
      ledgerSeq: seq,
    });
    return above.code;
  });
}

/** The lead department asks another department to handle the request jointly (联合办理). */
export async function addCoHandler(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  input: { department: string },
): Promise<void> {
  await deptOrThrow(ctx, input.department, "body.department");
  await act(ctx, caller, id, async ({ tx, request, relation, assignments }) => {
    const lead = acceptedLead(relation, "adds co-handlers");
    expectStatus(request, ["in_progress"], "add a co-handler");
    if (
      input.department === lead.department_code ||
      assignments.some(
        (a) =>
          a.department_code === input.department && (a.status === "dispatched" || a.status === "accepted"),
      )
    ) {
      throw conflict(`${input.department} already handles this request`, "body.department");
    }
    const seq = await record(ctx, tx, caller, request, "requests.cohandler.add", {
      department: input.department,
    });
    await repo.addAssignment(tx, {
      requestId: id,
      department: input.department,
      role: "co",
      by: caller.actor.accountId,
    });
    await repo.addEvent(tx, {
      requestId: id,
      kind: "co_handler_added",
      actor: caller.actor.accountId,
      department: input.department,
      public: true,
      ledgerSeq: seq,
    });
  });
}

/** A co-handling department hands its part to the lead (会办意见). */
export async function contribute(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  input: { text: string },
): Promise<void> {
  const body = text(input.text, "body.text", 2000);
  await act(ctx, caller, id, async ({ tx, request, relation }) => {
    const co = relation.co;
    if (!co) {
      throw forbidden("Only a co-handling department contributes");
    }
    if (co.status !== "accepted") {
      throw conflict("Accept the request first");
    }
    const seq = await record(ctx, tx, caller, request, "requests.contribute", {
      department: co.department_code,
    });
    await repo.setAssignmentStatus(tx, co.id, "done", { contribution: body });
    await repo.addEvent(tx, {
      requestId: id,
      kind: "contribution",
      actor: caller.actor.accountId,
      department: co.department_code,
      public: false,
      message: body,
      ledgerSeq: seq,
    });
  });
}

export interface ReturnVisitInput {
  resolved: boolean;
  satisfied: boolean;
  comment?: string | undefined;
}

/**
 * 回访: the requester (or a hotline agent calling them) says whether the matter was resolved and
 * whether they are satisfied. Resolved closes a replied request; not resolved re-opens it with the
 * lead department and fresh deadlines. One visit per reply.
 */
export async function returnVisit(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  input: ReturnVisitInput,
): Promise<{ reopened: boolean }> {
  const comment = input.comment?.trim() ? text(input.comment, "body.comment", 1000) : null;
  return act(ctx, caller, id, async ({ tx, calendar, tree, request, relation, assignments }) => {
    let channel: "self" | "phone";
    if (relation.requester) {
      channel = "self";
    } else if (relation.centre) {
      channel = "phone";
    } else {
      throw forbidden("Only the requester, or the 12345 centre calling them, records a return visit");
    }
    expectStatus(request, ["replied", "closed"], "record a return visit (no reply yet)");
    if (request.return_visit_at && request.replied_at && request.return_visit_at >= request.replied_at) {
      throw conflict("This reply already has a return visit");
    }
    const reopened = !input.resolved;
    const seq = await record(ctx, tx, caller, request, "requests.return_visit", {
      channel,
      resolved: input.resolved,
      satisfied: input.satisfied,
      reopened,
    });
    const now = new Date();
    await tx
      .insertInto("request_return_visits")
      .values({
        request_id: id,
        at: now,
        by_account_id: caller.actor.accountId,
        channel,
        resolved: input.resolved,
        satisfied: input.satisfied,
        comment,
        reopened,
      })
      .execute();
    await repo.updateRequest(tx, id, {
      resolved: input.resolved,
      satisfied: input.satisfied,
      return_visit_at: now,
    });
    await repo.addEvent(tx, {
      requestId: id,
      kind: "return_visit",
      actor: caller.actor.accountId,
      public: true,
      message: comment,
      details: { resolved: input.resolved, satisfied: input.satisfied, channel },
      ledgerSeq: seq,
    });
    if (reopened) {
      const category = request.category_code ? tree.byCode.get(request.category_code) : undefined;
      const due = deadlinesFrom(calendar, now, category ?? { contactHours: 24, resolveDays: 15 });
      await repo.updateRequest(tx, id, {
        status: "in_progress",
        closed_at: null,
        reopened_count: request.reopened_count + 1,
        resolve_due: due.resolveDue,
        resolve_due_estimated: due.estimated,
      });
      const lead = [...assignments]
        .reverse()
        .find((a) => a.role === "lead" && a.department_code === request.department_code);
      if (lead && lead.status !== "accepted") {
        await tx
          .updateTable("request_assignments")
          .set({ status: "accepted", done_at: null })
          .where("id", "=", lead.id)
          .execute();
      }
      await repo.addEvent(tx, {
        requestId: id,
        kind: "reopened",
        actor: caller.actor.accountId,
        department: request.department_code,
        public: true,
        details: { resolveDue: due.resolveDue },
        ledgerSeq: seq,
      });
    } else if (request.status === "replied") {
      await closeInTx(tx, caller, request, null, seq);
    }
    return { reopened };
  });
}

/** Routing corrections (training examples for the classifier), newest first: the centre and platform admins. */
export async function listCorrections(
  ctx: ServiceContext,
  caller: Caller,
  filter: { resolvedOnly?: boolean | undefined; limit: number; offset: number },
): Promise<{ rows: repo.CorrectionRow[]; total: number }> {
  if (!caller.actor.roles.includes("platform_admin") && !(await isCentre(ctx, caller))) {
    throw forbidden("Corrections are for the 12345 centre and platform admins");
  }
  let q = ctx.db.selectFrom("request_corrections");
  if (filter.resolvedOnly) {
    q = q.where("resolved_at", "is not", null);
  }
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy("created_at", "desc").limit(filter.limit).offset(filter.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}
