import type { Migration } from "../migrate.js";

export const createNotifications: Migration = {
  name: "20261127T1700_create_notifications",
  sql: /* sql */ `
-- What the platform tells an account in the app (a decision on an application, a request for
-- supplements…), in both languages. link is a path inside the web client.
create table notifications (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts (id),
  kind text not null,
  title text not null,
  title_en text not null,
  body text not null,
  body_en text not null,
  link text,
  created_at timestamptz not null default now(),
  read_at timestamptz
);
create index notifications_account_recent on notifications (account_id, created_at desc, id desc);
create index notifications_account_unread on notifications (account_id) where read_at is null;

-- Webhook endpoints of the e-mail and SMS gateways, configured by platform admins. The secret signs
-- each delivery (HMAC-SHA256); it is written, never read back through the API. Deleted channels stay
-- (soft delete) so that past deliveries keep their channel.
create table notification_channels (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  kind text not null check (kind in ('email', 'sms')),
  url text not null,
  secret text not null,
  enabled boolean not null default false,
  created_by uuid references accounts (id),
  created_at timestamptz not null default now(),
  updated_by uuid references accounts (id),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz
);

-- The outbox: one row per notification and enabled channel, written in the transaction that
-- notified, delivered by a worker that claims due rows with FOR UPDATE SKIP LOCKED. A row in flight
-- keeps its status; its next_attempt_at is pushed past the delivery's time limit (the lease).
create table notification_outbox (
  id uuid primary key default gen_random_uuid(),
  notification_id uuid not null references notifications (id),
  channel_id uuid not null references notification_channels (id),
  payload jsonb not null,
  status text not null default 'pending' check (status in ('pending', 'delivered', 'failed', 'dead')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text,
  delivered_at timestamptz,
  created_at timestamptz not null default now()
);
create index notification_outbox_due on notification_outbox (next_attempt_at)
  where status in ('pending', 'failed');
create index notification_outbox_recent on notification_outbox (created_at desc, id desc);
create index notification_outbox_notification on notification_outbox (notification_id);
`,
};
