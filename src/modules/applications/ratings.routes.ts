import type { FastifyPluginAsync } from "fastify";
import { Type } from "typebox";
import type { ServiceContext } from "../../platform/context.js";
import { callerOf } from "../../platform/http/caller.js";
import { Limit, Offset, StrictObject, Uuid } from "../../platform/http/schema.js";
import type { TypedApp } from "../../platform/http/types.js";
import type { Role } from "../identity/index.js";
import { performance } from "./ratings.performance.js";
import { presentRatingState, presentRectifications } from "./ratings.presenter.js";
import * as ratings from "./ratings.service.js";

const Loose = Type.Unsafe<Record<string, unknown>>({ type: "object", additionalProperties: true });
const Lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const DepartmentCode = Type.String({ pattern: "^[A-Z0-9][A-Z0-9-]{1,30}$" });

const applicantRoles: Role[] = ["citizen", "enterprise_agent", "officer"];

/** 好差评, the departments' rectifications and the public performance page. */
export function ratingsRoutes(ctx: ServiceContext): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify as unknown as TypedApp;
    const one = async (caller: ReturnType<typeof callerOf>, id: string) => {
      const list = await ratings.listRectifications(ctx, caller, { id, limit: 1, offset: 0 });
      const presented = await presentRectifications(ctx, caller, list);
      return { ...presented.items[0] };
    };

    app.get(
      "/api/applications/:id/rating",
      {
        schema: {
          tags: ["ratings"],
          summary: "The rating of your application: whether it may be rated, and the department's answer",
          params: StrictObject({ id: Uuid }),
          response: { 200: Loose },
        },
        config: { auth: { roles: applicantRoles } },
      },
      async (request) => ({
        ...presentRatingState(await ratings.ratingState(ctx, callerOf(request), request.params.id)),
      }),
    );

    app.post(
      "/api/applications/:id/rating",
      {
        schema: {
          tags: ["ratings"],
          summary:
            "Rate a concluded application once (1 非常不满意 … 5 非常满意); 1–2 open a rectification for the department",
          params: StrictObject({ id: Uuid }),
          body: StrictObject({
            score: Type.Integer({ minimum: 1, maximum: 5 }),
            comment: Type.Optional(Type.String({ maxLength: 500 })),
          }),
          response: { 201: Loose },
        },
        config: { auth: { roles: applicantRoles } },
      },
      async (request, reply) => {
        const caller = callerOf(request);
        await ratings.rate(ctx, caller, request.params.id, request.body);
        return reply
          .status(201)
          .send({ ...presentRatingState(await ratings.ratingState(ctx, caller, request.params.id)) });
      },
    );

    app.get(
      "/api/workbench/rectifications",
      {
        schema: {
          tags: ["ratings"],
          summary:
            "Rectifications of bad ratings for your departments (leaders: all), open ones first by deadline",
          querystring: StrictObject({
            status: Type.Optional(Lit(["open", "replied", "closed"] as const)),
            department: Type.Optional(DepartmentCode),
            limit: Type.Optional(Limit),
            offset: Type.Optional(Offset),
          }),
          response: { 200: Loose },
        },
        config: { auth: { roles: ["officer", "dept_admin", "leader"] } },
      },
      async (request) => {
        const caller = callerOf(request);
        return {
          ...(await presentRectifications(
            ctx,
            caller,
            await ratings.listRectifications(ctx, caller, {
              status: request.query.status,
              department: request.query.department,
              limit: request.query.limit ?? 50,
              offset: request.query.offset ?? 0,
            }),
          )),
        };
      },
    );

    app.post(
      "/api/workbench/rectifications/:id/reply",
      {
        schema: {
          tags: ["ratings"],
          summary: "Reply to the applicant (回访): what was found and what was changed",
          params: StrictObject({ id: Uuid }),
          body: StrictObject({ reply: Type.String({ minLength: 1, maxLength: 2000 }) }),
          response: { 200: Loose },
        },
        config: { auth: { roles: ["officer", "dept_admin"] } },
      },
      async (request) => {
        const caller = callerOf(request);
        await ratings.reply(ctx, caller, request.params.id, request.body);
        return one(caller, request.params.id);
      },
    );

    app.post(
      "/api/workbench/rectifications/:id/review",
      {
        schema: {
          tags: ["ratings"],
          summary: "Review the reply and close the rectification with a finding (department admin or leader)",
          params: StrictObject({ id: Uuid }),
          body: StrictObject({
            finding: Lit(["verified", "not-verified"] as const),
            note: Type.String({ minLength: 1, maxLength: 2000 }),
          }),
          response: { 200: Loose },
        },
        config: { auth: { roles: ["dept_admin", "leader"] } },
      },
      async (request) => {
        const caller = callerOf(request);
        await ratings.review(ctx, caller, request.params.id, request.body);
        return one(caller, request.params.id);
      },
    );

    app.get(
      "/api/performance",
      {
        schema: {
          tags: ["ratings"],
          summary:
            "Public: ratings and rectifications by department and service, satisfaction and 差评整改率, anonymised comments",
          response: { 200: Loose },
        },
        config: { auth: { public: true } },
      },
      async () => ({ ...(await performance(ctx)) }),
    );
  };
}
