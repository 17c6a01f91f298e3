import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEMO_POWERS, DEMO_RESOURCES } from "./demo-rights.js";
import { type CedarPolicy, decisionOf, PolicyEngine, toCedarRequest } from "./policy.engine.js";
import { CEDAR_SCHEMA, type DecisionRequest } from "./policy.schema.js";
import { compilePowers } from "./rights-list.js";

/**
 * The reference: what Cedar answers with the whole set and the schema, validating the request itself
 * (the engine before slices and the JS request check). Pre-parsed once per set.
 */
let referenceSets = 0;
const referenceIds = new WeakMap<readonly CedarPolicy[], string>();
cedar.preparseSchema("reference", CEDAR_SCHEMA);
function reference(policies: readonly CedarPolicy[], request: DecisionRequest) {
  let id = referenceIds.get(policies);
  if (!id) {
    id = `reference-${referenceSets++}`;
    cedar.preparsePolicySet(id, { staticPolicies: Object.fromEntries(policies.map((p) => [p.id, p.cedar])) });
    referenceIds.set(policies, id);
  }
  return decisionOf(
    cedar.statefulIsAuthorized({
      ...toCedarRequest(request),
      preparsedPolicySetId: id,
      preparsedSchemaName: "reference",
      validateRequest: true,
    }),
  );
}

// Scopes of every kind the slicing must classify: wildcards, `is`, `in`, action sets and single resources.
const EXTRA: CedarPolicy[] = [
  {
    id: "extra:all",
    cedar: `permit (principal is Yimen::Account, action, resource) when { principal.roles.contains("auditor") };`,
  },
  {
    id: "extra:route",
    cedar: `forbid (principal, action == Yimen::Action::"call", resource == Yimen::Route::"POST /api/x") unless { context.scopes.contains("x:write") };`,
  },
  {
    id: "extra:is",
    cedar: `permit (principal, action == Yimen::Action::"read", resource is Yimen::DataResource) when { resource.owner == "HZ-MZ" };`,
  },
  {
    id: "extra:action-set",
    cedar: `forbid (principal, action in [Yimen::Action::"read", Yimen::Action::"decide"], resource) when { principal.roles.contains("leader") };`,
  },
  {
    id: "extra:in",
    cedar: `permit (principal, action == Yimen::Action::"read", resource in Yimen::DataResource::"health-records");`,
  },
  {
    id: "extra:one",
    cedar: `forbid (principal, action == Yimen::Action::"read", resource == Yimen::DataResource::"unknown-resource") when { context.viaExchange };`,
  },
  {
    id: "extra:errs",
    cedar: `forbid (principal, action == Yimen::Action::"read", resource == Yimen::DataResource::"social-insurance") when { context.readsToday * 9223372036854775807 > 0 };`,
  },
];

const ROLES = ["citizen", "officer", "dept_admin", "leader", "auditor"];
const DEPARTMENTS = ["HZ-GA", "HZ-SCJG", "HZ-RS", "HZ-WJ", "HZ-MZ"];
const PURPOSES = ["办件审查", "出生医学证明核验", "未列明的用途"];

const arbRequest: fc.Arbitrary<DecisionRequest> = fc.oneof(
  fc.record({
    action: fc.constant("read" as const),
    principal: fc.record({
      id: fc.constantFrom("a", "b"),
      roles: fc.subarray(ROLES),
      departments: fc.subarray(DEPARTMENTS),
    }),
    resource: fc.oneof(
      fc.constantFrom(...DEMO_RESOURCES.map((r) => ({ ...r, purposes: [...r.purposes] }))),
      fc.record({
        id: fc.constantFrom("unknown-resource", "another"),
        owner: fc.constantFrom(...DEPARTMENTS),
        sharingClass: fc.constantFrom("unconditional" as const, "conditional" as const, "none" as const),
        dataClass: fc.constantFrom("general" as const, "personal" as const, "health" as const),
        purposes: fc.subarray(PURPOSES),
      }),
    ),
    context: fc.record({
      purpose: fc.constantFrom(...PURPOSES),
      legalBasis: fc.constant(""),
      viaExchange: fc.boolean(),
      relatedToSubject: fc.boolean(),
      readsToday: fc.integer({ min: 0, max: 300 }),
      dailyLimit: fc.constant(200),
    }),
  }),
  fc.record({
    action: fc.constant("decide" as const),
    principal: fc.record({
      id: fc.constantFrom("a", "b"),
      roles: fc.subarray(ROLES),
      departments: fc.subarray(DEPARTMENTS),
    }),
    resource: fc.record({
      id: fc.constantFrom("app-1", "app-2"),
      applicant: fc.constantFrom("a", "b"),
      department: fc.constantFrom(...DEPARTMENTS),
    }),
  }),
  fc.record({
    action: fc.constant("call" as const),
    principal: fc.option(
      fc.record({
        id: fc.constantFrom("a", "b"),
        roles: fc.subarray(ROLES),
        departments: fc.subarray(DEPARTMENTS),
      }),
    ),
    resource: fc.record(
      {
        id: fc.constantFrom("GET /api/me", "POST /api/x", "GET /healthz"),
        public: fc.boolean(),
        anyRole: fc.boolean(),
        roles: fc.subarray(ROLES),
        scope: fc.constantFrom("identity:read", "x:write"),
      },
      { requiredKeys: ["id", "public", "anyRole", "roles"] },
    ),
    context: fc.record({
      viaToken: fc.boolean(),
      scopes: fc.subarray(["identity:read", "x:write", "metrics:read"]),
    }),
  }),
);

describe("the sliced, pre-checked decision point decides as Cedar does with the whole set and the schema", () => {
  const demo = compilePowers(DEMO_POWERS);
  for (const [name, permits] of [
    ["the demo set", demo],
    ["the demo set with scopes of every kind", [...demo, ...EXTRA]],
  ] as const) {
    it(name, () => {
      const engine = PolicyEngine.create([...permits]);
      fc.assert(
        fc.property(arbRequest, (request) => {
          expect(engine.decide(request)).toEqual(reference(engine.policies, request));
        }),
        { numRuns: 300 },
      );
    }, 30_000);
  }

  it("refuses, as Cedar's request validation does, requests that do not fit the schema", () => {
    const engine = PolicyEngine.create(demo);
    const good = {
      action: "read" as const,
      principal: { id: "a", roles: ["officer"], departments: ["HZ-GA"] },
      resource: { ...(DEMO_RESOURCES[0] as (typeof DEMO_RESOURCES)[number]), purposes: [] },
      context: {
        purpose: "x",
        legalBasis: "",
        viaExchange: false,
        relatedToSubject: false,
        readsToday: 0,
        dailyLimit: 200,
      },
    };
    expect(engine.decide(good).allow).toBe(true);
    const broken = [
      { ...good, context: { ...good.context, readsToday: 1.5 } },
      { ...good, context: { ...good.context, readsToday: "3" } },
      { ...good, context: { ...good.context, extra: true } },
      { ...good, context: { ...good.context, dailyLimit: undefined } },
      { ...good, resource: { ...good.resource, sharingClass: 3 } },
      { ...good, principal: { ...good.principal, roles: "officer" } },
    ] as unknown as DecisionRequest[];
    for (const request of broken) {
      expect(engine.decide(request), JSON.stringify(request)).toMatchObject({
        allow: false,
        reason: "evaluation-error",
      });
      expect(reference(engine.policies, request)).toMatchObject({ allow: false, reason: "evaluation-error" });
    }
  });
});
