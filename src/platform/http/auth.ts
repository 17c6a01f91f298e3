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
 * The onRequest hook: authenticates, then checks the route's declared roles or token scope, and the
 * CSRF token for cookie-authenticated state changes. Runs before body validation and any handler.
 */
export function authenticateHook(resolver: PrincipalResolver) {
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
    if (!auth || "public" in auth) {
      return;
    }
    const principal = request.principal;
    if (!principal) {
      throw new DomainError("UNAUTHENTICATED", "Sign in or present an API token");
    }
    if (principal.via === "token") {
      if (!auth.scope || !principal.scopes.includes(auth.scope)) {
        throw new DomainError(
          "FORBIDDEN",
          auth.scope
            ? `The API token lacks the scope ${auth.scope}`
            : "This route cannot be called with an API token",
        );
      }
      return;
    }
    if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== principal.csrfToken) {
      throw new DomainError("CSRF", `Send the ${CSRF_HEADER} header with the token from GET /api/me`);
    }
    if (auth.roles !== "any" && !auth.roles.some((r) => principal.roles.includes(r))) {
      throw new DomainError("FORBIDDEN", "Your roles do not allow this");
    }
  };
}
