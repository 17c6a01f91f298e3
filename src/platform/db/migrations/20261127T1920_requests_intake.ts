import type { Migration } from "../migrate.js";

/**
 * Intake's duplicate look-ups. Recent requests of a category near a point (a bounding box of 200 m):
 * without a spatial index this scanned the whole table (both the category and the proposed category
 * are searched, so neither category index serves it): 65 ms and two parallel workers at 100,000
 * requests; a GiST index on the point answers the box directly. Near-identical texts among the 300
 * most recent: the number of distinct character bigrams of each description, so that only texts of
 * a size that can reach the similarity threshold are compared (null for requests filed before).
 */
export const requestsIntake: Migration = {
  name: "20261127T1920_requests_intake",
  sql: /* sql */ `
alter table requests add column text_bigrams integer;
create index requests_point_idx on requests using gist (point(lng, lat)) where lat is not null and lng is not null;
`,
};
