import type { FastifyPluginAsync } from "fastify";
import { Type } from "typebox";
import { RATE_GROUPS } from "../../../shared/requests/rates.js";
import type { ServiceContext } from "../../platform/context.js";
import { callerOf } from "../../platform/http/caller.js";
import { StrictObject } from "../../platform/http/schema.js";
import type { TypedApp } from "../../platform/http/types.js";
import { requestRates } from "./rates.service.js";
import { DeptCode } from "./requests.schemas.js";

const Loose = Type.Unsafe<Record<string, unknown>>({ type: "object", additionalProperties: true });
const Day = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$" });

/** The three rates of 接诉即办 for leaders, auditors and the 12345 centre (docs/requests-rates.md). */
export function ratesRoutes(ctx: ServiceContext): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify as unknown as TypedApp;
    app.get(
      "/api/requests/rates",
      {
        schema: {
          tags: ["requests"],
          summary:
            "响应率, 解决率, 满意率 and the composite score by department, district or category over a period, ranked, with the monthly trend",
          querystring: StrictObject({
            groupBy: Type.Optional(Type.Union(RATE_GROUPS.map((g) => Type.Literal(g)))),
            period: Type.Optional(Type.String({ pattern: "^\\d{4}(-\\d{2}|-Q[1-4])?$" })),
            from: Type.Optional(Day),
            to: Type.Optional(Day),
            department: Type.Optional(DeptCode),
            months: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 })),
          }),
          response: { 200: Loose },
        },
        // Officers pass the route; the service keeps only the 12345 centre's (the dispatchers).
        config: { auth: { roles: ["leader", "auditor", "officer"] } },
      },
      async (request) => ({
        ...(await requestRates(ctx, callerOf(request), {
          ...request.query,
          groupBy: request.query.groupBy ?? "department",
        })),
      }),
    );
  };
}
