import type { Migration } from "../migrate.js";

export const createCalendar: Migration = {
  name: "20261127T1400_create_calendar",
  sql: /* sql */ `
-- Administrators' corrections to the working-day calendar: a day forced to be a working day or a
-- day off (a typhoon closure, a late notice), over the State Council's arrangements built into the code.
create table calendar_overrides (
  day date primary key,
  working boolean not null,
  reason text not null,
  set_by uuid references accounts (id),
  set_at timestamptz not null default now()
);
`,
};
