import type { Migration } from "../migrate.js";

export const queueCountsIndex: Migration = {
  name: "20261127T1950_queue_counts_index",
  sql: /* sql */ `
-- The officers' queue counts its open, near and overdue tasks (each up to a cap) by department,
-- status and due date: a range of this index each, without visiting the table when it is vacuumed.
create index application_tasks_queue_counts on application_tasks (current_department, status, due_on)
  where status in ('active', 'supplement');
`,
};
