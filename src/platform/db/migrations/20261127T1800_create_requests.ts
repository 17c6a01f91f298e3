import type { Migration } from "../migrate.js";

export const createRequests: Migration = {
  name: "20261127T1800_create_requests",
  sql: /* sql */ `
-- 诉求分类: a tree of up to three levels, each mapped to the department responsible (inherited
-- from the level above when not set), with deadlines (contact within hours, resolve within working days).
create table request_categories (
  code text primary key,
  parent_code text references request_categories (code),
  level smallint not null check (level between 1 and 3),
  name text not null,
  name_en text not null,
  department_code text,
  power_code text,
  contact_hours integer check (contact_hours between 1 and 720),
  resolve_days integer check (resolve_days between 1 and 120),
  keywords jsonb not null default '[]',
  source text not null check (source in ('builtin', 'import')),
  active boolean not null default true,
  sort integer not null default 0,
  updated_at timestamptz not null default now(),
  unique (parent_code, name)
);

create sequence request_number_seq;

-- 诉求: one citizen's request from any channel, with the classifier's proposal, the lead department,
-- and the timestamps the three rates are computed from.
create table requests (
  id uuid primary key default gen_random_uuid(),
  number text not null unique,
  token text not null unique,
  channel text not null check (channel in ('web', 'api', 'open311', 'hotline')),
  status text not null check (status in ('pending', 'dispatched', 'in_progress', 'replied', 'closed')),
  title text,
  description text not null,
  category_code text references request_categories (code),
  department_code text,
  proposed_category_code text,
  proposed_department_code text,
  proposed_confidence real,
  proposed_by text,
  requester_account_id uuid references accounts (id),
  entered_by uuid references accounts (id),
  anonymous boolean not null default false,
  contact_name text,
  contact_phone text,
  contact_email text,
  lat double precision check (lat between -90 and 90),
  lng double precision check (lng between -180 and 180),
  address text,
  media_url text,
  open311_key_id uuid,
  duplicate_of uuid references requests (id),
  reopened_count integer not null default 0,
  reply text,
  reply_by uuid references accounts (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  dispatched_at timestamptz,
  accepted_at timestamptz,
  first_contact_at timestamptz,
  replied_at timestamptz,
  closed_at timestamptz,
  contact_due_at timestamptz,
  resolve_due date,
  resolve_due_estimated boolean not null default false,
  resolved boolean,
  satisfied boolean,
  return_visit_at timestamptz
);
create index requests_status_idx on requests (status, department_code);
create index requests_category_idx on requests (category_code, created_at);
create index requests_created_idx on requests (created_at);
create index requests_requester_idx on requests (requester_account_id, created_at);
create index requests_phone_idx on requests (contact_phone, created_at);

-- 承办: departments on a request, the lead and any co-handlers (联合办理), over time.
create table request_assignments (
  id uuid primary key default gen_random_uuid(),
  request_id uuid not null references requests (id),
  department_code text not null,
  role text not null check (role in ('lead', 'co')),
  status text not null check (status in ('dispatched', 'accepted', 'done', 'returned', 'escalated')),
  assigned_at timestamptz not null default now(),
  assigned_by uuid references accounts (id),
  accepted_at timestamptz,
  done_at timestamptz,
  contribution text
);
create index request_assignments_request_idx on request_assignments (request_id);
create index request_assignments_department_idx on request_assignments (department_code, status);

-- The request's history as the requester and the handlers follow it.
create table request_events (
  id bigint generated always as identity primary key,
  request_id uuid not null references requests (id),
  at timestamptz not null default now(),
  kind text not null,
  actor_account_id uuid references accounts (id),
  department_code text,
  public boolean not null,
  message text,
  details jsonb not null default '{}',
  ledger_seq bigint
);
create index request_events_request_idx on request_events (request_id, id);

-- Likely duplicates and repeat callers, linked to the earlier request.
create table request_links (
  request_id uuid not null references requests (id),
  related_id uuid not null references requests (id),
  kind text not null check (kind in ('duplicate', 'repeat')),
  reason text not null,
  score real not null,
  created_at timestamptz not null default now(),
  primary key (request_id, related_id, kind)
);
create index request_links_related_idx on request_links (related_id);

create table request_photos (
  id uuid primary key default gen_random_uuid(),
  request_id uuid not null references requests (id),
  content_type text not null check (content_type in ('image/png', 'image/jpeg')),
  size_bytes integer not null,
  sha256 text not null,
  data bytea not null,
  uploaded_by uuid references accounts (id),
  created_at timestamptz not null default now()
);
create index request_photos_request_idx on request_photos (request_id);

-- Every correction of a routing (a department's return, a dispatcher overriding the proposal):
-- the text with the wrong and the right category, kept as training data for the classifier.
create table request_corrections (
  id uuid primary key default gen_random_uuid(),
  request_id uuid not null references requests (id),
  text text not null,
  source text not null check (source in ('returned', 'dispatcher')),
  from_category_code text,
  from_department_code text,
  from_confidence real,
  to_category_code text,
  to_department_code text,
  reason text,
  created_by uuid references accounts (id),
  created_at timestamptz not null default now(),
  resolved_at timestamptz
);
create index request_corrections_request_idx on request_corrections (request_id);

-- 回访: the requester's (or a hotline agent's) word on whether the matter was resolved.
create table request_return_visits (
  id uuid primary key default gen_random_uuid(),
  request_id uuid not null references requests (id),
  at timestamptz not null default now(),
  by_account_id uuid references accounts (id),
  channel text not null check (channel in ('self', 'phone')),
  resolved boolean not null,
  satisfied boolean not null,
  comment text,
  reopened boolean not null
);
create index request_return_visits_request_idx on request_return_visits (request_id);

-- Open311 clients' API keys: only a SHA-256 of the key is kept.
create table open311_keys (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  prefix text not null,
  key_hash text not null unique,
  created_at timestamptz not null default now(),
  created_by uuid references accounts (id),
  revoked_at timestamptz,
  last_used_at timestamptz
);
`,
};
