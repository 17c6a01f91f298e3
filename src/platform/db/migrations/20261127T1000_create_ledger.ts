import type { Migration } from "../migrate.js";

export const createLedger: Migration = {
  name: "20261127T1000_create_ledger",
  sql: /* sql */ `
create table ledger_entries (
  seq bigserial primary key,
  idx bigint unique,
  body text not null,
  action text not null,
  time timestamptz not null,
  department_ids text[] not null default '{}'
);
create index ledger_entries_pending_idx on ledger_entries (seq) where idx is null;
create index ledger_entries_action_idx on ledger_entries (action, time);
create index ledger_entries_time_idx on ledger_entries (time);

create table ledger_identities (
  seq bigint not null references ledger_entries (seq),
  kind text not null check (kind in ('actor', 'subject')),
  subject_type text not null check (subject_type in ('person', 'organisation', 'account')),
  subject_id text not null,
  primary key (seq, kind, subject_type, subject_id)
);
create index ledger_identities_subject_idx on ledger_identities (subject_type, subject_id, seq);

create table ledger_nodes (
  level smallint not null,
  idx bigint not null,
  hash bytea not null check (length(hash) = 32),
  primary key (level, idx)
);

create table ledger_checkpoints (
  size bigint primary key,
  root bytea not null check (length(root) = 32),
  note text not null,
  created_at timestamptz not null default now()
);

-- Entries and tree hashes are append-only: the database refuses to change or delete them, so that
-- tampering needs a deliberate act of a database owner, which the signed checkpoints then expose.
create function ledger_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'the ledger is append-only';
end $$;
-- Entries are written once, then given their index once by the integrator; nothing else changes.
create function ledger_entries_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and old.idx is null and new.idx is not null and new.seq = old.seq
     and new.body = old.body and new.action = old.action and new.time = old.time
     and new.department_ids = old.department_ids then
    return new;
  end if;
  raise exception 'the ledger is append-only';
end $$;
create trigger ledger_entries_append_only before update or delete on ledger_entries
  for each row execute function ledger_entries_append_only();
create trigger ledger_nodes_append_only before update or delete on ledger_nodes
  for each row execute function ledger_append_only();
create trigger ledger_checkpoints_append_only before update or delete on ledger_checkpoints
  for each row execute function ledger_append_only();
`,
};
