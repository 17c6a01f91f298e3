import { Type } from "typebox";
import { Limit, Nullable, Offset, StrictObject, Uuid } from "../../platform/http/schema.js";
import { ROLES } from "./identity.tables.js";

export const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)));
const Username = Type.String({ minLength: 2, maxLength: 63, pattern: "^[A-Za-z0-9][A-Za-z0-9._-]+$" });
const Password = Type.String({ minLength: 1, maxLength: 256 });
const DivisionCode = Type.String({ pattern: "^[0-9]{6}([0-9]{3})?$" });

export const SignInBody = StrictObject({
  username: Type.String({ minLength: 1, maxLength: 63 }),
  password: Password,
});
export const ChangePasswordBody = StrictObject({ currentPassword: Password, newPassword: Password });
/** The holder's own contact details: the address for e-mail notifications, or null to remove it. */
export const UpdateMeBody = StrictObject({
  email: Type.Union([Type.String({ minLength: 3, maxLength: 254 }), Type.Null()]),
});
export const ResetPasswordBody = StrictObject({ newPassword: Password });
export const IdParams = StrictObject({ id: Uuid });
export const CodeParams = StrictObject({ code: DivisionCode });

export const DivisionsQuery = StrictObject({
  parent: Type.Optional(DivisionCode),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
});

export const DepartmentsQuery = StrictObject({
  divisionCode: Type.Optional(DivisionCode),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  limit: Type.Optional(Limit),
  offset: Type.Optional(Offset),
});

export const AccountsQuery = StrictObject({
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 63 })),
  role: Type.Optional(RoleSchema),
  limit: Type.Optional(Limit),
  offset: Type.Optional(Offset),
});

export const CreateAccountBody = StrictObject({
  username: Username,
  displayName: Type.String({ minLength: 1, maxLength: 100 }),
  password: Type.Optional(Password),
  roles: Type.Array(RoleSchema, { minItems: 1, maxItems: 8 }),
  departmentIds: Type.Array(Uuid, { maxItems: 20, default: [] }),
  personId: Type.Optional(Nullable(Uuid)),
  organisationId: Type.Optional(Nullable(Uuid)),
});

export const UpdateAccountBody = StrictObject({
  displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  roles: Type.Optional(Type.Array(RoleSchema, { minItems: 1, maxItems: 8 })),
  departmentIds: Type.Optional(Type.Array(Uuid, { maxItems: 20 })),
  status: Type.Optional(Type.Union([Type.Literal("active"), Type.Literal("disabled")])),
});

export const TokensQuery = StrictObject({ accountId: Type.Optional(Uuid) });
export const CreateTokenBody = StrictObject({
  accountId: Uuid,
  name: Type.String({ minLength: 1, maxLength: 100 }),
  scopes: Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { minItems: 1, maxItems: 20 }),
  expiresInDays: Type.Integer({ minimum: 1, maximum: 366 }),
});

const OrganisationKindSchema = Type.Union([
  Type.Literal("enterprise"),
  Type.Literal("social_organisation"),
  Type.Literal("media"),
]);

export const CreatePersonBody = StrictObject({
  name: Type.String({ minLength: 1, maxLength: 50 }),
  idNumber: Type.String({ minLength: 1, maxLength: 18 }),
  mobile: Type.Optional(Nullable(Type.String({ maxLength: 11 }))),
  divisionCode: Type.Optional(Nullable(DivisionCode)),
});

export const CreateOrganisationBody = StrictObject({
  kind: OrganisationKindSchema,
  name: Type.String({ minLength: 1, maxLength: 200 }),
  creditCode: Type.String({ minLength: 1, maxLength: 18 }),
  legalRepresentative: Type.String({ minLength: 1, maxLength: 50 }),
  divisionCode: Type.Optional(Nullable(DivisionCode)),
  address: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  registeredOn: Type.Optional(Nullable(Type.String({ format: "date" }))),
  mediaLicence: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
});

export const OrganisationsQuery = StrictObject({
  kind: Type.Optional(OrganisationKindSchema),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  limit: Type.Optional(Limit),
  offset: Type.Optional(Offset),
});
