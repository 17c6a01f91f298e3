import { type TProperties, type TSchema, Type } from "typebox";

/** An object schema that rejects unknown fields (our rule for every body, query and params). */
export const StrictObject = <T extends TProperties>(properties: T, options: { description?: string } = {}) =>
  Type.Object(properties, { additionalProperties: false, ...options });

export const Uuid = Type.String({ format: "uuid" });
export const Limit = Type.Integer({ minimum: 1, maximum: 500, default: 50 });
export const Offset = Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 });
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** The RFC 9457 problem body as documented in OpenAPI. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String(),
    field: Type.Optional(Type.String()),
    requestId: Type.String(),
  },
  { $id: "Problem", description: "RFC 9457 problem details" },
);

/** Standard error responses to declare on a route. */
export const problemResponses = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [s, Type.Ref("Problem")]));
