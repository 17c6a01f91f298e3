import type { RouteAuth } from "../../platform/http/auth.js";
import type { CedarPolicy } from "./policy.engine.js";
import type { RouteAttrs } from "./policy.schema.js";

/**
 * The route-level permits: who may call an HTTP route, from the access rule the route declares
 * (`config.auth`, turned into a `Yimen::Route` entity). They sit in the policy set in force beside
 * the rights lists' permits, so the negative list's forbids override them too.
 */
export const ROUTE_PERMITS: CedarPolicy[] = [
  {
    id: "policy:route-public",
    cedar: `permit (principal, action == Yimen::Action::"call", resource is Yimen::Route)
when { resource.public };`,
  },
  {
    id: "policy:route-roles",
    cedar: `permit (principal is Yimen::Account, action == Yimen::Action::"call", resource is Yimen::Route)
when { !context.viaToken && (resource.anyRole || principal.roles.containsAny(resource.roles)) };`,
  },
  {
    id: "policy:route-token-scope",
    cedar: `permit (principal is Yimen::Account, action == Yimen::Action::"call", resource is Yimen::Route)
when { context.viaToken && resource has scope && context.scopes.contains(resource.scope) };`,
  },
];

/** A route's declaration as the attributes of its `Yimen::Route` entity. */
export function routeAttrs(method: string, url: string, auth: RouteAuth): RouteAttrs {
  const id = `${method} ${url}`;
  if ("public" in auth) {
    return { id, public: true, anyRole: false, roles: [] };
  }
  return {
    id,
    public: false,
    anyRole: auth.roles === "any",
    roles: auth.roles === "any" ? [] : [...auth.roles],
    scope: auth.scope,
  };
}
