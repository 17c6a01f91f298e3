import type { Migration } from "../migrate.js";

export const applicationsChangedMeanwhile: Migration = {
  name: "20261127T2020_applications_changed_meanwhile",
  sql: /* sql */ `
-- An application's change is one statement (its ledger entry, the rows it writes) that applies only
-- to the row as it was read and checked. When the row changed in between, the statement calls this
-- to fail as a whole, ledger entry included, and the service reads the row again and retries.
create function applications_changed_meanwhile() returns uuid language plpgsql as $$
begin
  raise exception 'the application changed meanwhile' using errcode = 'YA409';
end $$;
`,
};
