import type { ColumnType, Generated } from "kysely";

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type DivisionLevel = "province" | "city" | "county" | "township";
export type OrganisationKind = "enterprise" | "social_organisation" | "media";
export type AccountKind = "person" | "organisation" | "staff" | "system";
export type AccountStatus = "active" | "disabled";

export const ROLES = [
  "citizen",
  "enterprise_agent",
  "officer",
  "dept_admin",
  "leader",
  "auditor",
  "platform_admin",
  "legal_reviewer",
  "helper",
  "system",
] as const;
export type Role = (typeof ROLES)[number];

export interface IdentityTables {
  divisions: { code: string; name: string; level: DivisionLevel; parent_code: string | null };
  departments: {
    id: Generated<string>;
    code: string;
    name: string;
    name_en: string;
    division_code: string;
    parent_id: string | null;
    credit_code: string | null;
    created_at: CreatedAt;
  };
  persons: {
    id: Generated<string>;
    name: string;
    id_number: string;
    birth_date: string;
    gender: "male" | "female";
    mobile: string | null;
    division_code: string | null;
    created_at: CreatedAt;
  };
  organisations: {
    id: Generated<string>;
    kind: OrganisationKind;
    name: string;
    credit_code: string;
    legal_representative: string;
    division_code: string | null;
    address: string | null;
    registered_on: string | null;
    media_licence: string | null;
    created_at: CreatedAt;
  };
  accounts: {
    id: Generated<string>;
    username: string;
    display_name: string;
    kind: AccountKind;
    person_id: string | null;
    organisation_id: string | null;
    password_hash: string | null;
    status: Generated<AccountStatus>;
    failed_attempts: Generated<number>;
    locked_until: NullableTimestamp;
    last_sign_in_at: NullableTimestamp;
    password_changed_at: NullableTimestamp;
    /** For e-mail notifications, given by the account's holder. */
    email: ColumnType<string | null, string | null | undefined, string | null>;
    created_at: CreatedAt;
    updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  };
  account_roles: { account_id: string; role: Role };
  account_departments: { account_id: string; department_id: string };
  sessions: {
    id_hash: string;
    account_id: string;
    csrf_token: string;
    created_at: CreatedAt;
    expires_at: Timestamp;
    last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
  };
  api_tokens: {
    id: Generated<string>;
    account_id: string;
    name: string;
    prefix: string;
    secret_hash: string;
    scopes: string[];
    created_by: string | null;
    created_at: CreatedAt;
    expires_at: Timestamp;
    revoked_at: NullableTimestamp;
    last_used_at: NullableTimestamp;
  };
}
