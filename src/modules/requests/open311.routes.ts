import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import type { ServiceContext } from "../../platform/context.js";
import { DomainError, httpMapping } from "../../platform/errors.js";
import { callerOf } from "../../platform/http/caller.js";
import { StrictObject } from "../../platform/http/schema.js";
import type { TypedApp } from "../../platform/http/types.js";
import * as open311 from "./open311.service.js";
import { el, type XmlNode, xmlDocument } from "./xml.js";

const tags = { tags: ["open311"] };
const Format = Type.Union([Type.Literal("json"), Type.Literal("xml")]);
const Jurisdiction = Type.Optional(Type.String({ maxLength: 100 }));
const FILE = /^(.+)\.(json|xml)$/;

type Fmt = "json" | "xml";

/** The format a GeoReport URL asks for (its extension), JSON when it names none. */
function formatOf(request: FastifyRequest): Fmt {
  return /\.xml(\?|$)/.test(request.url) ? "xml" : "json";
}

function send(
  reply: FastifyReply,
  format: Fmt,
  status: number,
  json: unknown,
  xml: () => string,
): FastifyReply {
  reply.code(status);
  return format === "xml"
    ? reply.type("text/xml; charset=utf-8").send(xml())
    : reply.type("application/json; charset=utf-8").send(JSON.stringify(json));
}

/** GeoReport v2 errors: an array of {code, description}, the HTTP status as code, in the asked format. */
function sendErrors(reply: FastifyReply, format: Fmt, status: number, description: string): FastifyReply {
  const errors = [{ code: status, description }];
  return send(reply, format, status, errors, () =>
    xmlDocument(
      "errors",
      errors.map((e) => el("error", e)),
    ),
  );
}

function fileParam(file: string, what: string): { id: string; format: Fmt } {
  const m = FILE.exec(file);
  if (!m) {
    throw new DomainError("NOT_FOUND", `Ask for ${what}.json or ${what}.xml`);
  }
  return { id: decodeURIComponent(m[1] as string), format: m[2] as Fmt };
}

const requestXml = (r: open311.Open311Request): XmlNode => el("request", { ...r });

/**
 * Open311 GeoReport v2 at /open311/v2: services, service definitions, POST requests (with an
 * api_key), GET requests with filters, one request, and request ids from tokens; JSON and XML.
 */
export function open311Routes(ctx: ServiceContext): FastifyPluginAsync {
  return async (outer) => {
    // Its own prefix, so that unknown GeoReport paths get GeoReport errors rather than problem+json.
    await outer.register(
      async (fastify) => {
        await georeport(ctx, fastify);
      },
      { prefix: "/open311/v2" },
    );
  };
}

