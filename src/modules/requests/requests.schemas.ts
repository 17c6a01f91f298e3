import { Type } from "typebox";
import { StrictObject } from "../../platform/http/schema.js";
import { REQUEST_STATUSES } from "./requests.tables.js";

const Lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const DeptCode = Type.String({ pattern: "^[A-Z0-9][A-Z0-9-]{1,30}$" });
export const CategoryCode = Type.String({ pattern: "^[a-z0-9][a-z0-9-]{0,99}$" });
export const Status = Lit(REQUEST_STATUSES);

// Lengths are checked by the service (so the message names the limit: 4,000 characters); the schema
// only stops absurd bodies early.
const LongText = Type.String({ maxLength: 20_000 });
const Short = (max: number) => Type.String({ maxLength: max });
// Coordinates are checked by the service too (a clear message for -91 or 181).
const Coordinate = Type.Number();

export const SubmitBody = StrictObject({
  title: Type.Optional(Short(400)),
  description: LongText,
  category: Type.Optional(CategoryCode),
  anonymous: Type.Optional(Type.Boolean()),
  contactName: Type.Optional(Short(200)),
  contactPhone: Type.Optional(Short(40)),
  contactEmail: Type.Optional(Short(400)),
  lat: Type.Optional(Coordinate),
  lng: Type.Optional(Coordinate),
  address: Type.Optional(Short(800)),
  publicView: Type.Optional(Type.Boolean()),
});

export const HotlineBody = StrictObject({
  title: Type.Optional(Short(400)),
  description: LongText,
  category: Type.Optional(CategoryCode),
  anonymous: Type.Optional(Type.Boolean()),
  callerName: Type.Optional(Short(200)),
  callerPhone: Short(40),
  address: Type.Optional(Short(800)),
  lat: Type.Optional(Coordinate),
  lng: Type.Optional(Coordinate),
  publicView: Type.Optional(Type.Boolean()),
});

export const DispatchBody = StrictObject({
  category: CategoryCode,
  department: Type.Optional(DeptCode),
  coHandlers: Type.Optional(Type.Array(DeptCode, { maxItems: 5 })),
});

export const TextBody = StrictObject({ text: LongText });
export const NoteBody = StrictObject({ text: LongText, public: Type.Boolean() });
export const ReasonBody = StrictObject({ reason: Short(2000) });
export const CloseBody = StrictObject({ note: Type.Optional(Short(4000)) });
export const DepartmentBody = StrictObject({ department: DeptCode });
export const ReturnVisitBody = StrictObject({
  resolved: Type.Boolean(),
  satisfied: Type.Boolean(),
  comment: Type.Optional(Short(4000)),
});
