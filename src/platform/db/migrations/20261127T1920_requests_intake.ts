import type { Migration } from "../migrate.js";

/**
 * Intake's duplicate look-up finds recent requests of a category near a point: a bounding box of
 * 200 m. Without a spatial index it scanned the whole table (both the category and the proposed
 * category are searched, so neither category index serves it): 65 ms and two parallel workers at
 * 100,000 requests. A GiST index on the point answers the box directly.
 */
export const requestsIntake: Migration = {
  name: "20261127T1920_requests_intake",
  sql: /* sql */ `
create index requests_point_idx on requests using gist (point(lng, lat)) where lat is not null and lng is not null;
`,
};
