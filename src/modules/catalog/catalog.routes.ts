import type { FastifyPluginAsync } from "fastify";
import { Type } from "typebox";
import type { ServiceContext } from "../../platform/context.js";
import { callerOf } from "../../platform/http/caller.js";
import { StrictObject } from "../../platform/http/schema.js";
import type { TypedApp } from "../../platform/http/types.js";
import {
  presentAssembledBundle,
  presentBundleSummary,
  presentItem,
  presentItemSummary,
} from "./catalog.presenter.js";
import { AudienceSchema, DeptCode, ItemBody, ItemCode, LifeEventSchema } from "./catalog.schemas.js";
import * as catalog from "./catalog.service.js";

const tags = { tags: ["catalog"] };
const Q = Type.Optional(Type.String({ maxLength: 100 }));

/** 政务服务事项目录 and 一件事 (public), and department admins' edits of their items. */
export function catalogRoutes(ctx: ServiceContext): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify as unknown as TypedApp;

    app.get(
      "/api/services",
      {
        schema: {
          ...tags,
          summary:
            "Browse and search the service catalogue by life event, department, audience, power and text",
          querystring: StrictObject({
            lifeEvent: Type.Optional(LifeEventSchema),
            department: Type.Optional(DeptCode),
            audience: Type.Optional(AudienceSchema),
            power: Type.Optional(Type.String({ pattern: "^[0-9A-Za-z-]{3,40}$" })),
            q: Q,
          }),
        },
        config: { auth: { public: true } },
      },
      async (request) => ({ items: (await catalog.listItems(ctx, request.query)).map(presentItemSummary) }),
    );

    app.get(
      "/api/services/:code",
      {
        schema: {
          ...tags,
          summary: "One service item in full (办事指南): legal basis, conditions, materials, form, steps",
          params: StrictObject({ code: ItemCode }),
        },
        config: { auth: { public: true } },
      },
      async (request) => {
        const { item, power, bundles } = await catalog.itemDetail(ctx, request.params.code, "params.code");
        return presentItem(item, power, bundles);
      },
    );

    app.put(
      "/api/services/:code",
      {
        schema: {
          ...tags,
          summary:
            "Update one of your department's service items (department admins; versioned, in the ledger)",
          params: StrictObject({ code: ItemCode }),
          body: ItemBody,
        },
        config: { auth: { roles: ["dept_admin"] } },
      },
      async (request) => {
        const item = await catalog.updateItem(ctx, callerOf(request), request.params.code, request.body);
        const { power, bundles } = await catalog.itemDetail(ctx, item.code);
        return presentItem(item, power, bundles);
      },
    );

    app.get(
      "/api/bundles",
      {
        schema: {
          ...tags,
          summary: "Browse and search the one-thing bundles (一件事)",
          querystring: StrictObject({
            lifeEvent: Type.Optional(LifeEventSchema),
            department: Type.Optional(DeptCode),
            audience: Type.Optional(AudienceSchema),
            item: Type.Optional(ItemCode),
            q: Q,
          }),
        },
        config: { auth: { public: true } },
      },
      async (request) => {
        const [bundles, items] = await Promise.all([
          catalog.listBundles(ctx, request.query),
          catalog.itemsByCode(ctx),
        ]);
        return { items: bundles.map((b) => presentBundleSummary(b, items)) };
      },
    );

    app.get(
      "/api/bundles/:code",
      {
        schema: {
          ...tags,
          summary: "One bundle with its items, its one form and its one set of materials",
          params: StrictObject({ code: ItemCode }),
        },
        config: { auth: { public: true } },
      },
      async (request) =>
        presentAssembledBundle(await catalog.assembleBundle(ctx, request.params.code, "params.code")),
    );
  };
}
