import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEMO_POWERS, DEMO_RESOURCES } from "./demo-rights.js";
import { NEGATIVE_LIST } from "./negative-list.js";
import { PolicyEngine, PolicyValidationError } from "./policy.engine.js";
import type { DataResourceAttrs, ReadContext } from "./policy.schema.js";
import { compilePowers, type Power } from "./rights-list.js";

const engine = PolicyEngine.create(compilePowers(DEMO_POWERS));
const resource = (id: string): DataResourceAttrs => {
  const r = DEMO_RESOURCES.find((x) => x.id === id);
  if (!r) {
    throw new Error(id);
  }
  return { ...r, purposes: [...r.purposes] };
};
const ctx = (over: Partial<ReadContext> = {}): ReadContext => ({
  purpose: "办件审查",
  legalBasis: "",
  viaExchange: false,
  relatedToSubject: false,
  readsToday: 0,
  dailyLimit: 200,
  ...over,
});
const officer = (department: string) => ({
  id: `officer-${department}`,
  roles: ["officer"],
  departments: [department],
});

describe("the policy decision point", () => {
  it("permits what a department's powers grant, naming the power", () => {
    const d = engine.decide({
      action: "read",
      principal: officer("HZ-GA"),
      resource: resource("household-register"),
      context: ctx(),
    });
    expect(d).toMatchObject({ allow: true, reason: "permitted" });
    expect(d.decidedBy).toEqual(expect.arrayContaining(["power:330100-GA-QR-001:0:household-register"]));
  });

  it("denies by default what no power grants", () => {
    const d = engine.decide({
      action: "read",
      principal: officer("HZ-SCJG"),
      resource: resource("social-insurance"),
      context: ctx(),
    });
    expect(d).toEqual({ allow: false, decidedBy: [], reason: "no-permit", errors: [] });
  });

  it("lets each forbid rule of the negative list override the permits", () => {
    const ga = officer("HZ-GA");
    const cases: [string, ReturnType<typeof engine.decide>][] = [
      [
        "negative:no-unshared-data",
        engine.decide({
          action: "read",
          principal: ga,
          resource: resource("criminal-records"),
          context: ctx({ viaExchange: true }),
        }),
      ],
      [
        "negative:daily-cap",
        engine.decide({
          action: "read",
          principal: ga,
          resource: resource("household-register"),
          context: ctx({ readsToday: 200 }),
        }),
      ],
      [
        "negative:related-person",
        engine.decide({
          action: "read",
          principal: ga,
          resource: resource("household-register"),
          context: ctx({ relatedToSubject: true }),
        }),
      ],
      [
        "negative:health-purpose",
        engine.decide({
          action: "read",
          principal: officer("HZ-WJ"),
          resource: resource("health-records"),
          context: ctx({ purpose: "商业营销" }),
        }),
      ],
      [
        "negative:own-application",
        engine.decide({
          action: "decide",
          principal: ga,
          resource: { id: "app-1", applicant: ga.id, department: "HZ-GA" },
        }),
      ],
    ];
    for (const [rule, decision] of cases) {
      expect(decision, rule).toMatchObject({ allow: false, reason: "forbidden" });
      expect(decision.decidedBy, rule).toContain(rule);
    }
    // The same requests without the forbidden circumstance are allowed.
    expect(
      engine.decide({ action: "read", principal: ga, resource: resource("criminal-records"), context: ctx() })
        .allow,
    ).toBe(true);
    expect(
      engine.decide({
        action: "read",
        principal: officer("HZ-WJ"),
        resource: resource("health-records"),
        context: ctx({ purpose: "出生医学证明核验" }),
      }).allow,
    ).toBe(true);
    expect(
      engine.decide({
        action: "decide",
        principal: ga,
        resource: { id: "app-2", applicant: "someone-else", department: "HZ-GA" },
      }).allow,
    ).toBe(true);
  });

  it("denies when any policy fails to evaluate (Cedar would skip an erroring forbid)", () => {
    const overflowing = PolicyEngine.create(
      [{ id: "permit-all", cedar: "permit (principal, action, resource);" }],
      [
        {
          id: "forbid-that-errors",
          cedar: `forbid (principal, action == Yimen::Action::"read", resource) when { context.readsToday * 9223372036854775807 > 0 };`,
        },
      ],
    );
    const d = overflowing.decide({
      action: "read",
      principal: officer("HZ-GA"),
      resource: resource("household-register"),
      context: ctx({ readsToday: 5 }),
    });
    expect(d).toMatchObject({ allow: false, reason: "evaluation-error", decidedBy: ["forbid-that-errors"] });
    expect(d.errors[0]).toMatch(/overflow/);
  });

  it("answers repeated requests from memory without merging counts that decide differently", () => {
    const read = (readsToday: number, on = engine) =>
      on.decide({
        action: "read",
        principal: officer("HZ-GA"),
        resource: resource("household-register"),
        context: ctx({ readsToday }),
      });
    // The daily cap sees the count only through readsToday >= dailyLimit (200).
    expect(read(0).allow).toBe(true);
    expect(read(250)).toMatchObject({ allow: false, decidedBy: ["negative:daily-cap"] });
    expect(read(199).allow).toBe(true);
    expect(read(200)).toMatchObject({ allow: false, decidedBy: ["negative:daily-cap"] });
    expect(read(0)).toBe(read(0));
    expect(Object.isFrozen(read(0).decidedBy)).toBe(true);
    // A policy that looks at the count otherwise keeps every count apart.
    const fussy = PolicyEngine.create(compilePowers(DEMO_POWERS), [
      ...NEGATIVE_LIST.map((r) => ({ id: r.id, cedar: r.cedar })),
      {
        id: "forbid-past-five",
        cedar: `forbid (principal, action == Yimen::Action::"read", resource) when { context.readsToday > 5 };`,
      },
    ]);
    expect(read(0, fussy).allow).toBe(true);
    expect(read(6, fussy)).toMatchObject({ allow: false, decidedBy: ["forbid-past-five"] });
    expect(read(5, fussy).allow).toBe(true);
  });

  it("refuses to load a policy that does not validate against the schema, naming it", () => {
    expect(() =>
      PolicyEngine.create([
        {
          id: "typo",
          cedar: `permit (principal, action, resource) when { principal.rolez.contains("officer") };`,
        },
      ]),
    ).toThrow(PolicyValidationError);
    try {
      PolicyEngine.create([
        {
          id: "typo",
          cedar: `permit (principal, action, resource) when { principal.rolez.contains("officer") };`,
        },
      ]);
    } catch (error) {
      expect((error as PolicyValidationError).problems[0]?.policyId).toBe("typo");
    }
    expect(() =>
      PolicyEngine.create([{ id: "negative:daily-cap", cedar: "permit (principal, action, resource);" }]),
    ).toThrow(/duplicate/);
  });
});

