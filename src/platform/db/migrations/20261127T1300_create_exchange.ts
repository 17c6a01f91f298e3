import type { Migration } from "../migrate.js";

export const createExchange: Migration = {
  name: "20261127T1300_create_exchange",
  sql: /* sql */ `
-- 政务信息资源目录: each department's data resources, with fields, sharing class and provider.
create table exchange_resources (
  id text primary key,
  code text not null unique,
  owner_code text not null,
  name text not null,
  name_en text not null,
  sharing_class text not null check (sharing_class in ('unconditional', 'conditional', 'none')),
  definition jsonb not null,
  provider jsonb not null default '{"kind":"builtin"}',
  version integer not null default 1,
  updated_at timestamptz not null default now()
);
create index exchange_resources_owner_idx on exchange_resources (owner_code);

-- 共享申请/协议: a consuming department's use of a resource, as applied for and as granted.
create table exchange_agreements (
  id uuid primary key default gen_random_uuid(),
  resource_id text not null references exchange_resources (id),
  consumer_code text not null,
  requested_fields jsonb not null,
  fields jsonb not null,
  clearance smallint not null default 2 check (clearance between 1 and 4),
  purpose text not null,
  legal_basis text not null,
  valid_from date not null,
  valid_until date not null,
  expected_daily_volume integer not null check (expected_daily_volume > 0),
  daily_quota integer not null check (daily_quota > 0),
  rate_per_minute integer not null check (rate_per_minute > 0),
  requires_consent boolean not null default false,
  status text not null check (status in ('applied', 'approved', 'refused', 'suspended')),
  applied_by uuid references accounts (id),
  applied_at timestamptz not null default now(),
  reviewed_by uuid references accounts (id),
  reviewed_at timestamptz,
  review_reason text,
  status_reason text,
  expiry_warned_at timestamptz,
  check (valid_until >= valid_from)
);
create index exchange_agreements_resource_idx on exchange_agreements (resource_id, status);
create index exchange_agreements_consumer_idx on exchange_agreements (consumer_code, status);

-- Calls counted per agreement and day, spread over shards so concurrent calls do not queue on one row.
create table exchange_quota (
  agreement_id uuid not null references exchange_agreements (id),
  day date not null,
  shard smallint not null,
  calls integer not null default 0,
  primary key (agreement_id, day, shard)
);

-- Every gateway call, for supervision (the ledger holds the signed record; this is its working index).
create table exchange_calls (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  request_id text,
  agreement_id uuid,
  resource_id text not null,
  consumer_code text,
  account_id uuid,
  subject_type text,
  subject_id uuid,
  purpose text not null,
  reference text,
  fields jsonb not null,
  outcome text not null check (outcome in ('success', 'denied', 'failure')),
  error_code text,
  request_hash text not null,
  response_hash text,
  ledger_seq bigint not null
);
create index exchange_calls_at_idx on exchange_calls (at);
create index exchange_calls_account_idx on exchange_calls (account_id, at);
create index exchange_calls_subject_idx on exchange_calls (subject_id, at);

-- 授权同意: a person's consent to a department's use of named fields for a purpose, versioned.
create table exchange_consents (
  id uuid primary key default gen_random_uuid(),
  series uuid not null,
  version integer not null,
  subject_type text not null check (subject_type in ('person', 'organisation')),
  subject_id uuid not null,
  requester_code text not null,
  scope jsonb not null,
  purpose text not null,
  reference text,
  valid_until timestamptz not null,
  status text not null check (status in ('pending', 'granted', 'refused', 'revoked', 'superseded')),
  requested_by uuid references accounts (id),
  requested_at timestamptz not null default now(),
  decided_by uuid references accounts (id),
  decided_at timestamptz,
  revoked_at timestamptz,
  unique (series, version)
);
create index exchange_consents_subject_idx on exchange_consents (subject_id, requester_code, status);

-- Supervision alerts on unusual use, reviewed by auditors with a finding.
create table exchange_alerts (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('volume', 'off-hours', 'no-reference')),
  account_id uuid not null,
  day date not null,
  detail jsonb not null,
  ledger_seqs jsonb not null,
  status text not null default 'open' check (status in ('open', 'reviewed')),
  finding text,
  reviewed_by uuid references accounts (id),
  reviewed_at timestamptz,
  created_at timestamptz not null default now(),
  unique (kind, account_id, day)
);

-- (policy module) Persons each account read each day: the negative list's daily cap counts these.
create table policy_daily_reads (
  account_id uuid not null,
  day date not null,
  subject_id uuid not null,
  primary key (account_id, day, subject_id)
);
-- (policy module) How many persons each account read each day, spread over shards so concurrent
-- reads by one department system do not queue on one row.
create table policy_daily_counts (
  account_id uuid not null,
  day date not null,
  shard smallint not null,
  persons integer not null,
  primary key (account_id, day, shard)
);
`,
};
