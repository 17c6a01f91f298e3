import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SubjectKey } from "../../src/modules/exchange/provider.js";
import { type HttpProviderOptions, httpProvider } from "../../src/modules/registries/index.js";
import type { ServiceContext } from "../../src/platform/context.js";
import { startTestPlatform, type TestPlatform } from "../support/platform.js";

/** A department's own system: a real HTTP server on a free port, with an OpenAPI document. */
const KNOWN = "330106199205171243";
const subject: SubjectKey = { type: "person", idNumber: KNOWN };
const stranger: SubjectKey = { type: "person", idNumber: "110101199001011237" };

const lookupOperation = (operationId: string, withFields = false) => ({
  get: {
    operationId,
    parameters: [
      { name: "idNumber", in: "path", required: true, schema: { type: "string" } },
      ...(withFields ? [{ name: "fields", in: "query", schema: { type: "string" } }] : []),
    ],
    responses: { "200": { description: "records" }, "404": { description: "none" } },
  },
});

const OPENAPI = {
  openapi: "3.0.3",
  info: { title: "西湖区人口信息系统", version: "1.0" },
  paths: {
    "/persons/{idNumber}": lookupOperation("getPerson", true),
    "/one/{idNumber}": lookupOperation("getOne"),
    "/slow/{idNumber}": lookupOperation("getSlow"),
    "/flaky/{idNumber}": lookupOperation("getFlaky"),
    "/garbage/{idNumber}": lookupOperation("getGarbage"),
    "/partial/{idNumber}": lookupOperation("getPartial"),
    "/persons": { post: { operationId: "createPerson" } },
  },
};

const records = [
  {
    name: "林晓雨",
    address: "杭州市西湖区保俶北路 35 号",
    tags: ["a"],
    updatedAt: "2026-11-18T15:20:00+08:00",
  },
  { name: "林晓雨", address: "杭州市西湖区文三路 1 号", tags: [], updatedAt: "2025-01-02T00:00:00Z" },
];

