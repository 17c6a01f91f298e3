import { describe, expect, it } from "vitest";
import type { RouteAuth } from "../../platform/http/auth.js";
import { PolicyEngine } from "./policy.engine.js";
import type { PrincipalAttrs } from "./policy.schema.js";
import { routeAttrs } from "./route-policies.js";

const engine = PolicyEngine.create([]);
const citizen: PrincipalAttrs = { id: "c", roles: ["citizen"], departments: [] };
const admin: PrincipalAttrs = { id: "p", roles: ["platform_admin"], departments: [] };
const system: PrincipalAttrs = { id: "s", roles: ["system"], departments: [] };

function call(
  principal: PrincipalAttrs | null,
  auth: RouteAuth,
  token?: string[],
): ReturnType<typeof engine.decide> {
  return engine.decide({
    action: "call",
    principal,
    resource: routeAttrs("GET", "/api/x", auth),
    context: { viaToken: token !== undefined, scopes: token ?? [] },
  });
}

describe("route-level decisions", () => {
  it("lets anyone call a public route, signed in or not, with a session or a token", () => {
    for (const [principal, token] of [
      [null, undefined],
      [citizen, undefined],
      [system, []],
    ] as const) {
      expect(call(principal, { public: true }, token ? [...token] : undefined)).toMatchObject({
        allow: true,
        decidedBy: ["policy:route-public"],
      });
    }
  });

  it("refuses nobody-signed-in on every other route", () => {
    expect(call(null, { roles: "any" })).toMatchObject({ allow: false, reason: "no-permit" });
    expect(call(null, { roles: ["citizen"], scope: "identity:read" })).toMatchObject({ allow: false });
  });

  it("lets a session call a route of one of its roles, or of any role", () => {
    expect(call(citizen, { roles: "any" })).toMatchObject({ allow: true, decidedBy: ["policy:route-roles"] });
    expect(call(citizen, { roles: ["citizen", "officer"] }).allow).toBe(true);
    expect(call(citizen, { roles: ["platform_admin"] })).toMatchObject({ allow: false, reason: "no-permit" });
    expect(call(admin, { roles: ["platform_admin"] }).allow).toBe(true);
  });

  it("lets a token call only a route whose scope it carries, whatever its account's roles", () => {
    const metrics: RouteAuth = { roles: ["platform_admin"], scope: "metrics:read" };
    expect(call(system, metrics, ["metrics:read"])).toMatchObject({
      allow: true,
      decidedBy: ["policy:route-token-scope"],
    });
    expect(call(system, metrics, ["identity:read"])).toMatchObject({ allow: false, reason: "no-permit" });
    expect(call(admin, metrics, [])).toMatchObject({ allow: false, reason: "no-permit" });
  });

  it("forbids tokens on routes that declare no scope (negative list), overriding any permit", () => {
    expect(call(system, { roles: "any" }, ["metrics:read"])).toMatchObject({
      allow: false,
      reason: "forbidden",
      decidedBy: ["negative:token-unscoped-route"],
    });
    const open = PolicyEngine.create([
      { id: "permit-everything", cedar: "permit (principal, action, resource);" },
    ]);
    expect(
      open.decide({
        action: "call",
        principal: admin,
        resource: routeAttrs("POST", "/api/accounts", { roles: ["platform_admin"] }),
        context: { viaToken: true, scopes: [] },
      }),
    ).toMatchObject({ allow: false, decidedBy: ["negative:token-unscoped-route"] });
  });
});
