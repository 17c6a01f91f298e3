import type { ServiceContext } from "../../platform/context.js";
import { DomainError } from "../../platform/errors.js";
import type { DeclaredRoute, Principal, RouteAuthorizer, RouteDecision } from "../../platform/http/auth.js";
import { directory } from "../identity/index.js";
import { NEGATIVE_LIST } from "./negative-list.js";
import type { Decision, PolicyEngine } from "./policy.engine.js";
import type { RouteAttrs } from "./policy.schema.js";
import { policyInForce } from "./policy.service.js";
import { routeAttrs } from "./route-policies.js";

/** Decisions kept per policy set; past this many, the cache starts again. */
const MAX_DECISIONS = 10_000;

/**
 * The route-level decision for the HTTP layer, taken by the decision point in force: "may this
 * principal call this route?". Routes become `Yimen::Route` entities once, at start-up. A decision
 * depends only on the route, the principal's account, roles and departments, the credential and the
 * policy set, so it is kept per policy set: a call repeated by the same caller costs a map lookup,
 * and a new policy set starts afresh.
 */
export function routeAuthorizer(ctx: ServiceContext): RouteAuthorizer {
  const routes = new Map<string, RouteAttrs>();
  const decisions = new WeakMap<PolicyEngine, Map<string, RouteDecision>>();
  // Department codes by the ids of a principal's departments (a department's code never changes).
  const codes = new Map<string, string[]>();
  let lastEngine: PolicyEngine | null = null;

  const routeOf = (route: DeclaredRoute): RouteAttrs => {
    const id = `${route.method} ${route.url}`;
    let attrs = routes.get(id);
    if (!attrs) {
      attrs = routeAttrs(route.method, route.url, route.auth);
      routes.set(id, attrs);
    }
    return attrs;
  };

  const engineInForce = async (): Promise<PolicyEngine> => {
    try {
      lastEngine = (await policyInForce(ctx)).engine;
    } catch (error) {
      // The route-level policies do not depend on the database; when it cannot be asked whether new
      // rights lists took effect, the set last in force still decides (and /readyz can say why).
      if (!lastEngine) {
        throw new DomainError(
          "UNAVAILABLE",
          "The decision point cannot load the policies in force",
          undefined,
          {
            cause: String(error),
          },
        );
      }
    }
    return lastEngine as PolicyEngine;
  };

  const departmentCodes = async (ids: readonly string[]): Promise<string[]> => {
    if (ids.length === 0) {
      return [];
    }
    const key = ids.join(",");
    let found = codes.get(key);
    if (!found) {
      found = await directory.departmentCodes(ctx, ids);
      if (codes.size >= MAX_DECISIONS) {
        codes.clear();
      }
      codes.set(key, found);
    }
    return found;
  };

  return {
    learnRoutes(declared) {
      for (const route of declared) {
        routeOf(route);
      }
    },
    async mayCall(principal, route) {
      const resource = routeOf(route);
      const engine = await engineInForce();
      let cache = decisions.get(engine);
      if (!cache) {
        cache = new Map();
        decisions.set(engine, cache);
      }
      const key = principal
        ? JSON.stringify([
            resource.id,
            principal.accountId,
            principal.roles,
            principal.departmentIds,
            principal.via === "token" ? principal.scopes : null,
          ])
        : resource.id;
      const cached = cache.get(key);
      if (cached) {
        return cached;
      }
      const decision = engine.decide({
        action: "call",
        principal: principal
          ? {
              id: principal.accountId,
              roles: principal.roles,
              departments: await departmentCodes(principal.departmentIds),
            }
          : null,
        resource,
        context: {
          viaToken: principal?.via === "token",
          scopes: principal?.via === "token" ? principal.scopes : [],
        },
      });
      const answer = { ...decision, refusal: decision.allow ? "" : refusal(decision, principal, resource) };
      if (cache.size >= MAX_DECISIONS) {
        cache.clear();
      }
      cache.set(key, answer);
      return answer;
    },
  };
}

/** What a refused caller is told, in the words the platform used before routes were policies. */
function refusal(decision: Decision, principal: Principal | null, route: RouteAttrs): string {
  if (decision.reason === "evaluation-error") {
    return "The access decision could not be taken, so it is refused";
  }
  if (decision.reason === "forbidden") {
    const rule = NEGATIVE_LIST.find((r) => decision.decidedBy.includes(r.id));
    return rule ? (rule.refusal ?? rule.titleEn) : `Refused by ${decision.decidedBy.join(", ")}`;
  }
  if (principal?.via === "token") {
    return route.scope
      ? `The API token lacks the scope ${route.scope}`
      : "This route cannot be called with an API token";
  }
  return "Your roles do not allow this";
}
