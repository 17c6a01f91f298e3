import type { FastifyPluginAsync } from "fastify";
import { Type } from "typebox";
import { AUTHORISATION_KINDS } from "../../../shared/applications/assisted.js";
import type { ServiceContext } from "../../platform/context.js";
import { callerOf } from "../../platform/http/caller.js";
import { Limit, Offset, StrictObject, Uuid } from "../../platform/http/schema.js";
import type { TypedApp } from "../../platform/http/types.js";
import type { Role } from "../identity/index.js";
import { presentApplication, presentMine, presentQueue } from "./applications.presenter.js";
import * as applications from "./applications.service.js";
import { conclusionHooks } from "./hooks.js";

const tags = { tags: ["applications"] };
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const ServiceCode = Type.String({ pattern: "^[0-9A-Za-z][0-9A-Za-z-]{1,59}$" });
/**
 * One entry: a type list rather than a union, because the app's ajv coerces types and would turn a
 * number into a string by the union's first branch (a number field could then never be submitted);
 * with a list, a value of any listed type is taken as it is.
 */
const FormValue = Type.Unsafe<string | number | boolean | null>({
  type: ["string", "number", "boolean", "null"],
  maxLength: 2000,
});
const FormValues = Type.Record(Type.String({ pattern: "^[A-Za-z][A-Za-z0-9]{0,59}$" }), FormValue, {
  maxProperties: 200,
});
/** Loose response: the presenters define the shape (documented in docs/applications.md). */
const Loose = Type.Unsafe<Record<string, unknown>>({ type: "object", additionalProperties: true });
const Items = Type.Unsafe<{ items: unknown[] }>({
  type: "object",
  properties: { items: { type: "array", items: { type: "object", additionalProperties: true } } },
  additionalProperties: true,
});

/** Officers apply too (a demo officer tries services); a 帮办员 applies for others (帮办代办). */
const applicantRoles: Role[] = ["citizen", "enterprise_agent", "officer", "helper"];

