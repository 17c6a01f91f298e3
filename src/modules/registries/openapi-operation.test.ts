import { describe, expect, it } from "vitest";
import { findSubjectOperation } from "./openapi-operation.js";

const doc = (paths: Record<string, unknown>) => ({
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  paths,
});
const person = {
  get: {
    operationId: "getPerson",
    parameters: [
      { name: "idNumber", in: "path", required: true, schema: { type: "string" } },
      { name: "fields", in: "query", schema: { type: "string" } },
    ],
  },
};

describe("finding the lookup operation in a department's OpenAPI document", () => {
  it("finds the GET operation and its one path parameter", () => {
    expect(findSubjectOperation(doc({ "/persons/{idNumber}": person }), "getPerson")).toEqual({
      path: "/persons/{idNumber}",
      parameter: "idNumber",
      acceptsFields: true,
    });
  });

  it.each([
    ["not OpenAPI 3", { swagger: "2.0", paths: {} }, /OpenAPI 3/],
    ["no such operation", doc({ "/persons/{idNumber}": person }), /no operation with operationId getOther/],
    ["not a GET", doc({ "/persons/{idNumber}": { post: { operationId: "getOther" } } }), /POST.*GET/],
    [
      "no path parameter",
      doc({ "/persons": { get: { operationId: "getOther" } } }),
      /exactly one path parameter/,
    ],
    ["two path parameters", doc({ "/a/{x}/b/{y}": { get: { operationId: "getOther" } } }), /not 2/],
    [
      "parameter declared under another name",
      doc({ "/p/{id}": { get: { operationId: "getOther", parameters: [{ name: "no", in: "path" }] } } }),
      /no path parameter named id/,
    ],
  ])("refuses a document with %s", (_name, document, message) => {
    expect(() => findSubjectOperation(document, "getOther")).toThrow(message);
    try {
      findSubjectOperation(document, "getOther");
    } catch (error) {
      expect(error).toMatchObject({ code: "VALIDATION", field: "openapi" });
    }
  });
});
