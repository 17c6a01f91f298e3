import type { FastifyPluginAsync } from "fastify";
import { Type } from "typebox";
import type { ServiceContext } from "../context.js";
import { callerOf } from "../http/caller.js";
import { StrictObject } from "../http/schema.js";
import type { TypedApp } from "../http/types.js";
import { chinaDate } from "./calendar.js";
import { presentOverride } from "./calendar.presenter.js";
import * as calendar from "./calendar.service.js";

const tags = { tags: ["calendar"] };
const Day = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "a date in China, YYYY-MM-DD" });

/** The working-day calendar: public reading, overrides for platform admins. */
export function calendarRoutes(ctx: ServiceContext): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify as unknown as TypedApp;

    app.get(
      "/api/calendar/due",
      {
        schema: {
          ...tags,
          summary: "The due date of a limit in working days from acceptance, and its status today (public)",
          querystring: StrictObject({
            acceptedOn: Day,
            limitDays: Type.Integer({ minimum: 0, maximum: 3650 }),
          }),
        },
        config: { auth: { public: true } },
      },
      async (request) => calendar.due(ctx, request.query, chinaDate(new Date())),
    );

    app.get(
      "/api/calendar/:year",
      {
        schema: {
          ...tags,
          summary: "A year's days off and make-up working days, with their sources (public)",
          params: StrictObject({ year: Type.Integer({ minimum: 1949, maximum: 2200 }) }),
        },
        config: { auth: { public: true } },
      },
      async (request) => calendar.yearView(ctx, request.params.year),
    );

    app.put(
      "/api/calendar/overrides/:day",
      {
        schema: {
          ...tags,
          summary: "Force a day to be a working day or a day off (platform admins)",
          params: StrictObject({ day: Day }),
          body: StrictObject({
            working: Type.Boolean(),
            reason: Type.String({ minLength: 1, maxLength: 300, pattern: "\\S" }),
          }),
        },
        config: { auth: { roles: ["platform_admin"] } },
      },
      async (request) =>
        presentOverride(await calendar.setOverride(ctx, callerOf(request), request.params.day, request.body)),
    );

    app.delete(
      "/api/calendar/overrides/:day",
      {
        schema: {
          ...tags,
          summary: "Remove a day's override (platform admins)",
          params: StrictObject({ day: Day }),
        },
        config: { auth: { roles: ["platform_admin"] } },
      },
      async (request, reply) => {
        await calendar.deleteOverride(ctx, callerOf(request), request.params.day);
        return reply.status(204).send();
      },
    );
  };
}