const ROLES = ["citizen", "enterprise_agent", "officer", "dept_admin", "leader", "auditor", "platform_admin"];
const DEPARTMENTS = ["HZ-GA", "HZ-SCJG", "HZ-RS", "HZ-WJ", "HZ-MZ"];

describe("the decision matrix: roles × departments × actions × data classes", () => {
  const granted = (department: string, resourceId: string) =>
    DEMO_POWERS.some(
      (p) =>
        p.department === department &&
        p.grants.some(
          (g) => g.action === "read" && g.roles.includes("officer") && g.resources.includes(resourceId),
        ),
    );
  for (const role of ROLES) {
    for (const department of DEPARTMENTS) {
      it(`${role} of ${department}`, () => {
        const principal = { id: `${role}-${department}`, roles: [role], departments: [department] };
        for (const r of DEMO_RESOURCES) {
          for (const viaExchange of [false, true]) {
            const d = engine.decide({
              action: "read",
              principal,
              resource: resource(r.id),
              context: ctx({ viaExchange, purpose: "出生医学证明核验" }),
            });
            const expected =
              role === "officer" && granted(department, r.id) && !(viaExchange && r.sharingClass === "none");
            expect(d.allow, `${r.id} (${r.dataClass}, ${r.sharingClass}) exchange=${viaExchange}`).toBe(
              expected,
            );
          }
          const decides = engine.decide({
            action: "decide",
            principal,
            resource: { id: "app", applicant: "applicant-x", department },
          });
          const mayDecide =
            role === "officer" &&
            DEMO_POWERS.some(
              (p) => p.department === department && p.grants.some((g) => g.action === "decide"),
            );
          expect(decides.allow, "decide").toBe(mayDecide);
        }
      });
    }
  }
});

