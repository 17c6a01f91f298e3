import type { Migration } from "../migrate.js";

export const addHelperRole: Migration = {
  name: "20261127T1940_add_helper_role",
  sql: /* sql */ `
-- A 帮办员 (helper) at a 街道 or community service centre applies for residents who cannot do it
-- themselves (帮办代办), with the authorisation they gave.
alter table account_roles drop constraint account_roles_role_check;
alter table account_roles add constraint account_roles_role_check check (role in (
  'citizen', 'enterprise_agent', 'officer', 'dept_admin', 'leader', 'auditor', 'platform_admin', 'legal_reviewer',
  'helper', 'system'));
`,
};
