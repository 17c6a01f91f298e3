import "@fastify/cookie";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Role } from "../../modules/identity/identity.tables.js";
import { DomainError } from "../errors.js";

/** Every route declares who may call it; a route without this fails start-up. */
export type RouteAuth =
  | { public: true }
  | {
      /** Roles allowed to call with a session; "any" means every signed-in account. */
      roles: readonly Role[] | "any";
      /** Scope an API token must carry to call this route; without it, tokens are refused. */
      scope?: string;
    };

export type Principal =
  | {
      via: "session";
      accountId: string;
      roles: Role[];
      departmentIds: string[];
      sessionIdHash: string;
      csrfToken: string;
    }
  | {
      via: "token";
      accountId: string;
      roles: Role[];
      departmentIds: string[];
      tokenId: string;
      scopes: string[];
    };

declare module "fastify" {
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** Resolves credentials to a principal; implemented by the identity module. */
export interface PrincipalResolver {
  fromSession(sessionId: string): Promise<Principal | null>;
  fromToken(token: string): Promise<Principal | null>;
}

/** A registered route and the access rule it declares. */
export interface DeclaredRoute {
  method: string;
  url: string;
  auth: RouteAuth;
}

/** The decision point's answer to "may this principal call this route?". */
export interface RouteDecision {
  allow: boolean;
  /** The policies that decided. */
  decidedBy: string[];
  reason: string;
  errors: string[];
  /** What a refused caller is told. */
  refusal: string;
}

/**
 * Takes the route-level authorisation decision; implemented by the policy module, so that route
 * calls are decided by the same policy set as every other access.
 */
export interface RouteAuthorizer {
  /** Learns every registered route once, at start-up. */
  learnRoutes(routes: readonly DeclaredRoute[]): void;
  /** Decides whether the principal (null: nobody signed in) may call the route. */
  mayCall(principal: Principal | null, route: DeclaredRoute): Promise<RouteDecision>;
}

export const SESSION_COOKIE = "yimen_sid";
export const CSRF_COOKIE = "yimen_csrf";
export const CSRF_HEADER = "x-csrf-token";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Returns the signed-in principal or throws UNAUTHENTICATED (for handlers of non-public routes). */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) {
    throw new DomainError("UNAUTHENTICATED", "Sign in or present an API token");
  }
  return request.principal;
}

/**
 * The onRequest hook: authenticates (API token, else session cookie; the Origin and CSRF checks),
 * then asks the decision point whether the principal may call the route. Runs before body
 * validation and any handler.
 */
export function authenticateHook(resolver: PrincipalResolver, authorizer: RouteAuthorizer) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    request.principal = null;
    const auth = request.routeOptions.config.auth;
    // Defence in depth against cross-site requests, including sign-in CSRF: browsers send Origin.
    const origin = request.headers.origin;
    if (!SAFE_METHODS.has(request.method) && origin !== undefined && origin !== "null") {
      let host: string | null = null;
      try {
        host = new URL(origin).host;
      } catch {
        host = null;
      }
      if (host !== request.headers.host) {
        throw new DomainError("CSRF", "Cross-site requests are not accepted");
      }
    }
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      request.principal = match?.[1] ? await resolver.fromToken(match[1]) : null;
      if (!request.principal) {
        throw new DomainError("UNAUTHENTICATED", "The API token is invalid, expired or revoked");
      }
    } else {
      const sid = request.cookies[SESSION_COOKIE];
      if (sid) {
        request.principal = await resolver.fromSession(sid);
      }
    }
    if (!auth) {
      // No route matched: the not-found handler answers, and there is nothing to call.
      return;
    }
    const principal = request.principal;
    if (
      principal?.via === "session" &&
      !("public" in auth) &&
      !SAFE_METHODS.has(request.method) &&
      request.headers[CSRF_HEADER] !== principal.csrfToken
    ) {
      throw new DomainError("CSRF", `Send the ${CSRF_HEADER} header with the token from GET /api/me`);
    }
    const decision = await authorizer.mayCall(principal, {
      method: request.method,
      url: request.routeOptions.url ?? request.url,
      auth,
    });
    if (!decision.allow) {
      if (!principal) {
        throw new DomainError("UNAUTHENTICATED", "Sign in or present an API token");
      }
      if (decision.reason === "evaluation-error") {
        request.log.error({ policies: decision.decidedBy, errors: decision.errors }, "route decision failed");
      }
      throw new DomainError("FORBIDDEN", decision.refusal);
    }
  };
}