describe("no combination of permits opens what a forbid rule closes (property)", () => {
  const arbGrant = fc.record({
    roles: fc.subarray(ROLES, { minLength: 1 }),
    action: fc.constantFrom<"read" | "decide">("read", "decide"),
    resources: fc.subarray(
      DEMO_RESOURCES.map((r) => r.id),
      { minLength: 1 },
    ),
  });
  const arbPowers = fc.array(
    fc.record({
      department: fc.constantFrom(...DEPARTMENTS),
      grants: fc.array(arbGrant, { minLength: 1, maxLength: 3 }),
    }),
    { minLength: 1, maxLength: 6 },
  );

  it("holds for random rights lists, random wildcard permits and forbidden circumstances", () => {
    fc.assert(
      fc.property(
        arbPowers,
        fc.boolean(),
        fc.constantFrom(...NEGATIVE_LIST.map((r) => r.id)),
        fc.constantFrom(...ROLES),
        fc.constantFrom(...DEPARTMENTS),
        (raw, wildcard, rule, role, department) => {
          const powers: Power[] = raw.map((p, i) => ({
            code: `P-${i}`,
            name: "x",
            nameEn: "x",
            type: "其他行政权力",
            legalBasis: [],
            department: p.department,
            level: "city",
            duties: [],
            accountability: "",
            // Any role at all, including ones the API would refuse: the forbids must hold regardless.
            grants: p.grants as Power["grants"],
          }));
          const permits = compilePowers(powers);
          if (wildcard) {
            permits.push({ id: "permit-everything", cedar: "permit (principal, action, resource);" });
          }
          const e = PolicyEngine.create(permits);
          const principal = { id: "p", roles: [role], departments: [department] };
          let d: ReturnType<typeof e.decide>;
          switch (rule) {
            case "negative:no-unshared-data":
              d = e.decide({
                action: "read",
                principal,
                resource: resource("criminal-records"),
                context: ctx({ viaExchange: true }),
              });
              break;
            case "negative:health-purpose":
              d = e.decide({
                action: "read",
                principal,
                resource: resource("health-records"),
                context: ctx({ purpose: "未列明的用途" }),
              });
              break;
            case "negative:daily-cap":
              d = e.decide({
                action: "read",
                principal,
                resource: resource("household-register"),
                context: ctx({ readsToday: 201 }),
              });
              break;
            case "negative:related-person":
              d = e.decide({
                action: "read",
                principal,
                resource: resource("social-insurance"),
                context: ctx({ relatedToSubject: true }),
              });
              break;
            case "negative:token-unscoped-route":
              d = e.decide({
                action: "call",
                principal,
                resource: { id: "POST /api/anything", public: false, anyRole: true, roles: ROLES },
                context: { viaToken: true, scopes: ["identity:read", "metrics:read"] },
              });
              break;
            default:
              d = e.decide({
                action: "decide",
                principal,
                resource: { id: "a", applicant: "p", department },
              });
          }
          expect(d.allow).toBe(false);
        },
      ),
      { numRuns: 150 },
    );
  }, 60_000);
});
