import type { Migration } from "../migrate.js";

/** The three rates of 接诉即办 count requests by when they were dispatched (docs/requests-rates.md). */
export const indexRequestsDispatched: Migration = {
  name: "20261127T1900_index_requests_dispatched",
  sql: /* sql */ `
create index requests_dispatched_idx on requests (dispatched_at) where duplicate_of is null;
`,
};