describe("a department's system connected over HTTP", () => {
  let t: TestPlatform;
  let ctx: ServiceContext;
  let server: FastifyInstance;
  let baseUrl: string;
  const hits = { flaky: 0 };
  let flakyHealthy = false;
  let lastQuery: unknown;

  beforeAll(async () => {
    t = await startTestPlatform("pglite");
    ctx = t.platform.ctx;
    server = Fastify({ forceCloseConnections: true });
    server.get<{ Params: { idNumber: string } }>("/api/persons/:idNumber", async (req, reply) => {
      lastQuery = req.query;
      return req.params.idNumber === KNOWN ? records : reply.code(404).send({ title: "not found" });
    });
    server.get("/api/one/:idNumber", async () => records[0]);
    server.get("/api/slow/:idNumber", async () => {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return records;
    });
    server.get("/api/flaky/:idNumber", async (_req, reply) => {
      hits.flaky += 1;
      return flakyHealthy ? records : reply.code(500).send({ title: "internal" });
    });
    server.get("/api/garbage/:idNumber", async (_req, reply) =>
      reply.type("application/json").send("{not json"),
    );
    server.get("/api/partial/:idNumber", async () => [records[0], { name: "no date" }]);
    const address = await server.listen({ port: 0, host: "127.0.0.1" });
    baseUrl = `${address}/api/`;
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  const make = (operationId: string, extra: Partial<HttpProviderOptions> = {}) =>
    httpProvider({ openapi: OPENAPI, operationId, baseUrl, timeoutMs: 2000, ...extra });

  it("answers with the registry's records, restricted to the asked fields", async () => {
    const p = make("getPerson");
    expect(await p.lookup(ctx, subject, ["name", "tags"])).toEqual([
      { values: { name: "林晓雨", tags: ["a"] }, updatedAt: "2026-11-18T07:20:00.000Z" },
      { values: { name: "林晓雨", tags: [] }, updatedAt: "2025-01-02T00:00:00.000Z" },
    ]);
    // The operation declares `fields`, so the system is told what is needed.
    expect(lastQuery).toEqual({ fields: "name,tags" });
    expect(await make("getOne").lookup(ctx, subject, ["address"])).toEqual([
      { values: { address: "杭州市西湖区保俶北路 35 号" }, updatedAt: "2026-11-18T07:20:00.000Z" },
    ]);
  });

  it("answers an unknown subject (404) with no records", async () => {
    const p = make("getPerson");
    expect(await p.lookup(ctx, stranger, ["name"])).toEqual([]);
    expect(p.circuit()).toBe("closed");
  });

  it("gives up at the deadline", async () => {
    await expect(make("getSlow", { timeoutMs: 50 }).lookup(ctx, subject, ["name"])).rejects.toMatchObject({
      code: "PROVIDER_UNAVAILABLE",
      extra: { reason: "timeout" },
    });
  });

  it("refuses an error status, a body that is not JSON, and a record short of a field, whole", async () => {
    for (const [operationId, fields] of [
      ["getFlaky", ["name"]],
      ["getGarbage", ["name"]],
      ["getPartial", ["name"]],
      ["getPerson", ["name", "salary"]],
    ] as const) {
      await expect(make(operationId).lookup(ctx, subject, fields), operationId).rejects.toMatchObject({
        code: "PROVIDER_UNAVAILABLE",
        extra: { reason: "bad-response" },
      });
    }
  });

  it("reports a system that cannot be reached, without the subject's number in the message", async () => {
    const closed = Fastify();
    const address = await closed.listen({ port: 0, host: "127.0.0.1" });
    await closed.close();
    const error = await make("getPerson", { baseUrl: address })
      .lookup(ctx, subject, ["name"])
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "PROVIDER_UNAVAILABLE", extra: { reason: "unreachable" } });
    expect(String((error as Error).message)).not.toContain(KNOWN);
  });

  it("opens the circuit after repeated failures, then lets a trial through after the cooldown", async () => {
    flakyHealthy = false;
    hits.flaky = 0;
    const p = make("getFlaky", { breaker: { failureThreshold: 3, cooldownMs: 100 } });
    for (let i = 0; i < 3; i++) {
      await expect(p.lookup(ctx, subject, ["name"])).rejects.toMatchObject({
        extra: { reason: "bad-response" },
      });
    }
    expect(p.circuit()).toBe("open");
    await expect(p.lookup(ctx, subject, ["name"])).rejects.toMatchObject({
      code: "PROVIDER_UNAVAILABLE",
      extra: { reason: "circuit-open" },
    });
    expect(hits.flaky).toBe(3);

    // Half-open: the trial fails, so the circuit opens again at once.
    await vi.waitFor(() => expect(p.circuit()).toBe("half-open"), { timeout: 5000, interval: 20 });
    await expect(p.lookup(ctx, subject, ["name"])).rejects.toMatchObject({
      extra: { reason: "bad-response" },
    });
    expect(hits.flaky).toBe(4);
    expect(p.circuit()).toBe("open");

    // Half-open again: the system has recovered, the trial succeeds and closes the circuit.
    flakyHealthy = true;
    await vi.waitFor(() => expect(p.circuit()).toBe("half-open"), { timeout: 5000, interval: 20 });
    expect(await p.lookup(ctx, subject, ["name"])).toHaveLength(2);
    expect(p.circuit()).toBe("closed");
    expect(hits.flaky).toBe(5);
  });

  it("refuses at creation a document without a suitable lookup operation, or a bad base URL", () => {
    expect(() => make("getNothing")).toThrow(/no operation with operationId getNothing/);
    expect(() => make("createPerson")).toThrow(/POST \/persons; lookups need a GET/);
    expect(() => httpProvider({ openapi: { swagger: "2.0" }, operationId: "getPerson", baseUrl })).toThrow(
      /OpenAPI 3/,
    );
    expect(() => make("getPerson", { baseUrl: "ftp://example.org" })).toThrow(/baseUrl/);
  });
});
