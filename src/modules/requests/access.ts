import type { Caller, ServiceContext } from "../../platform/context.js";
import { forbidden, notFound } from "../../platform/errors.js";
import { callerDepartmentCodes } from "./departments.js";
import type { AssignmentRow, RequestRow } from "./requests.repository.js";

/** How a caller stands to one request: what they may see and do follows from this. */
export interface Relation {
  requester: boolean;
  /** A hotline agent or dispatcher of the 12345 centre. */
  centre: boolean;
  /** The open lead assignment of one of the caller's departments. */
  lead: AssignmentRow | null;
  /** An open co-handling assignment of one of the caller's departments. */
  co: AssignmentRow | null;
  /** One of the caller's departments handles or handled it. */
  handler: boolean;
  /** Leaders and auditors read every request. */
  reader: boolean;
}

const OPEN = new Set(["dispatched", "accepted"]);

/** Whether the caller is an officer of the dispatch centre (config `requestsCentre`). */
export async function isCentre(ctx: ServiceContext, caller: Caller): Promise<boolean> {
  if (!caller.actor.roles.includes("officer") || caller.actor.departmentIds.length === 0) {
    return false;
  }
  return (await callerDepartmentCodes(ctx, caller)).includes(ctx.config.requestsCentre);
}

export async function relationOf(
  ctx: ServiceContext,
  caller: Caller,
  request: RequestRow,
  assignments: readonly AssignmentRow[],
): Promise<Relation> {
  const mine = caller.actor.roles.includes("officer")
    ? new Set(await callerDepartmentCodes(ctx, caller))
    : new Set();
  const ours = assignments.filter((a) => mine.has(a.department_code));
  return {
    requester: caller.actor.accountId !== null && request.requester_account_id === caller.actor.accountId,
    centre: mine.has(ctx.config.requestsCentre),
    lead: ours.find((a) => a.role === "lead" && OPEN.has(a.status)) ?? null,
    co: ours.find((a) => a.role === "co" && OPEN.has(a.status)) ?? null,
    handler: ours.length > 0,
    reader: caller.actor.roles.includes("leader") || caller.actor.roles.includes("auditor"),
  };
}

/** Refuses a caller who may not read the request; NOT_FOUND for citizens so that ids reveal nothing. */
export function assertMayRead(caller: Caller, relation: Relation): void {
  if (relation.requester || relation.centre || relation.handler || relation.reader) {
    return;
  }
  const staff = caller.actor.roles.some((r) => r !== "citizen" && r !== "enterprise_agent");
  throw staff ? forbidden("This request was not sent to your department") : notFound("Request");
}
