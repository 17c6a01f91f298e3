import type { Migration } from "../migrate.js";

export const createDeclaredRelations: Migration = {
  name: "20261127T1130_create_declared_relations",
  sql: /* sql */ `
-- Staff declare the persons they are related to (亲属关系申报); the negative list then forbids them
-- from reading those persons' records.
create table declared_relations (
  account_id uuid not null references accounts (id) on delete cascade,
  person_id uuid not null references persons (id),
  relation text not null,
  declared_at timestamptz not null default now(),
  primary key (account_id, person_id)
);
create index declared_relations_person_idx on declared_relations (person_id);
`,
};