/** 办件: drafts, pre-fill with consent, uploads, submission, the officers' queue and their actions. */
export function applicationsRoutes(ctx: ServiceContext): FastifyPluginAsync {
  const hooks = conclusionHooks(ctx);
  return async (fastify) => {
    const app = fastify as unknown as TypedApp;
    const detail = async (
      caller: ReturnType<typeof callerOf>,
      id: string,
      known?: Parameters<typeof applications.getApplication>[3],
    ) => presentApplication(ctx, await applications.getApplication(ctx, caller, id, known));

    app.post(
      "/api/applications",
      {
        schema: {
          ...tags,
          summary: "Start an application for a service item or a one-thing bundle (a draft)",
          body: StrictObject({
            kind: Type.Optional(Lit(["item", "bundle"] as const)),
            service: ServiceCode,
            /** Entries the client already has (saved with the draft, as PATCH would). */
            form: Type.Optional(FormValues),
            /** The applicant's consent to pre-fill, given with the form: pre-filled at once (as POST …/prefill). */
            prefill: Type.Optional(StrictObject({ consent: Type.Literal(true) })),
            onBehalf: Type.Optional(
              StrictObject({
                idNumber: Type.String({ pattern: "^[0-9]{17}[0-9Xx]$" }),
                name: Text(50),
                authorisation: StrictObject({
                  kind: Lit(AUTHORISATION_KINDS),
                  reference: Text(100),
                  note: Type.Optional(Type.String({ maxLength: 500 })),
                }),
              }),
            ),
          }),
          response: { 201: Loose },
        },
        config: { auth: { roles: applicantRoles } },
      },
      async (request, reply) => {
        const caller = callerOf(request);
        const input = {
          kind: request.body.kind,
          service: request.body.service,
          onBehalf: request.body.onBehalf,
          form: request.body.form,
        };
        if (request.body.prefill) {
          const { issues, ...committed } = await applications.createAndPrefill(ctx, caller, input);
          return reply
            .status(201)
            .send({ ...(await detail(caller, committed.app.id, committed)), prefillIssues: issues });
        }
        const committed = await applications.createDraft(ctx, caller, input);
        return reply.status(201).send(await detail(caller, committed.app.id, committed));
      },
    );

    app.get(
      "/api/applications",
      {
        schema: {
          ...tags,
          summary: "Your applications, newest first",
          querystring: StrictObject({ limit: Type.Optional(Limit), offset: Type.Optional(Offset) }),
          response: { 200: Items },
        },
        config: { auth: { roles: applicantRoles } },
      },
      async (request) => ({
        items: await presentMine(
          ctx,
          await applications.listMine(
            ctx,
            callerOf(request),
            request.query.limit ?? 50,
            request.query.offset ?? 0,
          ),
        ),
      }),
    );

    app.get(
      "/api/applications/:id",
      {
        schema: {
          ...tags,
          summary: "One application: form, sources of pre-filled values, materials, tasks and history",
          params: StrictObject({ id: Uuid }),
          response: { 200: Loose },
        },
        config: { auth: { roles: applicantRoles } },
      },
      async (request) => detail(callerOf(request), request.params.id),
    );

    app.patch(
      "/api/applications/:id",
      {
        schema: {
          ...tags,
          summary: "Save a draft's entries (values filled from registries cannot be changed)",
          params: StrictObject({ id: Uuid }),
          body: StrictObject({ form: FormValues }),
          response: { 200: Loose },
        },
        config: { auth: { roles: applicantRoles } },
      },
      async (request) => {
        const caller = callerOf(request);
        const row = await applications.saveDraft(ctx, caller, request.params.id, request.body.form);
        return detail(caller, request.params.id, { app: row });
      },
    );

    app.get(
      "/api/applications/prefill-plan",
      {
        schema: {
          ...tags,
          summary:
            "The consent screen before the draft exists: what pre-filling a service would read, with the form's definition",
          querystring: StrictObject({
            service: ServiceCode,
            kind: Type.Optional(Lit(["item", "bundle"] as const)),
          }),
          response: { 200: Loose },
        },
        config: { auth: { roles: applicantRoles } },
      },
      async (request) => ({
        ...(await applications.prefillPlanOfService(ctx, callerOf(request), {
          kind: request.query.kind,
          service: request.query.service,
        })),
      }),
    );

    app.get(
      "/api/applications/:id/prefill",
      {
        schema: {
          ...tags,
          summary:
            "What pre-filling would read, from whom, for what and under which agreement (the consent screen)",
          params: StrictObject({ id: Uuid }),
          response: { 200: Loose },
        },
        config: { auth: { roles: applicantRoles } },
      },
      async (request) => ({ ...(await applications.prefillPlan(ctx, callerOf(request), request.params.id)) }),
    );

    app.post(
      "/api/applications/:id/prefill",
      {
        schema: {
          ...tags,
          summary: "Consent and pre-fill: the platform reads the registries through the exchange",
          params: StrictObject({ id: Uuid }),
          body: StrictObject({ consent: Type.Literal(true) }),
          response: { 200: Loose },
        },
        config: { auth: { roles: applicantRoles } },
      },
      async (request) => {
        const caller = callerOf(request);
        const { issues, ...committed } = await applications.prefill(ctx, caller, request.params.id);
        return { ...(await detail(caller, request.params.id, committed)), prefillIssues: issues };
      },
    );

    app.post(
      "/api/applications/:id/uploads",
      {
        bodyLimit: 8 * 1024 * 1024,
        schema: {
          ...tags,
          summary: "Upload a material the platform cannot obtain (PDF, JPEG or PNG, at most 5 MB, base64)",
          params: StrictObject({ id: Uuid }),
          body: StrictObject({
            material: Type.String({ pattern: "^[a-z0-9][a-z0-9-]{0,59}$" }),
            filename: Text(200),
            mediaType: Text(100),
            content: Type.String({ minLength: 1, maxLength: 7_200_000 }),
          }),
          response: { 201: Loose },
        },
        config: { auth: { roles: applicantRoles } },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await applications.upload(ctx, callerOf(request), request.params.id, request.body)),
    );

    app.get(
      "/api/applications/:id/uploads/:upload",
      {
        schema: {
          ...tags,
          summary: "Download an uploaded material",
          params: StrictObject({ id: Uuid, upload: Uuid }),
        },
        config: { auth: { roles: applicantRoles } },
      },
      async (request, reply) => {
        const file = await applications.download(
          ctx,
          callerOf(request),
          request.params.id,
          request.params.upload,
        );
        return reply
          .type(file.mediaType)
          .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
          .header("x-content-type-options", "nosniff")
          .send(file.content);
      },
    );

    for (const action of ["submit", "withdraw"] as const) {
      app.post(
        `/api/applications/:id/${action}`,
        {
          schema: {
            ...tags,
            summary:
              action === "submit"
                ? "Submit a draft: checked in full, then handled"
                : "Withdraw an application",
            params: StrictObject({ id: Uuid }),
            response: { 200: Loose },
          },
          config: { auth: { roles: applicantRoles } },
        },
        async (request) => {
          const caller = callerOf(request);
          const committed =
            action === "submit"
              ? await applications.submit(ctx, caller, request.params.id, hooks)
              : { app: await applications.withdraw(ctx, caller, request.params.id) };
          return detail(caller, request.params.id, committed);
        },
      );
    }

    app.post(
      "/api/applications/:id/supply",
      {
        schema: {
          ...tags,
          summary: "Supply what a 补正 asked for; the task resumes and the paused days do not count",
          params: StrictObject({ id: Uuid }),
          body: StrictObject({
            task: Uuid,
            form: Type.Optional(FormValues),
            note: Type.Optional(Type.String({ maxLength: 1000 })),
          }),
          response: { 200: Loose },
        },
        config: { auth: { roles: applicantRoles } },
      },
      async (request) => {
        const caller = callerOf(request);
        await applications.supply(ctx, caller, request.params.id, request.body);
        return detail(caller, request.params.id);
      },
    );

    app.get(
      "/api/workbench/queue",
      {
        schema: {
          ...tags,
          summary: "Open tasks waiting on your departments, the most urgent first",
          querystring: StrictObject({
            department: Type.Optional(Type.String({ pattern: "^[A-Z0-9][A-Z0-9-]{1,30}$" })),
            status: Type.Optional(Lit(["active", "supplement"] as const)),
            limit: Type.Optional(Limit),
            offset: Type.Optional(Offset),
          }),
          response: { 200: Loose },
        },
        config: { auth: { roles: ["officer"] } },
      },
      async (request) =>
        presentQueue(
          ctx,
          await applications.queue(ctx, callerOf(request), {
            department: request.query.department,
            status: request.query.status,
            limit: request.query.limit ?? 50,
            offset: request.query.offset ?? 0,
          }),
        ),
    );

    app.post(
      "/api/workbench/tasks/:id/actions",
      {
        schema: {
          ...tags,
          summary:
            "Act on a task's current step: approve, reject (reasons and legal basis), ask for supplements, transfer",
          params: StrictObject({ id: Uuid }),
          body: StrictObject({
            action: Lit(["approve", "reject", "supplement", "transfer"] as const),
            comment: Type.Optional(Type.String({ maxLength: 2000 })),
            reason: Type.Optional(Type.String({ maxLength: 2000 })),
            legalBasis: Type.Optional(Type.String({ maxLength: 500 })),
            items: Type.Optional(Type.Array(Text(200), { maxItems: 50 })),
            toDepartment: Type.Optional(Type.String({ pattern: "^[A-Z0-9][A-Z0-9-]{1,30}$" })),
          }),
          response: { 200: Loose },
        },
        config: { auth: { roles: ["officer"] } },
      },
      async (request) => {
        const caller = callerOf(request);
        const { task } = await applications.act(ctx, caller, request.params.id, request.body, hooks);
        return detail(caller, task.application_id);
      },
    );
  };
}
