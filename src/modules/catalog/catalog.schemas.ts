import { Type } from "typebox";
import { POWER_LEVELS, POWER_TYPES } from "../../../shared/policy/rights.js";
import { LIFE_EVENTS, STEP_KINDS } from "../../../shared/services/catalogue.js";
import { StrictObject } from "../../platform/http/schema.js";

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Name = Type.String({ pattern: "^[A-Za-z][A-Za-z0-9]{0,39}$" });
const ResourceId = Type.String({ pattern: "^[a-z0-9][a-z0-9-]{1,59}$" });

export const ItemCode = Type.String({ pattern: "^[0-9A-Z][0-9A-Z-]{2,39}$" });
export const DeptCode = Type.String({ pattern: "^[A-Z0-9][A-Z0-9-]{1,30}$" });
export const LifeEventSchema = Lit(LIFE_EVENTS);
export const AudienceSchema = Lit(["person", "organisation"] as const);
const Level = Lit(POWER_LEVELS);

const FormPropertySchema = StrictObject({
  type: Lit(["string", "number", "integer", "boolean"] as const),
  title: Text(100),
  titleEn: Text(200),
  format: Type.Optional(Lit(["date", "date-time", "email"] as const)),
  enum: Type.Optional(Type.Array(Text(100), { minItems: 1, maxItems: 100 })),
  pattern: Type.Optional(Text(300)),
  minLength: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  maxLength: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  minimum: Type.Optional(Type.Number()),
  maximum: Type.Optional(Type.Number()),
});

const HintSchema = StrictObject({
  widget: Type.Optional(
    Lit(["textarea", "select", "radio", "date", "idNumber", "creditCode", "mobile", "division"] as const),
  ),
  placeholder: Type.Optional(Text(200)),
  help: Type.Optional(Text(500)),
  helpEn: Type.Optional(Text(1000)),
});

/** A service form as a department admin may write it (the JSON Schema subset of ServiceForm). */
export const FormSchema = StrictObject({
  schema: StrictObject({
    type: Type.Literal("object"),
    required: Type.Array(Name, { maxItems: 200 }),
    properties: Type.Record(Type.String({ pattern: "^[A-Za-z][A-Za-z0-9]{0,39}$" }), FormPropertySchema, {
      maxProperties: 200,
    }),
  }),
  ui: StrictObject({
    order: Type.Array(Name, { maxItems: 200 }),
    hints: Type.Optional(
      Type.Record(Type.String({ pattern: "^[A-Za-z][A-Za-z0-9]{0,39}$" }), HintSchema, {
        maxProperties: 200,
      }),
    ),
  }),
});

const MaterialSchema = StrictObject({
  id: Type.String({ pattern: "^[a-z0-9][a-z0-9-]{1,59}$" }),
  name: Text(200),
  nameEn: Text(300),
  required: Type.Boolean(),
  note: Type.Optional(Text(500)),
  obtainedVia: Type.Optional(
    StrictObject({ resource: ResourceId, fields: Type.Array(Name, { minItems: 1, maxItems: 50 }) }),
  ),
});

/** The body of PUT /api/services/:code: a whole item definition but its code (ServiceItem). */
export const ItemBody = StrictObject({
  name: Text(100),
  nameEn: Text(200),
  summary: Text(500),
  summaryEn: Text(1000),
  powerCode: Type.String({ pattern: "^[0-9A-Za-z-]{3,40}$" }),
  itemType: Lit(POWER_TYPES),
  legalBasis: Type.Array(StrictObject({ law: Text(100), article: Text(100) }), { minItems: 1, maxItems: 10 }),
  conditions: Type.Array(Text(300), { maxItems: 30 }),
  materials: Type.Array(MaterialSchema, { maxItems: 50 }),
  form: FormSchema,
  prefill: Type.Array(StrictObject({ field: Name, resource: ResourceId, sourceField: Name }), {
    maxItems: 100,
  }),
  fee: StrictObject({
    amount: Type.Number({ minimum: 0, maximum: 1_000_000 }),
    basis: Type.Optional(Text(300)),
  }),
  promisedDays: Type.Integer({ minimum: 0, maximum: 365 }),
  statutoryDays: Type.Integer({ minimum: 0, maximum: 365 }),
  visits: Type.Union([Type.Literal(0), Type.Literal(1)]),
  department: DeptCode,
  level: Level,
  channels: Type.Array(Lit(["online", "mobile", "window", "self-service"] as const), {
    minItems: 1,
    maxItems: 4,
    uniqueItems: true,
  }),
  lifeEvents: Type.Array(LifeEventSchema, { minItems: 1, maxItems: LIFE_EVENTS.length, uniqueItems: true }),
  audience: AudienceSchema,
  steps: Type.Array(
    StrictObject({
      kind: Lit(STEP_KINDS),
      department: Type.Optional(DeptCode),
      level: Type.Optional(Level),
    }),
    { minItems: 1, maxItems: 20 },
  ),
  certificate: Type.Optional(
    StrictObject({
      type: Type.String({ pattern: "^[a-z0-9][a-z0-9-]{1,59}$" }),
      name: Text(100),
      nameEn: Text(200),
    }),
  ),
});
