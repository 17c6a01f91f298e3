import type { FastifyPluginAsync } from "fastify";
import { Type } from "typebox";
import type { ServiceContext } from "../../platform/context.js";
import { DomainError } from "../../platform/errors.js";
import { callerOf } from "../../platform/http/caller.js";
import { Limit, Offset, StrictObject, Uuid } from "../../platform/http/schema.js";
import type { TypedApp } from "../../platform/http/types.js";
import { importCategoriesCsv, updateCategory } from "./categories.service.js";
import * as handling from "./handling.service.js";
import * as open311 from "./open311.service.js";
import {
  presentCategories,
  presentCorrection,
  presentRequestDetail,
  presentRequestList,
} from "./requests.presenter.js";
import {
  CategoryCode,
  CloseBody,
  DepartmentBody,
  DeptCode,
  DispatchBody,
  HotlineBody,
  NoteBody,
  ReasonBody,
  ReturnVisitBody,
  Status,
  SubmitBody,
  TextBody,
} from "./requests.schemas.js";
import * as requests from "./requests.service.js";

const tags = { tags: ["requests"] };
const IdParams = StrictObject({ id: Uuid });
const citizens = ["citizen", "enterprise_agent"] as const;
const staff = ["officer", "dept_admin", "leader", "auditor"] as const;

