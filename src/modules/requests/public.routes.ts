import type { FastifyPluginAsync } from "fastify";
import { Type } from "typebox";
import type { ServiceContext } from "../../platform/context.js";
import { callerOf } from "../../platform/http/caller.js";
import { Nullable, StrictObject, Uuid } from "../../platform/http/schema.js";
import type { TypedApp } from "../../platform/http/types.js";
import * as publicView from "./public.service.js";
import { CategoryCode, Status } from "./requests.schemas.js";
import { REQUEST_STATUSES, type RequestStatus } from "./requests.tables.js";

const tags = { tags: ["requests"] };
// Public and doing work (redaction of every row read), so limited per client address.
const publicLimited = { auth: { public: true }, rateLimit: { max: 120, timeWindow: "1 minute" } } as const;

const StatusOut = Type.Unsafe<RequestStatus>({ type: "string", enum: [...REQUEST_STATUSES] });
const Ref = StrictObject({ code: Type.String(), name: Type.String(), nameEn: Type.String() });
// The response schemas are the contract: the serializer writes these fields and no others.
const PublicRequestSchema = StrictObject({
  id: Type.String(),
  number: Type.String(),
  status: StatusOut,
  category: Nullable(
    StrictObject({
      code: Type.String(),
      name: Type.String(),
      nameEn: Type.String(),
      path: Type.Array(Type.String()),
    }),
  ),
  department: Nullable(Ref),
  title: Nullable(Type.String()),
  description: Type.String(),
  reply: Nullable(Type.String()),
  address: Nullable(Type.String()),
  district: Nullable(StrictObject({ code: Type.String(), name: Type.String() })),
  location: Nullable(
    StrictObject({
      lat: Type.Number(),
      lng: Type.Number(),
      kind: Type.Union([Type.Literal("private"), Type.Literal("public")]),
      cellMetres: Type.Integer(),
    }),
  ),
  createdAt: Type.String(),
  dispatchedAt: Nullable(Type.String()),
  repliedAt: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
});

/** The public view of requests (no sign-in) and the requester's choice to show or withdraw theirs. */
export function publicRequestsRoutes(ctx: ServiceContext): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify as unknown as TypedApp;

    app.get(
      "/api/public/requests",
      {
        schema: {
          ...tags,
          summary: "Public: requests with personal data removed and locations generalised, newest first",
          querystring: StrictObject({
            category: Type.Optional(CategoryCode),
            status: Type.Optional(Status),
            district: Type.Optional(Type.String({ pattern: "^[0-9]{6}$" })),
            bbox: Type.Optional(Type.String({ maxLength: 200 })),
            text: Type.Optional(Type.String({ maxLength: 50 })),
            cursor: Type.Optional(Type.String({ maxLength: 200, pattern: "^[A-Za-z0-9_-]+$" })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
          }),
          response: {
            200: StrictObject({
              items: Type.Array(PublicRequestSchema),
              nextCursor: Nullable(Type.String()),
            }),
          },
        },
        config: publicLimited,
      },
      async (request) => publicView.listPublic(ctx, request.query),
    );

    app.get(
      "/api/public/requests/filters",
      {
        schema: {
          ...tags,
          summary: "Public: the districts, categories and statuses the public view filters by",
        },
        config: { auth: { public: true } },
      },
      async (_request, reply) =>
        reply.header("cache-control", "public, max-age=300").send(await publicView.publicFilters(ctx)),
    );

    app.get(
      "/api/public/requests/:id",
      {
        schema: {
          ...tags,
          summary: "Public: one request with personal data removed (404 when it is not shown)",
          params: StrictObject({ id: Uuid }),
          response: { 200: PublicRequestSchema },
        },
        config: publicLimited,
      },
      async (request) => publicView.getPublic(ctx, request.params.id),
    );

    app.put(
      "/api/requests/:id/public-view",
      {
        schema: {
          ...tags,
          summary: "The requester shows their request in the public view, or withdraws it",
          params: StrictObject({ id: Uuid }),
          body: StrictObject({ publicView: Type.Boolean() }),
        },
        config: { auth: { roles: ["citizen", "enterprise_agent"] } },
      },
      async (request) =>
        publicView.setPublicView(ctx, callerOf(request), request.params.id, request.body.publicView),
    );
  };
}
