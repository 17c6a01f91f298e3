import type { FastifyPluginAsync } from "fastify";
import { Type } from "typebox";
import type { ServiceContext } from "../../platform/context.js";
import { StrictObject } from "../../platform/http/schema.js";
import type { TypedApp } from "../../platform/http/types.js";
import { applicationStats } from "./stats.service.js";

const Loose = Type.Unsafe<Record<string, unknown>>({ type: "object", additionalProperties: true });
const Day = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$" });

/** The leaders' statistics of applications (read-only for auditors). */
export function statsRoutes(ctx: ServiceContext): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify as unknown as TypedApp;
    app.get(
      "/api/stats/applications",
      {
        schema: {
          tags: ["stats"],
          summary:
            "Leaders' statistics: volume, on-time rate, working days, visits saved, materials via the exchange, ratings",
          querystring: StrictObject({
            from: Type.Optional(Day),
            to: Type.Optional(Day),
            department: Type.Optional(Type.String({ pattern: "^[A-Z0-9][A-Z0-9-]{1,30}$" })),
            item: Type.Optional(Type.String({ pattern: "^[0-9A-Za-z][0-9A-Za-z-]{1,59}$" })),
            district: Type.Optional(Type.String({ pattern: "^\\d{6}$" })),
          }),
          response: { 200: Loose },
        },
        config: { auth: { roles: ["leader", "auditor"] } },
      },
      async (request) => ({ ...(await applicationStats(ctx, request.query)) }),
    );
  };
}
