import type { FastifyPluginAsync } from "fastify";
import { Type } from "typebox";
import type { ServiceContext } from "../../platform/context.js";
import { callerOf } from "../../platform/http/caller.js";
import { Limit, Offset, StrictObject, Uuid } from "../../platform/http/schema.js";
import type { TypedApp } from "../../platform/http/types.js";
import * as agreements from "./agreements.service.js";
import * as catalogue from "./catalogue.service.js";
import * as consents from "./consent.service.js";
import {
  presentAgreementOne,
  presentAgreements,
  presentAlerts,
  presentConsentOne,
  presentConsents,
  presentRefusals,
} from "./exchange.presenter.js";
import { AgreementSchema, AlertSchema, ConsentSchema, Items, RefusalSchema } from "./exchange.schemas.js";
import * as gateway from "./gateway.service.js";
import * as supervision from "./supervision.service.js";

const tags = { tags: ["exchange"] };
const ResourceId = Type.String({ pattern: "^[a-z0-9][a-z0-9-]{1,59}$" });
const DeptCode = Type.String({ pattern: "^[A-Z0-9][A-Z0-9-]{1,30}$" });
const FieldName = Type.String({ pattern: "^[A-Za-z][A-Za-z0-9]{0,39}$" });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const DateOnly = Type.String({ format: "date" });
const IdNumber = Type.String({ pattern: "^[0-9]{17}[0-9Xx]$" });
const CreditCode = Type.String({ pattern: "^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$" });
const Lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

const FieldSchema = StrictObject({
  name: FieldName,
  label: Text(60),
  labelEn: Text(120),
  type: Lit(["string", "date", "datetime", "number", "boolean", "string[]"] as const),
  sensitivity: Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3), Type.Literal(4)]),
  mask: Lit(["name", "idNumber", "creditCode", "mobile", "address", "date", "redact"] as const),
});

const ResourceBody = StrictObject({
  code: Type.String({ pattern: "^[0-9A-Z][0-9A-Z-]{2,39}$" }),
  name: Text(100),
  nameEn: Text(200),
  description: Text(1000),
  descriptionEn: Text(2000),
  owner: DeptCode,
  subjectType: Lit(["person", "organisation"] as const),
  sharingClass: Lit(["unconditional", "conditional", "none"] as const),
  conditions: Type.String({ maxLength: 1000 }),
  legalBasis: Type.Array(StrictObject({ law: Text(100), article: Text(100) }), { minItems: 1, maxItems: 10 }),
  openDataClass: Lit(["open", "conditional", "closed"] as const),
  dataClass: Lit(["general", "personal", "sensitive", "health"] as const),
  purposes: Type.Array(Text(60), { maxItems: 20 }),
  updateFrequency: Lit(["realtime", "daily", "weekly", "monthly", "quarterly", "yearly"] as const),
  fields: Type.Array(FieldSchema, { minItems: 1, maxItems: 100 }),
});

const Subject = StrictObject({
  idNumber: Type.Optional(IdNumber),
  creditCode: Type.Optional(CreditCode),
});

const staff = ["officer", "dept_admin", "leader", "auditor"] as const;

