import type { Migration } from "../migrate.js";

export const createIdentity: Migration = {
  name: "20261127T0900_create_identity",
  sql: /* sql */ `
create table divisions (
  code text primary key check (code ~ '^[0-9]{6}([0-9]{3})?$'),
  name text not null,
  level text not null check (level in ('province', 'city', 'county', 'township')),
  parent_code text references divisions (code)
);
create index divisions_parent_idx on divisions (parent_code);
create index divisions_name_idx on divisions (name);

create table departments (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  name text not null,
  name_en text not null,
  division_code text not null references divisions (code),
  parent_id uuid references departments (id),
  credit_code text unique,
  created_at timestamptz not null default now()
);
create index departments_division_idx on departments (division_code);
create index departments_parent_idx on departments (parent_id);

create table persons (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  id_number text not null unique check (id_number ~ '^[0-9]{17}[0-9X]$'),
  birth_date date not null,
  gender text not null check (gender in ('male', 'female')),
  mobile text check (mobile ~ '^1[3-9][0-9]{9}$'),
  division_code text references divisions (code),
  created_at timestamptz not null default now()
);

create table organisations (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('enterprise', 'social_organisation', 'media')),
  name text not null,
  credit_code text not null unique check (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
  legal_representative text not null,
  division_code text references divisions (code),
  address text,
  registered_on date,
  media_licence text,
  created_at timestamptz not null default now()
);
create index organisations_kind_idx on organisations (kind);

create table accounts (
  id uuid primary key default gen_random_uuid(),
  username text not null unique check (username ~ '^[a-z0-9][a-z0-9._-]{1,62}$'),
  display_name text not null,
  kind text not null check (kind in ('person', 'organisation', 'staff', 'system')),
  person_id uuid references persons (id),
  organisation_id uuid references organisations (id),
  password_hash text,
  status text not null default 'active' check (status in ('active', 'disabled')),
  failed_attempts integer not null default 0,
  locked_until timestamptz,
  last_sign_in_at timestamptz,
  password_changed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table account_roles (
  account_id uuid not null references accounts (id) on delete cascade,
  role text not null check (role in ('citizen', 'enterprise_agent', 'officer', 'dept_admin', 'leader', 'auditor', 'platform_admin', 'system')),
  primary key (account_id, role)
);
create index account_roles_role_idx on account_roles (role);

create table account_departments (
  account_id uuid not null references accounts (id) on delete cascade,
  department_id uuid not null references departments (id),
  primary key (account_id, department_id)
);

create table sessions (
  id_hash text primary key,
  account_id uuid not null references accounts (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  last_seen_at timestamptz not null default now()
);
create index sessions_account_idx on sessions (account_id);

create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts (id) on delete cascade,
  name text not null,
  prefix text not null,
  secret_hash text not null unique,
  scopes text[] not null,
  created_by uuid references accounts (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  last_used_at timestamptz
);
create index api_tokens_account_idx on api_tokens (account_id);

create table platform_state (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);
`,
};
