import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import addFormats from "ajv-formats";
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyPluginAsync,
  type FastifyRequest,
  LogController,
  type RouteOptions,
} from "fastify";
import pino, { type DestinationStream } from "pino";
import type { Config } from "../config.js";
import type { Database } from "../db/database.js";
import { DomainError } from "../errors.js";
import { logDestination, loggerOptions } from "../logging.js";
import {
  authenticateHook,
  type DeclaredRoute,
  type PrincipalResolver,
  type RouteAuth,
  type RouteAuthorizer,
} from "./auth.js";
import { registerMetrics } from "./metrics.js";
import { errorHandler, notFoundHandler } from "./problem.js";
import { ProblemSchema } from "./schema.js";

export interface AppOptions {
  config: Config;
  database: Database;
  resolver: PrincipalResolver;
  /** Takes the route-level decisions (the policy module's decision point). */
  authorizer: RouteAuthorizer;
  /** Module route plugins, registered in order. */
  routes: FastifyPluginAsync[];
  /** Where JSON log lines go (stdout by default; tests capture them). */
  logStream?: DestinationStream;
  version?: string;
}

export interface RegisteredRoute {
  method: string;
  url: string;
  auth: RouteAuth | undefined;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Builds the HTTP application: conventions first, then the modules' routes, then the web client. */
export async function buildApp(
  options: AppOptions,
): Promise<{ app: FastifyInstance; routes: RegisteredRoute[] }> {
  const { config, database } = options;
  const logger = pino(loggerOptions(config.logLevel), options.logStream ?? logDestination());
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers["x-request-id"];
      return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
    },
    bodyLimit: 1_048_576,
    // Fastify accepts a hop count at run time; its types list only boolean, string and function.
    trustProxy: config.trustProxy as boolean,
    ajv: {
      customOptions: {
        removeAdditional: false,
        coerceTypes: "array",
        useDefaults: true,
        allErrors: false,
        allowUnionTypes: true,
      },
      plugins: [addFormats.default as never],
    },
    routerOptions: { ignoreTrailingSlash: true },
    // One line per request, written when it completes (with the request, the status and the time),
    // rather than Fastify's two: half the log writes and scrubbing on every request.
    logController: new LogController({ disableRequestLogging: true }),
  });
  app.addHook("onResponse", async (request, reply) => {
    request.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, "request completed");
  });

  const routes: RegisteredRoute[] = [];
  const declared: RouteOptions[] = [];
  app.addHook("onRoute", (route) => {
    if (!route.config?.auth && (route.url.startsWith("/api/docs") || route.prefix === "/api/docs")) {
      route.config = { ...route.config, auth: { public: true } };
    }
    declared.push(route);
  });
  app.addHook("onReady", async () => {
    // Read declarations only now: hooks of inner scopes (the web client's) run after this one.
    for (const route of declared) {
      for (const method of [route.method].flat()) {
        routes.push({ method, url: route.url, auth: route.config?.auth });
      }
    }
    const undeclared = routes.filter((r) => !r.auth);
    if (undeclared.length > 0) {
      throw new Error(
        `Routes without an auth declaration: ${undeclared.map((r) => `${r.method} ${r.url}`).join(", ")}`,
      );
    }
    options.authorizer.learnRoutes(routes as DeclaredRoute[]);
  });
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "same-origin");
    if (!reply.hasHeader("cache-control") && request.url.startsWith("/api/")) {
      reply.header("cache-control", "no-store");
    }
  });

  app.setErrorHandler(errorHandler);
  app.addSchema(ProblemSchema);

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: () =>
      new DomainError("RATE_LIMITED", "Too many attempts; wait a minute and try again"),
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Yimen (一门) API",
        version: options.version ?? "0.1.0",
        description:
          "One door for citizens and enterprises, one governed exchange for departments. Errors are RFC 9457 problem+json. Cookie sessions need the x-csrf-token header on state-changing requests; system clients use Bearer API tokens.",
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "yimen_sid" },
          token: { type: "http", scheme: "bearer" },
        },
      },
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs" });

  const registry = registerMetrics(app);
  app.addHook("onRequest", authenticateHook(options.resolver, options.authorizer));

  app.get(
    "/healthz",
    { schema: { tags: ["operations"], summary: "Liveness" }, config: { auth: { public: true } } },
    async () => ({
      status: "ok",
    }),
  );
  app.get(
    "/readyz",
    {
      schema: { tags: ["operations"], summary: "Readiness: the database answers" },
      config: { auth: { public: true } },
    },
    async () => {
      try {
        await database.ping();
      } catch (error) {
        throw new DomainError("UNAVAILABLE", "The database does not answer", undefined, {
          cause: String(error),
        });
      }
      return { status: "ok", database: database.kind };
    },
  );
  app.get(
    "/metrics",
    {
      schema: {
        tags: ["operations"],
        summary: "Prometheus metrics (platform admins, or a token with metrics:read)",
      },
      config: { auth: { roles: ["platform_admin"], scope: "metrics:read" } },
    },
    async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()),
  );
  app.get("/api/openapi.json", { schema: { hide: true }, config: { auth: { public: true } } }, async () =>
    app.swagger(),
  );

  for (const plugin of options.routes) {
    await app.register(plugin);
  }

  const web = await registerWebClient(app, config.webDir);
  // Page URLs the server does not know are the web client's to route (its own 404 page included);
  // API paths and anything not asking for HTML get a problem+json 404.
  app.setNotFoundHandler((request, reply) =>
    web && isPageRequest(request)
      ? reply.header("cache-control", "no-cache").sendFile("index.html", config.webDir)
      : notFoundHandler(request, reply),
  );
  return { app, routes };
}

/** Serves the built web client with pre-compressed assets, and index.html for client-side routes. */
async function registerWebClient(app: FastifyInstance, webDir: string): Promise<boolean> {
  const index = path.join(webDir, "index.html");
  if (!fs.existsSync(index)) {
    app.log.warn({ webDir }, "web client not built; run npm run build:web");
    return false;
  }
  await app.register(async (scope) => {
    scope.addHook("onRoute", (route) => {
      route.config = { ...route.config, auth: { public: true } };
    });
    await scope.register(fastifyStatic, {
      root: webDir,
      preCompressed: true,
      wildcard: true,
      index: false,
      setHeaders: (reply, filePath) => {
        reply.header(
          "cache-control",
          filePath.includes(`${path.sep}assets${path.sep}`)
            ? "public, max-age=31536000, immutable"
            : "no-cache",
        );
      },
    });
    scope.get("/", async (_request, reply) =>
      reply.header("cache-control", "no-cache").sendFile("index.html"),
    );
  });
  return true;
}

function isPageRequest(request: FastifyRequest): boolean {
  return (
    request.method === "GET" &&
    !/^\/(api|ledger|open311|metrics|healthz|readyz)(\/|$)/.test(request.url) &&
    (request.headers.accept ?? "").includes("text/html")
  );
}