async function georeport(ctx: ServiceContext, fastify: Parameters<FastifyPluginAsync>[0]): Promise<void> {
  {
    const app = fastify as unknown as TypedApp;
    fastify.addContentTypeParser(
      "application/x-www-form-urlencoded",
      { parseAs: "string" },
      (_req, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(body as string)));
      },
    );
    fastify.setErrorHandler((error: FastifyError | DomainError, request, reply) => {
      const format = formatOf(request);
      if (error instanceof DomainError) {
        const status = httpMapping(error.code).status;
        if (status >= 500) {
          request.log.error({ err: error }, "open311 error");
        }
        return sendErrors(reply, format, Math.min(status, 500), error.message);
      }
      if (error.validation && error.validation.length > 0) {
        const v = error.validation[0];
        const field = [error.validationContext, v?.instancePath?.replaceAll("/", ".").replace(/^\./, "")]
          .filter(Boolean)
          .join(".");
        return sendErrors(reply, format, 400, `${field} ${v?.message ?? "is invalid"}`);
      }
      if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
        return sendErrors(reply, format, error.statusCode, error.message);
      }
      request.log.error({ err: error }, "unhandled open311 error");
      return sendErrors(
        reply,
        format,
        500,
        `Something went wrong on our side; quote request id ${request.id}`,
      );
    });
    fastify.setNotFoundHandler((request, reply) =>
      sendErrors(
        reply,
        formatOf(request),
        404,
        `No GeoReport v2 resource ${request.method} ${request.url.split("?")[0]}`,
      ),
    );

    app.get(
      "/services.:format",
      {
        schema: {
          ...tags,
          summary: "GET Service List",
          params: StrictObject({ format: Format }),
          querystring: StrictObject({ jurisdiction_id: Jurisdiction }),
        },
        config: { auth: { public: true } },
      },
      async (request, reply) => {
        open311.checkJurisdiction(ctx, request.query.jurisdiction_id);
        const list = await open311.services(ctx);
        return send(reply, request.params.format, 200, list, () =>
          xmlDocument(
            "services",
            list.map((s) => el("service", { ...s })),
          ),
        );
      },
    );

    app.get(
      "/services/:file",
      {
        schema: {
          ...tags,
          summary: "GET Service Definition (services/{service_code}.json or .xml)",
          params: StrictObject({ file: Type.String({ maxLength: 200 }) }),
          querystring: StrictObject({ jurisdiction_id: Jurisdiction }),
        },
        config: { auth: { public: true } },
      },
      async (request, reply) => {
        const { id, format } = fileParam(request.params.file, "services/{service_code}");
        open311.checkJurisdiction(ctx, request.query.jurisdiction_id);
        const def = await open311.serviceDefinition(ctx, id);
        return send(reply, format, 200, def, () =>
          xmlDocument("service_definition", { service_code: def.service_code, attributes: [] }),
        );
      },
    );

    app.post(
      "/requests.:format",
      {
        schema: {
          ...tags,
          summary: "POST Service Request (form-encoded or JSON; api_key required)",
          params: StrictObject({ format: Format }),
          querystring: Type.Object(
            { api_key: Type.Optional(Type.String({ maxLength: 200 })) },
            { additionalProperties: true },
          ),
          body: Type.Record(Type.String(), Type.String({ maxLength: 20_000 })),
        },
        config: { auth: { public: true } },
      },
      async (request, reply) => {
        const body = request.body as open311.Open311PostInput;
        const query = request.query as { api_key?: string };
        const created = await open311.postRequest(ctx, callerOf(request), {
          ...body,
          api_key: body.api_key ?? query.api_key,
        });
        return send(reply, request.params.format, 201, [created], () =>
          xmlDocument("service_requests", [el("request", { ...created })]),
        );
      },
    );

    app.get(
      "/requests.:format",
      {
        schema: {
          ...tags,
          summary:
            "GET Service Requests (filters: service_request_id, service_code, start_date, end_date, status)",
          params: StrictObject({ format: Format }),
          querystring: StrictObject({
            jurisdiction_id: Jurisdiction,
            service_request_id: Type.Optional(Type.String({ maxLength: 4000 })),
            service_code: Type.Optional(Type.String({ maxLength: 2000 })),
            start_date: Type.Optional(Type.String({ maxLength: 40 })),
            end_date: Type.Optional(Type.String({ maxLength: 40 })),
            status: Type.Optional(Type.String({ maxLength: 20 })),
          }),
        },
        config: { auth: { public: true } },
      },
      async (request, reply) => {
        const list = await open311.presentOpen311(ctx, await open311.listRequests(ctx, request.query), {
          byId: Boolean(request.query.service_request_id),
        });
        return send(reply, request.params.format, 200, list, () =>
          xmlDocument("service_requests", list.map(requestXml)),
        );
      },
    );

    app.get(
      "/requests/:file",
      {
        schema: {
          ...tags,
          summary: "GET Service Request (requests/{service_request_id}.json or .xml)",
          params: StrictObject({ file: Type.String({ maxLength: 200 }) }),
          querystring: StrictObject({ jurisdiction_id: Jurisdiction }),
        },
        config: { auth: { public: true } },
      },
      async (request, reply) => {
        const { id, format } = fileParam(request.params.file, "requests/{service_request_id}");
        const list = await open311.presentOpen311(
          ctx,
          [await open311.getRequest(ctx, id, request.query.jurisdiction_id)],
          { byId: true },
        );
        return send(reply, format, 200, list, () => xmlDocument("service_requests", list.map(requestXml)));
      },
    );

    app.get(
      "/tokens/:file",
      {
        schema: {
          ...tags,
          summary: "GET service_request_id from a token (tokens/{token}.json or .xml)",
          params: StrictObject({ file: Type.String({ maxLength: 200 }) }),
          querystring: StrictObject({ jurisdiction_id: Jurisdiction }),
        },
        config: { auth: { public: true } },
      },
      async (request, reply) => {
        const { id, format } = fileParam(request.params.file, "tokens/{token}");
        const found = await open311.fromToken(ctx, id, request.query.jurisdiction_id);
        return send(reply, format, 200, [found], () =>
          xmlDocument("service_requests", [el("request", { ...found })]),
        );
      },
    );
  }
}
