import type { FastifyPluginAsync, FastifyReply } from "fastify";
import type { Config } from "../../platform/config.js";
import type { ServiceContext } from "../../platform/context.js";
import { CSRF_COOKIE, requirePrincipal, SESSION_COOKIE } from "../../platform/http/auth.js";
import { callerOf } from "../../platform/http/caller.js";
import type { TypedApp } from "../../platform/http/types.js";
import * as accounts from "./accounts.service.js";
import * as auth from "./auth.service.js";
import * as directory from "./directory.service.js";
import * as p from "./identity.presenter.js";
import * as s from "./identity.schemas.js";
import { ROLES } from "./identity.tables.js";
import { ROLE_INFO } from "./roles.js";
import { TOKEN_SCOPES } from "./scopes.js";

function setSessionCookies(reply: FastifyReply, config: Config, session: auth.NewSession): void {
  const common = {
    path: "/",
    sameSite: "lax" as const,
    secure: config.secureCookies,
    expires: session.expiresAt,
  };
  reply.setCookie(SESSION_COOKIE, session.sessionId, { ...common, httpOnly: true });
  reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false });
}

function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: "/" });
  reply.clearCookie(CSRF_COOKIE, { path: "/" });
}

const tags = (t: string) => ({ tags: [t] });

/** Sign-in, the signed-in account, accounts, tokens, divisions, departments and organisations. */
export function identityRoutes(ctx: ServiceContext): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify as unknown as TypedApp;

    // ---- session ----
    app.post(
      "/api/session",
      {
        schema: { ...tags("session"), summary: "Sign in with username and password", body: s.SignInBody },
        config: {
          auth: { public: true },
          rateLimit: { max: ctx.config.loginRateLimit, timeWindow: "1 minute" },
        },
      },
      async (request, reply) => {
        const session = await auth.signIn(
          ctx,
          {
            ...request.body,
            previousSessionId: request.cookies[SESSION_COOKIE],
          },
          callerOf(request),
        );
        setSessionCookies(reply, ctx.config, session);
        const profile = await accounts.loadProfile(ctx, session.accountId);
        return {
          account: p.presentMe({ ...profile, csrfToken: session.csrfToken }),
          csrfToken: session.csrfToken,
        };
      },
    );

    app.delete(
      "/api/session",
      { schema: { ...tags("session"), summary: "Sign out" }, config: { auth: { roles: "any" } } },
      async (request, reply) => {
        const sid = request.cookies[SESSION_COOKIE];
        if (sid) {
          await auth.signOut(ctx, sid, callerOf(request));
        }
        clearSessionCookies(reply);
        return reply.status(204).send();
      },
    );

    app.get(
      "/api/me",
      {
        schema: { ...tags("session"), summary: "The signed-in account" },
        config: { auth: { roles: "any", scope: "identity:read" } },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const profile = await accounts.loadProfile(ctx, principal.accountId);
        return p.presentMe({
          ...profile,
          csrfToken: principal.via === "session" ? principal.csrfToken : null,
        });
      },
    );

    app.patch(
      "/api/me",
      {
        schema: {
          ...tags("session"),
          summary: "Give (or remove) your own e-mail address for notifications",
          body: s.UpdateMeBody,
        },
        config: { auth: { roles: "any" } },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        await accounts.setOwnEmail(ctx, callerOf(request), request.body.email);
        const profile = await accounts.loadProfile(ctx, principal.accountId);
        return p.presentMe({
          ...profile,
          csrfToken: principal.via === "session" ? principal.csrfToken : null,
        });
      },
    );

    app.post(
      "/api/me/password",
      {
        schema: { ...tags("session"), summary: "Change your own password", body: s.ChangePasswordBody },
        config: { auth: { roles: "any" } },
      },
      async (request, reply) => {
        const session = await auth.changePassword(ctx, callerOf(request), request.body);
        setSessionCookies(reply, ctx.config, session);
        return reply.status(204).send();
      },
    );

    app.get(
      "/api/roles",
      {
        schema: { ...tags("accounts"), summary: "Roles and what they may do" },
        config: { auth: { public: true } },
      },
      async () => ({ items: ROLES.map((role) => ({ role, ...ROLE_INFO[role] })) }),
    );

    // ---- accounts (platform admins) ----
    const admin = { auth: { roles: ["platform_admin"] as const } };

    app.get(
      "/api/accounts",
      {
        schema: { ...tags("accounts"), summary: "List accounts", querystring: s.AccountsQuery },
        config: admin,
      },
      async (request) => {
        const { limit = 50, offset = 0, q, role } = request.query;
        const { rows, total } = await accounts.listAccounts(ctx, callerOf(request), {
          q,
          role,
          limit,
          offset,
        });
        const { departments } = await accounts.withDepartments(ctx, rows);
        return { items: rows.map((a) => p.presentAccount(a, departments)), total };
      },
    );

    app.post(
      "/api/accounts",
      {
        schema: { ...tags("accounts"), summary: "Create an account", body: s.CreateAccountBody },
        config: admin,
      },
      async (request, reply) => {
        const account = await accounts.createAccount(ctx, callerOf(request), request.body);
        const { departments } = await accounts.withDepartments(ctx, [account]);
        return reply.status(201).send(p.presentAccount(account, departments));
      },
    );

    app.patch(
      "/api/accounts/:id",
      {
        schema: {
          ...tags("accounts"),
          summary: "Change roles, departments, name or status",
          params: s.IdParams,
          body: s.UpdateAccountBody,
        },
        config: admin,
      },
      async (request) => {
        const account = await accounts.updateAccount(ctx, callerOf(request), request.params.id, request.body);
        const { departments } = await accounts.withDepartments(ctx, [account]);
        return p.presentAccount(account, departments);
      },
    );

    app.post(
      "/api/accounts/:id/password",
      {
        schema: {
          ...tags("accounts"),
          summary: "Reset an account's password",
          params: s.IdParams,
          body: s.ResetPasswordBody,
        },
        config: admin,
      },
      async (request, reply) => {
        await accounts.resetPassword(ctx, callerOf(request), request.params.id, request.body.newPassword);
        return reply.status(204).send();
      },
    );

    // ---- API tokens ----
    app.get(
      "/api/tokens/scopes",
      { schema: { ...tags("tokens"), summary: "Scopes a token may carry" }, config: admin },
      async () => ({ items: TOKEN_SCOPES }),
    );

    app.get(
      "/api/tokens",
      {
        schema: { ...tags("tokens"), summary: "List API tokens", querystring: s.TokensQuery },
        config: admin,
      },
      async (request) => ({
        items: (await auth.listTokens(ctx, request.query.accountId)).map(p.presentToken),
      }),
    );

    app.post(
      "/api/tokens",
      {
        schema: {
          ...tags("tokens"),
          summary: "Issue an API token to a system client (shown once)",
          body: s.CreateTokenBody,
        },
        config: admin,
      },
      async (request, reply) => {
        const { token, item } = await auth.createToken(ctx, callerOf(request), request.body);
        return reply.status(201).send({ token, item: p.presentToken(item) });
      },
    );

    app.delete(
      "/api/tokens/:id",
      { schema: { ...tags("tokens"), summary: "Revoke an API token", params: s.IdParams }, config: admin },
      async (request, reply) => {
        await auth.revokeToken(ctx, callerOf(request), request.params.id);
        return reply.status(204).send();
      },
    );

    // ---- reference data: public ----
    app.get(
      "/api/divisions",
      {
        schema: {
          ...tags("directory"),
          summary: "Administrative divisions (GB/T 2260 and 乡镇街道)",
          querystring: s.DivisionsQuery,
        },
        config: { auth: { public: true } },
      },
      async (request) => {
        const { parent, q, limit = 200 } = request.query;
        return { items: (await directory.listDivisions(ctx, { parent, q, limit })).map(p.presentDivision) };
      },
    );

    app.get(
      "/api/divisions/:code",
      {
        schema: {
          ...tags("directory"),
          summary: "A division with its path from the province",
          params: s.CodeParams,
        },
        config: { auth: { public: true } },
      },
      async (request) => {
        const { division, path } = await directory.getDivisionOrThrow(ctx, request.params.code);
        return { ...p.presentDivision(division), path };
      },
    );

    app.get(
      "/api/departments",
      {
        schema: {
          ...tags("directory"),
          summary: "Government departments with their sub-units",
          querystring: s.DepartmentsQuery,
        },
        config: { auth: { public: true } },
      },
      async (request) => {
        const { divisionCode, q, limit = 50, offset = 0 } = request.query;
        const { items, total } = await directory.listDepartments(ctx, { divisionCode, q, limit, offset });
        return { items: items.map(p.presentDepartment), total };
      },
    );

    app.get(
      "/api/departments/:id",
      {
        schema: { ...tags("directory"), summary: "A department", params: s.IdParams },
        config: { auth: { public: true } },
      },
      async (request) => p.presentDepartment(await directory.getDepartmentOrThrow(ctx, request.params.id)),
    );

    // ---- persons and organisations (registration by platform admins) ----
    app.post(
      "/api/persons",
      {
        schema: { ...tags("directory"), summary: "Register a natural person", body: s.CreatePersonBody },
        config: admin,
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(p.presentPersonSummary(await directory.registerPerson(ctx, callerOf(request), request.body))),
    );

    app.get(
      "/api/organisations",
      {
        schema: {
          ...tags("directory"),
          summary: "Enterprises, social organisations and media outlets",
          querystring: s.OrganisationsQuery,
        },
        config: {
          auth: {
            roles: ["platform_admin", "officer", "dept_admin", "auditor", "leader"],
            scope: "identity:read",
          },
        },
      },
      async (request) => {
        const { kind, q, limit = 50, offset = 0 } = request.query;
        const { rows, total } = await directory.listOrganisations(ctx, callerOf(request), {
          kind,
          q,
          limit,
          offset,
        });
        return { items: rows.map(p.presentOrganisation), total };
      },
    );

    app.post(
      "/api/organisations",
      {
        schema: {
          ...tags("directory"),
          summary: "Register an enterprise, social organisation or media outlet",
          body: s.CreateOrganisationBody,
        },
        config: admin,
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            p.presentOrganisation(await directory.registerOrganisation(ctx, callerOf(request), request.body)),
          ),
    );
  };
}
