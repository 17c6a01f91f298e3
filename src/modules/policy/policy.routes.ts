import type { FastifyPluginAsync } from "fastify";
import { Type } from "typebox";
import type { ServiceContext } from "../../platform/context.js";
import { validationError } from "../../platform/errors.js";
import { callerOf } from "../../platform/http/caller.js";
import { StrictObject, Uuid } from "../../platform/http/schema.js";
import type { TypedApp } from "../../platform/http/types.js";
import { directory } from "../identity/index.js";
import { presentRightsList, presentVersion } from "./policy.presenter.js";
import * as policy from "./policy.service.js";
import { POWER_TYPES } from "./rights-list.js";

const tags = { tags: ["policy"] };
const Code = Type.String({ pattern: "^[A-Z0-9][A-Z0-9-]{1,30}$" });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

const PowerSchema = StrictObject({
  code: Type.String({ pattern: "^[0-9A-Za-z-]{3,40}$" }),
  name: Text(100),
  nameEn: Text(200),
  type: Type.Union(POWER_TYPES.map((t) => Type.Literal(t))),
  legalBasis: Type.Array(StrictObject({ law: Text(100), article: Text(100) }), { minItems: 1, maxItems: 10 }),
  department: Code,
  level: Type.Union([
    Type.Literal("province"),
    Type.Literal("city"),
    Type.Literal("county"),
    Type.Literal("township"),
  ]),
  duties: Type.Array(Text(300), { maxItems: 20 }),
  accountability: Text(500),
  grants: Type.Array(
    StrictObject({
      roles: Type.Array(
        Type.Union(["officer", "dept_admin", "leader", "system"].map((r) => Type.Literal(r))),
        {
          minItems: 1,
        },
      ),
      action: Type.Union([Type.Literal("read"), Type.Literal("decide")]),
      resources: Type.Array(Type.String({ pattern: "^[a-z0-9-]{2,60}$" }), { maxItems: 20 }),
    }),
    { maxItems: 20 },
  ),
});

const reviewers = ["legal_reviewer", "dept_admin", "auditor", "platform_admin", "leader"] as const;

/** A service item a power authorises, as the published list links to it. */
export interface LinkedService {
  code: string;
  name: string;
  nameEn: string;
}

export interface PolicyRouteOptions {
  /**
   * The service items exercising each power, by power code: the catalog module's, handed in by
   * bootstrap (the catalog depends on the rights lists, so the lists cannot import it).
   */
  servicesByPower?: (ctx: ServiceContext) => Promise<Map<string, LinkedService[]>>;
}

/** 权责清单 publication, proposals and review; decisions explained. */
export function policyRoutes(ctx: ServiceContext, options: PolicyRouteOptions = {}): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify as unknown as TypedApp;

    app.get(
      "/api/rights",
      {
        schema: { ...tags, summary: "The rights and responsibility lists in force, by department (public)" },
        config: { auth: { public: true } },
      },
      async () => {
        const [lists, services] = await Promise.all([
          policy.rightsInForce(ctx),
          options.servicesByPower?.(ctx) ?? new Map<string, LinkedService[]>(),
        ]);
        return { items: lists.map((list) => presentRightsList(list, services)) };
      },
    );

    app.get(
      "/api/rights/versions",
      {
        schema: {
          ...tags,
          summary: "Every version of the lists, with its review",
          querystring: StrictObject({ department: Type.Optional(Code) }),
        },
        config: { auth: { roles: reviewers } },
      },
      async (request) => {
        const { versions, names } = await policy.listVersions(ctx, request.query.department);
        return { items: versions.map((v) => presentVersion(v, names)) };
      },
    );

    app.post(
      "/api/rights/proposals",
      {
        schema: {
          ...tags,
          summary: "Propose a new version of your department's list (department admins)",
          body: StrictObject({
            departmentCode: Code,
            summary: Text(500),
            powers: Type.Array(PowerSchema, { minItems: 1, maxItems: 500 }),
          }),
        },
        config: { auth: { roles: ["dept_admin"] } },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(presentVersion(await policy.propose(ctx, callerOf(request), request.body as never))),
    );

    app.get(
      "/api/rights/proposals/:id/diff",
      {
        schema: {
          ...tags,
          summary: "What a version changes against the list in force",
          params: StrictObject({ id: Uuid }),
        },
        config: { auth: { roles: reviewers } },
      },
      async (request) => policy.diff(ctx, request.params.id),
    );

    app.post(
      "/api/rights/proposals/:id/review",
      {
        schema: {
          ...tags,
          summary: "Approve (with an effective date) or refuse (with reasons) a proposal (legal reviewers)",
          params: StrictObject({ id: Uuid }),
          body: StrictObject({
            decision: Type.Union([Type.Literal("approve"), Type.Literal("refuse")]),
            reason: Text(1000),
            effectiveFrom: Type.Optional(Type.String({ format: "date-time" })),
          }),
        },
        config: { auth: { roles: ["legal_reviewer"] } },
      },
      async (request) =>
        presentVersion(await policy.review(ctx, callerOf(request), request.params.id, request.body)),
    );

    app.post(
      "/api/me/relations",
      {
        schema: {
          ...tags,
          summary: "Declare a person you are related to (亲属关系申报); you may then not read their records",
          body: StrictObject({ idNumber: Type.String({ minLength: 18, maxLength: 18 }), relation: Text(20) }),
        },
        config: { auth: { roles: ["officer", "dept_admin", "leader", "auditor"] } },
      },
      async (request, reply) => {
        const person = await directory.findPersonByIdNumber(ctx, request.body.idNumber);
        if (!person) {
          throw validationError("body.idNumber", "No registered person has this ID number");
        }
        await policy.declareRelation(ctx, callerOf(request), {
          personId: person.id,
          relation: request.body.relation,
        });
        return reply.status(204).send();
      },
    );

    app.get(
      "/api/policy/who-may-read",
      {
        schema: {
          ...tags,
          summary: "Who may read a data resource, and on which basis (from the policy set in force)",
          querystring: StrictObject({
            resource: Type.String({ pattern: "^[a-z0-9-]{2,60}$" }),
            purpose: Type.Optional(Text(100)),
          }),
        },
        config: { auth: { roles: "any" } },
      },
      async (request) => policy.whoMay(ctx, request.query.resource, request.query.purpose ?? "办件审查"),
    );

    app.post(
      "/api/policy/explain",
      {
        schema: {
          ...tags,
          summary: "Decide a read as the decision point would, and say why (auditors, reviewers)",
          body: StrictObject({
            roles: Type.Array(Text(30), { minItems: 1, maxItems: 8 }),
            departments: Type.Array(Code, { maxItems: 8 }),
            resource: Type.String({ pattern: "^[a-z0-9-]{2,60}$" }),
            purpose: Text(100),
            viaExchange: Type.Boolean(),
            relatedToSubject: Type.Optional(Type.Boolean()),
            readsToday: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
          }),
        },
        config: { auth: { roles: ["auditor", "legal_reviewer", "platform_admin", "dept_admin"] } },
      },
      async (request) => {
        const b = request.body;
        return policy.explainDecision(ctx, {
          action: "read",
          principal: { id: "simulated", roles: b.roles, departments: b.departments },
          resource: await policy.dataResource(ctx, b.resource, "body.resource"),
          context: {
            purpose: b.purpose,
            legalBasis: "",
            viaExchange: b.viaExchange,
            relatedToSubject: b.relatedToSubject ?? false,
            readsToday: b.readsToday ?? 0,
            dailyLimit: 200,
          },
        });
      },
    );
  };
}
