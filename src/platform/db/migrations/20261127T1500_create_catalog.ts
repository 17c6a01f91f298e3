import type { Migration } from "../migrate.js";

export const createCatalog: Migration = {
  name: "20261127T1500_create_catalog",
  sql: /* sql */ `
-- 政务服务事项目录: each item's whole definition (shared/services/catalogue.ts ServiceItem) as jsonb,
-- with the columns it is looked up by. Versioned: every change bumps version and updated_at.
create table service_items (
  code text primary key,
  department_code text not null,
  power_code text not null,
  name text not null,
  name_en text not null,
  audience text not null check (audience in ('person', 'organisation')),
  life_events text[] not null default '{}',
  -- Name, summary and conditions in both languages, lower-cased: what text search matches.
  search_text text not null,
  definition jsonb not null,
  version integer not null default 1,
  updated_at timestamptz not null default now()
);
create index service_items_department_idx on service_items (department_code);
create index service_items_power_idx on service_items (power_code);
create index service_items_life_events_idx on service_items using gin (life_events);

-- 一件事: several items behind one form and one submission (ServiceBundle).
create table service_bundles (
  code text primary key,
  lead_department_code text not null,
  name text not null,
  name_en text not null,
  audience text not null check (audience in ('person', 'organisation')),
  life_events text[] not null default '{}',
  item_codes text[] not null,
  search_text text not null,
  definition jsonb not null,
  version integer not null default 1,
  updated_at timestamptz not null default now()
);
create index service_bundles_life_events_idx on service_bundles using gin (life_events);
create index service_bundles_items_idx on service_bundles using gin (item_codes);
`,
};
