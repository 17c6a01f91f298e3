import type { FastifyPluginAsync } from "fastify";
import { Type } from "typebox";
import type { ServiceContext } from "../../platform/context.js";
import { notFound } from "../../platform/errors.js";
import { requirePrincipal } from "../../platform/http/auth.js";
import { callerOf } from "../../platform/http/caller.js";
import { Limit, Offset, StrictObject, Uuid } from "../../platform/http/schema.js";
import type { TypedApp } from "../../platform/http/types.js";
import * as ledger from "./ledger.service.js";
import * as views from "./ledger.views.js";
import { parseTilePath } from "./tile-path.js";

const Index = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });
const publicRoute = { auth: { public: true } } as const;
const tags = { tags: ["ledger"] };

/** The transparency log: C2SP checkpoints and tiles, proofs, and the auditor's and citizen's views. */
export function ledgerRoutes(ctx: ServiceContext): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify as unknown as TypedApp;
    const keys = ctx.ledger.keys;

    app.get(
      "/ledger/checkpoint",
      {
        schema: { ...tags, summary: "The latest signed checkpoint (C2SP tlog-checkpoint, signed note)" },
        config: publicRoute,
      },
      async (_request, reply) => {
        const { note } = await ledger.currentCheckpoint(ctx.db, keys);
        return reply.type("text/plain; charset=utf-8").header("cache-control", "no-cache").send(note);
      },
    );

    app.get(
      "/ledger/verifier-key",
      {
        schema: { ...tags, summary: "The log's Ed25519 verifier key (note vkey format)" },
        config: publicRoute,
      },
      async (_request, reply) => reply.type("text/plain; charset=utf-8").send(`${keys.vkey}\n`),
    );

    app.get(
      "/ledger/tile/*",
      {
        schema: {
          ...tags,
          summary: "Hash tiles <L>/<N>[.p/<W>] and entry bundles entries/<N>[.p/<W>] (C2SP tlog-tiles)",
        },
        config: publicRoute,
      },
      async (request, reply) => {
        const path = (request.params as { "*": string })["*"];
        const tile = parseTilePath(path);
        if (!tile) {
          throw notFound(`Tile ${path}`);
        }
        const { size } = await ledger.currentCheckpoint(ctx.db, keys);
        const data =
          tile.level === "entries"
            ? await ledger.entryBundle(ctx.db, tile.index, tile.width, size)
            : await ledger.hashTile(ctx.db, tile.level, tile.index, tile.width, size);
        if (!data) {
          throw notFound(`Tile ${path}`);
        }
        // Full tiles never change; partial ones are replaced by wider ones as the log grows.
        return reply
          .type("application/octet-stream")
          .header("cache-control", tile.width === 256 ? "public, max-age=31536000, immutable" : "no-cache")
          .send(data);
      },
    );

    app.get(
      "/ledger/entries/:index",
      {
        schema: {
          ...tags,
          summary: "An entry with its inclusion proof and the checkpoint it is proved against",
          params: StrictObject({ index: Index }),
          querystring: StrictObject({ treeSize: Type.Optional(Index) }),
        },
        config: publicRoute,
      },
      async (request) => ledger.entryWithProof(ctx.db, keys, request.params.index, request.query.treeSize),
    );

    app.get(
      "/ledger/consistency",
      {
        schema: {
          ...tags,
          summary: "Consistency proof between two signed tree sizes",
          querystring: StrictObject({ from: Index, to: Index }),
        },
        config: publicRoute,
      },
      async (request) => ledger.consistencyProof(ctx.db, request.query.from, request.query.to),
    );

    app.get(
      "/api/ledger/entries",
      {
        schema: {
          ...tags,
          summary: "Search the ledger with clear identifiers (auditors; the search is itself recorded)",
          querystring: StrictObject({
            actor: Type.Optional(Type.String({ minLength: 1, maxLength: 63 })),
            departmentId: Type.Optional(Uuid),
            subjectIdNumber: Type.Optional(Type.String({ minLength: 18, maxLength: 18 })),
            subjectCreditCode: Type.Optional(Type.String({ minLength: 18, maxLength: 18 })),
            action: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            from: Type.Optional(Type.String({ format: "date-time" })),
            to: Type.Optional(Type.String({ format: "date-time" })),
            seqs: Type.Optional(
              Type.String({
                pattern: "^[0-9]{1,15}(,[0-9]{1,15}){0,99}$",
                description: "entries by sequence number",
              }),
            ),
            limit: Type.Optional(Limit),
            offset: Type.Optional(Offset),
          }),
        },
        config: { auth: { roles: ["auditor"] } },
      },
      async (request) => {
        const { limit = 50, offset = 0, ...rest } = request.query;
        return views.searchForAuditor(ctx, callerOf(request), { ...rest, limit, offset });
      },
    );

    app.get(
      "/api/ledger/export",
      {
        schema: {
          ...tags,
          summary: "Export entries [from, to) with inclusion proofs and the signed checkpoint (auditors)",
          querystring: StrictObject({ from: Index, to: Index }),
        },
        config: { auth: { roles: ["auditor"] } },
      },
      async (request) => {
        const { from, to } = request.query;
        const result = await ledger.exportRange(ctx.db, keys, from, to);
        const caller = callerOf(request);
        await ctx.ledger.record(ctx.db, {
          action: "ledger.export",
          actor: caller.actor,
          resource: "ledger/entries",
          purpose: "supervision",
          outcome: "success",
          requestId: caller.requestId,
          details: { from, to },
        });
        return result;
      },
    );

    app.get(
      "/api/ledger/mine",
      {
        schema: {
          ...tags,
          summary: "Entries about the signed-in person, account or organisation (谁用了我的数据)",
          querystring: StrictObject({
            limit: Type.Optional(Limit),
            offset: Type.Optional(Offset),
            others: Type.Optional(Type.Boolean({ description: "only what others did" })),
            seqs: Type.Optional(
              Type.String({
                pattern: "^[0-9]{1,15}(,[0-9]{1,15}){0,99}$",
                description:
                  "only these entries (by sequence number), e.g. the read behind a pre-filled field",
              }),
            ),
          }),
        },
        config: { auth: { roles: "any" } },
      },
      async (request) => {
        const { limit = 50, offset = 0, others, seqs } = request.query;
        return views.entriesAboutMe(ctx, requirePrincipal(request).accountId, {
          limit,
          offset,
          othersOnly: others,
          seqs: seqs?.split(",").map(Number),
        });
      },
    );
  };
}
