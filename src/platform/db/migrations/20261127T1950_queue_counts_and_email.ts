import type { Migration } from "../migrate.js";

export const queueCountsAndEmail: Migration = {
  name: "20261127T1950_queue_counts_and_email",
  sql: /* sql */ `
-- The officers' queue counts its open, near and overdue tasks (each up to a cap) by department,
-- status and due date: a range of this index each, without visiting the table when it is vacuumed.
create index application_tasks_queue_counts on application_tasks (current_department, status, due_on)
  where status in ('active', 'supplement');

-- The address an account's own holder gives for e-mail notifications (null: none given).
alter table accounts add column email text
  check (email is null or (length(email) <= 254 and email ~ '^[^@[:space:]]+@[^@[:space:]]+[.][^@[:space:]]+$'));
`,
};
