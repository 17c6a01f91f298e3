import type { FastifyPluginAsync } from "fastify";
import { Type } from "typebox";
import type { ServiceContext } from "../../platform/context.js";
import { callerOf } from "../../platform/http/caller.js";
import { Offset, StrictObject, Uuid } from "../../platform/http/schema.js";
import type { TypedApp } from "../../platform/http/types.js";
import * as channels from "./channels.service.js";
import { maskAddress } from "./delivery.js";
import { presentChannel, presentNotification, presentOutboxItem } from "./notifications.presenter.js";
import {
  ChannelKindSchema,
  ChannelSchema,
  NotificationListSchema,
  NotificationSchema,
  OutboxListSchema,
  OutboxStatusSchema,
} from "./notifications.schemas.js";
import * as notifications from "./notifications.service.js";

const tags = { tags: ["notifications"] };
const Name = Type.String({ minLength: 1, maxLength: 100 });
const Url = Type.String({ format: "uri", maxLength: 500 });
const Secret = Type.String({
  minLength: 16,
  maxLength: 256,
  description: "Key of the HMAC-SHA256 signature of each delivery; write-only",
});
const PageLimit = (max: number, fallback: number) =>
  Type.Integer({ minimum: 1, maximum: max, default: fallback });

/** In-app notifications of the signed-in account; webhook channels and their outbox for operators. */
export function notificationRoutes(ctx: ServiceContext): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify as unknown as TypedApp;

    // ---- my notifications ----
    app.get(
      "/api/notifications",
      {
        schema: {
          ...tags,
          summary: "My notifications, newest first, with the number unread",
          querystring: StrictObject({
            unread: Type.Optional(Type.Boolean({ description: "Only unread ones" })),
            limit: PageLimit(100, 20),
            offset: Offset,
          }),
          response: { 200: NotificationListSchema },
        },
        config: { auth: { roles: "any" } },
      },
      async (request) => {
        const { rows, total, unread } = await notifications.listMine(ctx, callerOf(request), {
          unreadOnly: request.query.unread,
          limit: request.query.limit,
          offset: request.query.offset,
        });
        return { items: rows.map(presentNotification), total, unread };
      },
    );

    app.post(
      "/api/notifications/:id/read",
      {
        schema: {
          ...tags,
          summary: "Mark one of my notifications read",
          params: StrictObject({ id: Uuid }),
          response: { 200: NotificationSchema },
        },
        config: { auth: { roles: "any" } },
      },
      async (request) =>
        presentNotification(await notifications.markRead(ctx, callerOf(request), request.params.id)),
    );

    app.post(
      "/api/notifications/read-all",
      {
        schema: {
          ...tags,
          summary: "Mark all my notifications read",
          response: { 200: StrictObject({ updated: Type.Integer() }) },
        },
        config: { auth: { roles: "any" } },
      },
      async (request) => ({ updated: await notifications.markAllRead(ctx, callerOf(request)) }),
    );

    // ---- webhook channels (platform admins) ----
    app.get(
      "/api/notifications/channels",
      {
        schema: {
          ...tags,
          summary: "E-mail and SMS webhook channels (platform admins; secrets are never returned)",
          response: { 200: StrictObject({ items: Type.Array(ChannelSchema) }) },
        },
        config: { auth: { roles: ["platform_admin"] } },
      },
      async () => ({ items: (await channels.listChannels(ctx)).map(presentChannel) }),
    );

    app.post(
      "/api/notifications/channels",
      {
        schema: {
          ...tags,
          summary: "Add an e-mail or SMS webhook channel (recorded in the ledger)",
          body: StrictObject({
            name: Name,
            kind: ChannelKindSchema,
            url: Url,
            secret: Secret,
            enabled: Type.Optional(Type.Boolean({ default: false })),
          }),
          response: { 201: ChannelSchema },
        },
        config: { auth: { roles: ["platform_admin"] } },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(presentChannel(await channels.createChannel(ctx, callerOf(request), request.body))),
    );

    app.patch(
      "/api/notifications/channels/:id",
      {
        schema: {
          ...tags,
          summary:
            "Rename, re-address, rotate the secret of, enable or disable a channel (recorded in the ledger)",
          params: StrictObject({ id: Uuid }),
          body: StrictObject({
            name: Type.Optional(Name),
            url: Type.Optional(Url),
            secret: Type.Optional(Secret),
            enabled: Type.Optional(Type.Boolean()),
          }),
          response: { 200: ChannelSchema },
        },
        config: { auth: { roles: ["platform_admin"] } },
      },
      async (request) =>
        presentChannel(await channels.updateChannel(ctx, callerOf(request), request.params.id, request.body)),
    );

    app.delete(
      "/api/notifications/channels/:id",
      {
        schema: {
          ...tags,
          summary: "Delete a channel; its waiting deliveries are given up (recorded in the ledger)",
          params: StrictObject({ id: Uuid }),
        },
        config: { auth: { roles: ["platform_admin"] } },
      },
      async (request, reply) => {
        await channels.deleteChannel(ctx, callerOf(request), request.params.id);
        return reply.code(204).send();
      },
    );

    // ---- the outbox (operators) ----
    app.get(
      "/api/notifications/outbox",
      {
        schema: {
          ...tags,
          summary:
            "Webhook deliveries with their status, attempts and last error (platform admins, auditors)",
          querystring: StrictObject({
            status: Type.Optional(OutboxStatusSchema),
            channel: Type.Optional(Uuid),
            limit: PageLimit(200, 50),
            offset: Offset,
          }),
          response: { 200: OutboxListSchema },
        },
        config: { auth: { roles: ["platform_admin", "auditor"] } },
      },
      async (request) => {
        const { rows, total, counts } = await channels.listOutbox(ctx, request.query);
        return {
          items: rows.map((row) => presentOutboxItem(row, (to) => maskAddress(row.channel_kind, to))),
          total,
          counts,
        };
      },
    );
  };
}