/** 接诉即办: intake, queues, handling, return visits (the JSON API; Open311 is in open311.routes.ts). */
export function requestsRoutes(ctx: ServiceContext): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify as unknown as TypedApp;
    // Photos arrive as the raw image body; the service checks the magic bytes and the size.
    fastify.addContentTypeParser(
      /^image\//,
      { parseAs: "buffer", bodyLimit: requests.MAX_PHOTO_BYTES },
      (_req, body, done) => done(null, body),
    );

    app.get(
      "/api/requests/categories",
      {
        schema: { ...tags, summary: "The category tree with each category's department and deadlines" },
        config: { auth: { public: true } },
      },
      async () => ({ items: await presentCategories(ctx, await requests.listCategories(ctx)) }),
    );

    app.post(
      "/api/requests/categories/import",
      {
        schema: {
          ...tags,
          summary: "Import a level1,level2,level3 category CSV (platform admins)",
          body: StrictObject({ csv: Type.String({ minLength: 1, maxLength: 900_000 }) }),
        },
        config: { auth: { roles: ["platform_admin"] } },
      },
      async (request) => importCategoriesCsv(ctx, callerOf(request), request.body.csv),
    );

    app.patch(
      "/api/requests/categories/:code",
      {
        schema: {
          ...tags,
          summary: "Change a category's department or deadlines (platform admins)",
          params: StrictObject({ code: CategoryCode }),
          body: StrictObject({
            department: Type.Optional(Type.Union([DeptCode, Type.Null()])),
            contactHours: Type.Optional(
              Type.Union([Type.Integer({ minimum: 1, maximum: 720 }), Type.Null()]),
            ),
            resolveDays: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 120 }), Type.Null()])),
            active: Type.Optional(Type.Boolean()),
          }),
        },
        config: { auth: { roles: ["platform_admin"] } },
      },
      async (request) => {
        const category = await updateCategory(ctx, callerOf(request), request.params.code, request.body);
        return (await presentCategories(ctx, [category]))[0];
      },
    );

    app.post(
      "/api/requests",
      {
        schema: {
          ...tags,
          summary:
            "File a request (citizens and enterprises on the web; department systems with requests:submit)",
          body: SubmitBody,
        },
        config: { auth: { roles: citizens, scope: "requests:submit" } },
      },
      async (request, reply) => {
        const caller = callerOf(request);
        const row = await requests.submit(ctx, caller, {
          ...request.body,
          channel: caller.actor.via === "token" ? "api" : "web",
        });
        const detail = await requests.getRequest(ctx, caller, row.id, row).catch(() => null);
        return reply
          .code(201)
          .send(
            detail
              ? await presentRequestDetail(ctx, detail)
              : { id: row.id, number: row.number, status: row.status },
          );
      },
    );

    app.post(
      "/api/requests/hotline",
      {
        schema: { ...tags, summary: "A 12345 hotline agent files what a caller says", body: HotlineBody },
        config: { auth: { roles: ["officer"] } },
      },
      async (request, reply) => {
        const caller = callerOf(request);
        const b = request.body;
        const row = await requests.submitHotline(ctx, caller, b);
        return reply
          .code(201)
          .send(await presentRequestDetail(ctx, await requests.getRequest(ctx, caller, row.id, row)));
      },
    );

    app.get(
      "/api/requests/mine",
      {
        schema: {
          ...tags,
          summary: "My requests, newest first",
          querystring: StrictObject({ status: Type.Optional(Status), limit: Limit, offset: Offset }),
        },
        config: { auth: { roles: citizens } },
      },
      async (request) => {
        const { rows, total } = await requests.listMine(ctx, callerOf(request), request.query);
        return { items: await presentRequestList(ctx, rows, "requester"), total };
      },
    );

    app.get(
      "/api/requests/queue",
      {
        schema: {
          ...tags,
          summary: "Work queues: dispatch (12345 centre), department (with deadlines), all",
          querystring: StrictObject({
            view: Type.Union([Type.Literal("dispatch"), Type.Literal("department"), Type.Literal("all")]),
            status: Type.Optional(Status),
            q: Type.Optional(Type.String({ maxLength: 100 })),
            limit: Limit,
            offset: Offset,
          }),
        },
        config: { auth: { roles: staff } },
      },
      async (request) => {
        const { view, ...filter } = request.query;
        const { rows, total, assignments } = await requests.listQueue(ctx, callerOf(request), view, filter);
        return { items: await presentRequestList(ctx, rows, "staff", assignments), total };
      },
    );

    app.get(
      "/api/requests/workspace",
      {
        schema: {
          ...tags,
          summary: "What the caller does in 接诉即办: the 12345 centre, and which departments' queues",
        },
        config: { auth: { roles: staff } },
      },
      async (request) => requests.workspace(ctx, callerOf(request)),
    );

    app.get(
      "/api/requests/corrections",
      {
        schema: {
          ...tags,
          summary: "Routing corrections kept as training examples (12345 centre, platform admins)",
          querystring: StrictObject({
            resolvedOnly: Type.Optional(Type.Boolean()),
            limit: Limit,
            offset: Offset,
          }),
        },
        config: { auth: { roles: ["officer", "platform_admin"] } },
      },
      async (request) => {
        const { rows, total } = await handling.listCorrections(ctx, callerOf(request), request.query);
        return { items: rows.map(presentCorrection), total };
      },
    );

    app.get(
      "/api/requests/:id",
      {
        schema: { ...tags, summary: "One request with its history", params: IdParams },
        config: { auth: { roles: "any" } },
      },
      async (request) =>
        presentRequestDetail(ctx, await requests.getRequest(ctx, callerOf(request), request.params.id)),
    );

    app.get(
      "/api/requests/:id/contact",
      {
        schema: {
          ...tags,
          summary: "The requester's contact details in clear, for the handling department (recorded)",
          params: IdParams,
        },
        config: { auth: { roles: ["officer"] } },
      },
      async (request) => requests.revealContact(ctx, callerOf(request), request.params.id),
    );

    app.post(
      "/api/requests/:id/photos",
      {
        schema: {
          ...tags,
          summary: "Add a photo (PNG or JPEG, at most 5 MB, sent as the raw body)",
          params: IdParams,
        },
        bodyLimit: requests.MAX_PHOTO_BYTES,
        config: { auth: { roles: [...citizens, "officer"] } },
      },
      async (request, reply) => {
        if (!Buffer.isBuffer(request.body)) {
          throw new DomainError(
            "UNSUPPORTED_MEDIA_TYPE",
            "Send the photo as the body with Content-Type image/png or image/jpeg",
          );
        }
        const type = (request.headers["content-type"] ?? "").split(";")[0]?.trim() ?? "";
        const photo = await requests.addPhoto(ctx, callerOf(request), request.params.id, type, request.body);
        return reply
          .code(201)
          .send({ id: photo.id, contentType: photo.content_type, sizeBytes: photo.size_bytes });
      },
    );

    app.get(
      "/api/requests/:id/photos/:photoId",
      {
        schema: {
          ...tags,
          summary: "A photo of a request",
          params: StrictObject({ id: Uuid, photoId: Uuid }),
        },
        config: { auth: { roles: "any" } },
      },
      async (request, reply) => {
        const photo = await requests.getPhoto(
          ctx,
          callerOf(request),
          request.params.id,
          request.params.photoId,
        );
        return reply
          .type(photo.contentType)
          .header("content-disposition", "inline")
          .header("cache-control", "private, max-age=3600")
          .send(photo.data);
      },
    );

    const action = <B>(
      path: string,
      summary: string,
      body: import("typebox").TSchema | undefined,
      roles: readonly ("officer" | "citizen" | "enterprise_agent")[],
      run: (caller: ReturnType<typeof callerOf>, id: string, body: B) => Promise<unknown>,
    ) =>
      app.post(
        `/api/requests/:id/${path}`,
        {
          schema: { ...tags, summary, params: IdParams, ...(body ? { body } : {}) },
          config: { auth: { roles } },
        },
        async (request) => {
          const caller = callerOf(request);
          await run(caller, request.params.id, request.body as B);
          return presentRequestDetail(ctx, await requests.getRequest(ctx, caller, request.params.id));
        },
      );

    action<handling.DispatchInput>(
      "dispatch",
      "Dispatch to a department (12345 centre)",
      DispatchBody,
      ["officer"],
      (c, id, b) => handling.dispatch(ctx, c, id, b),
    );
    action("accept", "Accept for your department", undefined, ["officer"], (c, id) =>
      handling.accept(ctx, c, id),
    );
    action("contact", "Record that the requester was contacted", undefined, ["officer"], (c, id) =>
      handling.recordContact(ctx, c, id),
    );
    action<{ text: string; public: boolean }>(
      "notes",
      "Add a handling note",
      NoteBody,
      ["officer"],
      (c, id, b) => handling.addNote(ctx, c, id, b),
    );
    action<{ text: string }>("reply", "Reply to the requester", TextBody, ["officer"], (c, id, b) =>
      handling.reply(ctx, c, id, b),
    );
    action<{ note?: string }>("close", "Close a replied request", CloseBody, ["officer"], (c, id, b) =>
      handling.close(ctx, c, id, b),
    );
    action<{ reason: string }>(
      "return",
      "Return a misrouted request to the dispatcher",
      ReasonBody,
      ["officer"],
      (c, id, b) => handling.returnToDispatcher(ctx, c, id, b),
    );
    action<{ reason: string }>(
      "escalate",
      "Escalate to the department one level up",
      ReasonBody,
      ["officer"],
      (c, id, b) => handling.escalate(ctx, c, id, b),
    );
    action<{ department: string }>(
      "co-handlers",
      "Ask another department to handle jointly",
      DepartmentBody,
      ["officer"],
      (c, id, b) => handling.addCoHandler(ctx, c, id, b),
    );
    action<{ text: string }>(
      "contribution",
      "A co-handler's part of the answer",
      TextBody,
      ["officer"],
      (c, id, b) => handling.contribute(ctx, c, id, b),
    );
    action<handling.ReturnVisitInput>(
      "return-visit",
      "Return visit: resolved and satisfied or not (requester, or the 12345 centre by phone)",
      ReturnVisitBody,
      [...citizens, "officer"],
      (c, id, b) => handling.returnVisit(ctx, c, id, b),
    );

    // ---- Open311 API keys (platform admins; the CLI issues them too) ----
    app.get(
      "/api/open311/keys",
      { schema: { ...tags, summary: "Open311 API keys" }, config: { auth: { roles: ["platform_admin"] } } },
      async () => ({
        items: (await open311.listKeys(ctx)).map((k) => ({
          id: k.id,
          name: k.name,
          prefix: k.prefix,
          createdAt: k.created_at.toISOString(),
          revokedAt: k.revoked_at?.toISOString() ?? null,
          lastUsedAt: k.last_used_at?.toISOString() ?? null,
        })),
      }),
    );
    app.post(
      "/api/open311/keys",
      {
        schema: {
          ...tags,
          summary: "Issue an Open311 API key (shown once)",
          body: StrictObject({ name: Type.String({ minLength: 1, maxLength: 100 }) }),
        },
        config: { auth: { roles: ["platform_admin"] } },
      },
      async (request, reply) =>
        reply.code(201).send(await open311.createKey(ctx, callerOf(request), request.body.name)),
    );
    app.delete(
      "/api/open311/keys/:id",
      {
        schema: { ...tags, summary: "Revoke an Open311 API key", params: IdParams },
        config: { auth: { roles: ["platform_admin"] } },
      },
      async (request, reply) => {
        await open311.revokeKey(ctx, callerOf(request), request.params.id);
        return reply.code(204).send();
      },
    );
  };
}
