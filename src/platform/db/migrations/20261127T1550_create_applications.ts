import type { Migration } from "../migrate.js";

export const createApplications: Migration = {
  name: "20261127T1550_create_applications",
  sql: /* sql */ `
-- 办件: one application for one service item or one one-thing bundle. The applicant's form, what
-- the exchange filled in (with each value's source and the ledger entry of the read) and the
-- materials are held with it; the items it asks for run as tasks.
create sequence application_number_seq;
create table applications (
  id uuid primary key default gen_random_uuid(),
  number text not null unique,
  kind text not null check (kind in ('item', 'bundle')),
  service_code text not null,
  service_name text not null,
  service_name_en text not null,
  lead_department text not null,
  applicant_account uuid not null references accounts (id),
  subject_type text not null check (subject_type in ('person', 'organisation')),
  subject_id uuid not null,
  subject_name text not null,
  on_behalf jsonb,
  status text not null check (status in ('draft', 'submitted', 'concluded', 'withdrawn')),
  outcome text check (outcome in ('approved', 'rejected', 'partial')),
  form jsonb not null default '{}',
  prefill jsonb not null default '{}',
  materials jsonb not null default '{}',
  consents jsonb not null default '[]',
  promised_days integer not null,
  accepted_on date,
  due_on date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  submitted_at timestamptz,
  concluded_at timestamptz
);
create index applications_applicant on applications (applicant_account, created_at desc);
create index applications_subject on applications (subject_id, created_at desc);
create index applications_service on applications (service_code, submitted_at);

-- One item of an application, handled by its department through the item's steps (受理, 审查,
-- 踏勘, 决定, 公示, 办结). The clock counts working days from acceptance; 补正 pauses it.
create table application_tasks (
  id uuid primary key default gen_random_uuid(),
  application_id uuid not null references applications (id) on delete cascade,
  item_code text not null,
  item_name text not null,
  item_name_en text not null,
  department text not null,
  steps jsonb not null,
  step_index integer not null default 0,
  current_department text not null,
  status text not null check (status in ('waiting', 'active', 'supplement', 'approved', 'rejected', 'cancelled')),
  after_codes jsonb not null default '[]',
  limit_days integer not null,
  statutory_days integer not null,
  accepted_on date,
  due_on date,
  pauses jsonb not null default '[]',
  paused_since date,
  supplement jsonb,
  decision_reason text,
  decision_basis text,
  certificate_id uuid,
  started_at timestamptz,
  concluded_at timestamptz,
  concluded_working_days integer,
  updated_at timestamptz not null default now()
);
create index application_tasks_application on application_tasks (application_id);
-- The officers' queue: open tasks of a department by due date.
create index application_tasks_queue on application_tasks (current_department, due_on, id)
  where status in ('active', 'supplement');

-- What happened to an application, in order: for the applicant's progress view and the officers.
create table application_events (
  id bigserial primary key,
  application_id uuid not null references applications (id) on delete cascade,
  task_id uuid references application_tasks (id) on delete cascade,
  at timestamptz not null default now(),
  actor_account uuid references accounts (id),
  action text not null,
  step text,
  department text,
  comment text,
  ledger_seq bigint
);
create index application_events_application on application_events (application_id, id);

-- Materials the applicant uploaded (what the platform could not obtain through the exchange).
create table application_uploads (
  id uuid primary key default gen_random_uuid(),
  application_id uuid not null references applications (id) on delete cascade,
  material_id text not null,
  filename text not null,
  media_type text not null,
  size integer not null,
  sha256 text not null,
  content bytea not null,
  uploaded_at timestamptz not null default now()
);
create index application_uploads_application on application_uploads (application_id, material_id);
`,
};
