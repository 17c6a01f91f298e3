import type { Migration } from "../migrate.js";

export const requestsPublicView: Migration = {
  name: "20261127T1910_requests_public_view",
  sql: /* sql */ `
-- 公开展示: whether the requester lets the request appear, with personal data removed, in the
-- public view of requests (/requests/public). Yes unless they say no; they may change it later.
alter table requests add column public_view boolean not null default true;

-- The public list: newest first, by keyset (created_at, id), over the requests that may be shown.
create index requests_public_idx on requests (created_at desc, id desc) where public_view;
`,
};
