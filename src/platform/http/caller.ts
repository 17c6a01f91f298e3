import type { FastifyRequest } from "fastify";
import type { Caller } from "../context.js";

/** The caller of a service, from the authenticated request. */
export function callerOf(request: FastifyRequest): Caller {
  const p = request.principal;
  return {
    actor: p
      ? { accountId: p.accountId, roles: p.roles, departmentIds: p.departmentIds, via: p.via }
      : { accountId: null, roles: [], departmentIds: [], via: "anonymous" },
    requestId: request.id,
  };
}