/** The data-sharing exchange: catalogue, agreements, the gateway, consent and supervision. */
export function exchangeRoutes(ctx: ServiceContext): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify as unknown as TypedApp;

    // ---- catalogue (public: 政务信息资源目录 are published) ----
    app.get(
      "/api/exchange/resources",
      {
        schema: {
          ...tags,
          summary: "Browse and search the data-resource catalogue",
          querystring: StrictObject({
            q: Type.Optional(Type.String({ maxLength: 100 })),
            owner: Type.Optional(DeptCode),
            sharingClass: Type.Optional(Lit(["unconditional", "conditional", "none"] as const)),
            subjectType: Type.Optional(Lit(["person", "organisation"] as const)),
          }),
        },
        config: { auth: { public: true } },
      },
      async (request) => ({
        items: (await catalogue.searchCatalogue(ctx, request.query)).map(catalogue.presentResource),
      }),
    );

    app.get(
      "/api/exchange/resources/:id",
      {
        schema: {
          ...tags,
          summary: "One data resource with its fields",
          params: StrictObject({ id: ResourceId }),
        },
        config: { auth: { public: true } },
      },
      async (request) =>
        catalogue.presentResource(await catalogue.getResource(ctx, request.params.id, "params.id")),
    );

    app.put(
      "/api/exchange/resources/:id",
      {
        schema: {
          ...tags,
          summary: "Register or update one of your department's data resources",
          params: StrictObject({ id: ResourceId }),
          body: ResourceBody,
        },
        config: { auth: { roles: ["dept_admin"] } },
      },
      async (request) =>
        catalogue.presentResource(
          await catalogue.saveResource(ctx, callerOf(request), { id: request.params.id, ...request.body }),
        ),
    );

    app.put(
      "/api/exchange/resources/:id/provider",
      {
        schema: {
          ...tags,
          summary: "Connect the resource to the department's own system (OpenAPI-described HTTP endpoint)",
          params: StrictObject({ id: ResourceId }),
          body: Type.Union([
            StrictObject({ kind: Type.Literal("builtin") }),
            StrictObject({
              kind: Type.Literal("http"),
              baseUrl: Type.String({ format: "uri", maxLength: 500 }),
              operationId: Text(100),
              openapi: Type.Object({}, { additionalProperties: true }),
              timeoutMs: Type.Integer({ minimum: 100, maximum: 30_000 }),
            }),
          ]),
        },
        config: { auth: { roles: ["dept_admin"] } },
      },
      async (request, reply) => {
        await catalogue.setProvider(ctx, callerOf(request), request.params.id, request.body);
        return reply.code(204).send();
      },
    );

    // ---- sharing agreements ----
    app.post(
      "/api/exchange/agreements",
      {
        schema: {
          ...tags,
          summary: "Apply to use a resource (granted at once when it is shared without conditions)",
          body: StrictObject({
            resource: ResourceId,
            consumer: Type.Optional(DeptCode),
            fields: Type.Array(FieldName, { minItems: 1, maxItems: 100 }),
            purpose: Text(100),
            legalBasis: Text(300),
            validFrom: DateOnly,
            validUntil: DateOnly,
            expectedDailyVolume: Type.Integer({ minimum: 1, maximum: 10_000_000 }),
          }),
          response: { 201: AgreementSchema },
        },
        config: { auth: { roles: ["dept_admin"] } },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await presentAgreementOne(ctx, await agreements.apply(ctx, callerOf(request), request.body))),
    );

    app.get(
      "/api/exchange/agreements",
      {
        schema: {
          ...tags,
          summary: "Agreements of your departments, as consumer or owner (auditors: all)",
          querystring: StrictObject({
            role: Type.Optional(Lit(["consumer", "owner"] as const)),
            status: Type.Optional(Lit(["applied", "approved", "refused", "suspended", "expired"] as const)),
            expiringWithinDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 366 })),
          }),
          response: { 200: Items(AgreementSchema) },
        },
        config: { auth: { roles: staff } },
      },
      async (request) => ({
        items: await presentAgreements(ctx, await agreements.list(ctx, callerOf(request), request.query)),
      }),
    );

    app.post(
      "/api/exchange/agreements/:id/review",
      {
        schema: {
          ...tags,
          summary: "The owner approves (possibly narrowed) or refuses an application, with reasons",
          params: StrictObject({ id: Uuid }),
          body: StrictObject({
            decision: Lit(["approve", "refuse"] as const),
            reason: Text(500),
            fields: Type.Optional(Type.Array(FieldName, { minItems: 1, maxItems: 100 })),
            validUntil: Type.Optional(DateOnly),
            clearance: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
            dailyQuota: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000_000 })),
            ratePerMinute: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
            requiresConsent: Type.Optional(Type.Boolean()),
          }),
          response: { 200: AgreementSchema },
        },
        config: { auth: { roles: ["dept_admin"] } },
      },
      async (request) =>
        presentAgreementOne(
          ctx,
          await agreements.review(ctx, callerOf(request), request.params.id, request.body),
        ),
    );

    for (const action of ["suspend", "resume"] as const) {
      app.post(
        `/api/exchange/agreements/:id/${action}`,
        {
          schema: {
            ...tags,
            summary:
              action === "suspend"
                ? "The owner suspends an agreement"
                : "The owner resumes a suspended agreement",
            params: StrictObject({ id: Uuid }),
            body: StrictObject({ reason: Text(500) }),
            response: { 200: AgreementSchema },
          },
          config: { auth: { roles: ["dept_admin"] } },
        },
        async (request) =>
          presentAgreementOne(
            ctx,
            await agreements.setSuspended(
              ctx,
              callerOf(request),
              request.params.id,
              action === "suspend",
              request.body.reason,
            ),
          ),
      );
    }

    // ---- the gateway ----
    app.post(
      "/api/exchange/query",
      {
        schema: {
          ...tags,
          summary: "Query a resource for one subject under an agreement, stating the purpose",
          body: StrictObject({
            resource: ResourceId,
            agreement: Uuid,
            subject: Subject,
            purpose: Text(100),
            fields: Type.Optional(Type.Array(FieldName, { minItems: 1, maxItems: 100 })),
            reference: Type.Optional(Text(100)),
          }),
        },
        config: { auth: { roles: ["officer", "dept_admin"], scope: "exchange:query" } },
      },
      async (request) => gateway.query(ctx, callerOf(request), request.body),
    );

    // ---- consent ----
    app.post(
      "/api/exchange/consents",
      {
        schema: {
          ...tags,
          summary: "Ask a person (or an enterprise) to consent to a use of their data",
          body: StrictObject({
            subject: Subject,
            scope: Type.Array(
              StrictObject({
                resource: ResourceId,
                fields: Type.Array(FieldName, { minItems: 1, maxItems: 100 }),
              }),
              { minItems: 1, maxItems: 20 },
            ),
            purpose: Text(100),
            validUntil: Type.String({ format: "date-time" }),
            reference: Type.Optional(Text(100)),
            series: Type.Optional(Uuid),
          }),
          response: { 201: ConsentSchema },
        },
        config: { auth: { roles: ["officer", "dept_admin"], scope: "exchange:query" } },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await presentConsentOne(ctx, await consents.requestConsent(ctx, callerOf(request), request.body)),
          ),
    );

    app.get(
      "/api/me/consents",
      {
        schema: {
          ...tags,
          summary: "Your consents: pending requests, granted and revoked ones",
          response: { 200: Items(ConsentSchema) },
        },
        config: { auth: { roles: ["citizen", "enterprise_agent"] } },
      },
      async (request) => ({ items: await presentConsents(ctx, await consents.mine(ctx, callerOf(request))) }),
    );

    app.post(
      "/api/me/consents/:id/decision",
      {
        schema: {
          ...tags,
          summary: "Grant or refuse a consent request, or revoke a consent (effective from the next call)",
          params: StrictObject({ id: Uuid }),
          body: StrictObject({ decision: Lit(["grant", "refuse", "revoke"] as const) }),
          response: { 200: ConsentSchema },
        },
        config: { auth: { roles: ["citizen", "enterprise_agent"] } },
      },
      async (request) =>
        presentConsentOne(
          ctx,
          await consents.decideConsent(ctx, callerOf(request), request.params.id, request.body.decision),
        ),
    );

    // ---- supervision ----
    app.get(
      "/api/exchange/usage",
      {
        schema: {
          ...tags,
          summary: "Gateway usage by department, resource, purpose, day or outcome",
          querystring: StrictObject({
            by: Lit(["department", "resource", "purpose", "day", "outcome"] as const),
            from: Type.Optional(Type.String({ maxLength: 40 })),
            to: Type.Optional(Type.String({ maxLength: 40 })),
          }),
        },
        config: { auth: { roles: ["auditor", "leader"] } },
      },
      async (request) => supervision.usage(ctx, request.query),
    );

    app.get(
      "/api/exchange/refusals",
      {
        schema: {
          ...tags,
          summary: "Refused and failed gateway calls, newest first",
          querystring: StrictObject({ limit: Limit, offset: Offset }),
          response: {
            200: Type.Object(
              { items: Type.Array(RefusalSchema), total: Type.Integer() },
              { additionalProperties: false },
            ),
          },
        },
        config: { auth: { roles: ["auditor"] } },
      },
      async (request) => {
        const { rows, total } = await supervision.refusals(ctx, request.query);
        return { items: await presentRefusals(ctx, rows), total };
      },
    );

    app.get(
      "/api/exchange/alerts",
      {
        schema: {
          ...tags,
          summary: "Anomaly alerts on the use of data",
          querystring: StrictObject({ status: Type.Optional(Lit(["open", "reviewed"] as const)) }),
          response: { 200: Items(AlertSchema) },
        },
        config: { auth: { roles: ["auditor"] } },
      },
      async (request) => ({
        items: await presentAlerts(ctx, await supervision.listAlerts(ctx, request.query)),
      }),
    );

    app.post(
      "/api/exchange/alerts/scan",
      {
        schema: {
          ...tags,
          summary: "Scan a day's use for anomalies now (the server also scans every ten minutes)",
          body: StrictObject({ day: Type.Optional(DateOnly) }),
        },
        config: { auth: { roles: ["auditor"] } },
      },
      async (request) => ({ raised: await supervision.scanAlerts(ctx, callerOf(request), request.body.day) }),
    );

    app.post(
      "/api/exchange/alerts/:id/review",
      {
        schema: {
          ...tags,
          summary: "Mark an alert reviewed, with the finding",
          params: StrictObject({ id: Uuid }),
          body: StrictObject({ finding: Text(1000) }),
        },
        config: { auth: { roles: ["auditor"] } },
      },
      async (request, reply) => {
        await supervision.reviewAlert(ctx, callerOf(request), request.params.id, request.body.finding);
        return reply.code(204).send();
      },
    );
  };
}
