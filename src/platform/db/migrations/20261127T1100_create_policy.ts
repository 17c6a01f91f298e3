import type { Migration } from "../migrate.js";

export const createPolicy: Migration = {
  name: "20261127T1100_create_policy",
  sql: /* sql */ `
-- A legal-affairs reviewer approves or refuses changes to rights lists.
alter table account_roles drop constraint account_roles_role_check;
alter table account_roles add constraint account_roles_role_check check (role in (
  'citizen', 'enterprise_agent', 'officer', 'dept_admin', 'leader', 'auditor', 'platform_admin', 'legal_reviewer', 'system'));

-- Each department's 权力清单 and 责任清单, as versions: proposed by a department admin, approved or
-- refused by a reviewer, effective from a date. The approved version with the latest effective date
-- not in the future is the one in force.
create table rights_list_versions (
  id uuid primary key default gen_random_uuid(),
  department_code text not null,
  version integer not null,
  powers jsonb not null,
  status text not null check (status in ('proposed', 'approved', 'refused')),
  summary text not null,
  proposed_by uuid references accounts (id),
  proposed_at timestamptz not null default now(),
  reviewed_by uuid references accounts (id),
  reviewed_at timestamptz,
  review_reason text,
  effective_from timestamptz,
  unique (department_code, version)
);
create index rights_list_versions_dept_idx on rights_list_versions (department_code, status, effective_from);
`,
};
