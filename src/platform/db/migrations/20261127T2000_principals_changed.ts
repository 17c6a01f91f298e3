import type { Migration } from "../migrate.js";

export const principalsChanged: Migration = {
  name: "20261127T2000_principals_changed",
  sql: /* sql */ `
-- Every server process keeps the sessions and API tokens it resolved in memory (identity's
-- principal cache). Any change that could end a credential or change what it may do tells every
-- process to drop them: NOTIFY is sent at commit, from whichever code path or tool made the change.
-- New sessions and tokens need no notice (nothing unknown is cached), nor does touching last_seen_at
-- or last_used_at.
create function yimen_principals_changed() returns trigger language plpgsql as $$
begin
  perform pg_notify('yimen_principals', '');
  return null;
end $$;

create trigger sessions_principals_changed
  after delete or truncate or update of id_hash, account_id, csrf_token, expires_at on sessions
  for each statement execute function yimen_principals_changed();
create trigger api_tokens_principals_changed
  after delete or truncate or update of id, account_id, secret_hash, scopes, expires_at, revoked_at on api_tokens
  for each statement execute function yimen_principals_changed();
create trigger accounts_principals_changed
  after delete or truncate or update of id, status on accounts
  for each statement execute function yimen_principals_changed();
create trigger account_roles_principals_changed
  after insert or update or delete or truncate on account_roles
  for each statement execute function yimen_principals_changed();
create trigger account_departments_principals_changed
  after insert or update or delete or truncate on account_departments
  for each statement execute function yimen_principals_changed();
`,
};
