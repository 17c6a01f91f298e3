import { type Insertable, type Selectable, sql, type Transaction } from "kysely";
import type { ChannelKind, OutboxStatus } from "../../../shared/notifications/notifications.js";
import type { Db } from "../../platform/db/database.js";
import type { DB } from "../../platform/db/schema.js";
import type { OutboxPayload } from "./notifications.tables.js";

type Executor = Db | Transaction<DB>;

export type NotificationRow = Selectable<DB["notifications"]>;
export type ChannelRow = Selectable<DB["notification_channels"]>;

/** The PostgreSQL channel on which a committed notify() wakes the delivery workers of every process. */
export const OUTBOX_WAKE_CHANNEL = "yimen_notification_outbox";

// ---- in-app notifications ----------------------------------------------------------------------

/** A notification to write: the columns without defaults. */
export type InsertNotification = Omit<Insertable<DB["notifications"]>, "id" | "created_at" | "read_at">;

export function insertNotification(db: Executor, row: InsertNotification): Promise<NotificationRow> {
  return db.insertInto("notifications").values(row).returningAll().executeTakeFirstOrThrow();
}

/** An account's notifications, newest first, with the total and the unread count in one round trip. */
export async function listForAccount(
  db: Executor,
  accountId: string,
  page: { unreadOnly: boolean; limit: number; offset: number },
): Promise<{ rows: NotificationRow[]; total: number; unread: number }> {
  let query = db.selectFrom("notifications").selectAll().where("account_id", "=", accountId);
  if (page.unreadOnly) {
    query = query.where("read_at", "is", null);
  }
  const [rows, counts] = await Promise.all([
    query.orderBy("created_at", "desc").orderBy("id", "desc").limit(page.limit).offset(page.offset).execute(),
    db
      .selectFrom("notifications")
      .select([
        sql<number>`count(*)::int`.as("all"),
        sql<number>`(count(*) filter (where read_at is null))::int`.as("unread"),
      ])
      .where("account_id", "=", accountId)
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: page.unreadOnly ? counts.unread : counts.all, unread: counts.unread };
}

/** Marks one of the account's notifications read (keeping the first reading time). */
export function markRead(
  db: Executor,
  accountId: string,
  id: string,
  at: Date,
): Promise<NotificationRow | undefined> {
  return db
    .updateTable("notifications")
    .set({ read_at: sql<Date>`coalesce(read_at, ${at})` })
    .where("id", "=", id)
    .where("account_id", "=", accountId)
    .returningAll()
    .executeTakeFirst();
}

/** Marks every unread notification of the account read; the number marked. */
export async function markAllRead(db: Executor, accountId: string, at: Date): Promise<number> {
  const result = await db
    .updateTable("notifications")
    .set({ read_at: at })
    .where("account_id", "=", accountId)
    .where("read_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// ---- channels ----------------------------------------------------------------------------------

export function listChannels(db: Executor): Promise<ChannelRow[]> {
  return db
    .selectFrom("notification_channels")
    .selectAll()
    .where("deleted_at", "is", null)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export function listEnabledChannels(db: Executor): Promise<Pick<ChannelRow, "id" | "kind">[]> {
  return db
    .selectFrom("notification_channels")
    .select(["id", "kind"])
    .where("enabled", "=", true)
    .where("deleted_at", "is", null)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export function findChannel(db: Executor, id: string): Promise<ChannelRow | undefined> {
  return db
    .selectFrom("notification_channels")
    .selectAll()
    .where("id", "=", id)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
}

export function insertChannel(
  db: Executor,
  row: {
    name: string;
    kind: ChannelKind;
    url: string;
    secret: string;
    enabled: boolean;
    created_by: string | null;
  },
): Promise<ChannelRow> {
  return db
    .insertInto("notification_channels")
    .values({ ...row, updated_by: row.created_by })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateChannel(
  db: Executor,
  id: string,
  changes: { name?: string; url?: string; secret?: string; enabled?: boolean; updated_by: string | null },
): Promise<ChannelRow | undefined> {
  return db
    .updateTable("notification_channels")
    .set({ ...changes, updated_at: sql<Date>`now()` })
    .where("id", "=", id)
    .where("deleted_at", "is", null)
    .returningAll()
    .executeTakeFirst();
}

/** Soft-deletes a channel; its waiting deliveries are given up. The deleted row, if there was one. */
export async function deleteChannel(
  db: Executor,
  id: string,
  by: string | null,
): Promise<{ channel: ChannelRow; abandoned: number } | undefined> {
  const channel = await db
    .updateTable("notification_channels")
    .set({ deleted_at: sql<Date>`now()`, enabled: false, updated_by: by, updated_at: sql<Date>`now()` })
    .where("id", "=", id)
    .where("deleted_at", "is", null)
    .returningAll()
    .executeTakeFirst();
  if (!channel) {
    return undefined;
  }
  const abandoned = await db
    .updateTable("notification_outbox")
    .set({ status: "dead", last_error: "channel deleted" })
    .where("channel_id", "=", id)
    .where("status", "in", ["pending", "failed"])
    .executeTakeFirst();
  return { channel, abandoned: Number(abandoned.numUpdatedRows) };
}

// ---- outbox ------------------------------------------------------------------------------------

export async function insertOutbox(
  db: Executor,
  rows: { notification_id: string; channel_id: string; payload: OutboxPayload }[],
): Promise<void> {
  if (rows.length === 0) {
    return;
  }
  await db
    .insertInto("notification_outbox")
    .values(rows.map((r) => ({ ...r, payload: JSON.stringify(r.payload) })))
    .execute();
}

/** Wakes the delivery workers once the transaction commits (NOTIFY is held until then). */
export async function wakeWorkers(db: Executor): Promise<void> {
  await sql`select pg_notify(${OUTBOX_WAKE_CHANNEL}, '')`.execute(db);
}

/** A claimed delivery: the row, its attempt number (already counted) and its channel. */
export interface ClaimedDelivery {
  id: string;
  notification_id: string;
  payload: OutboxPayload;
  attempts: number;
  channel_id: string;
  kind: ChannelKind;
  url: string;
  secret: string;
}

/**
 * Claims up to `limit` due deliveries of enabled channels in one statement. Rows locked by another
 * worker are skipped; a claimed row's attempt is counted and its next attempt moved to `leaseUntil`,
 * so no other worker takes it while it is in flight (nor after a crash, until the lease ends).
 */
export async function claimDue(
  db: Executor,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<ClaimedDelivery[]> {
  const result = await sql<ClaimedDelivery>`
    with due as (
      select o.id
      from notification_outbox o
      join notification_channels c on c.id = o.channel_id
      where o.status in ('pending', 'failed')
        and o.next_attempt_at <= ${now}
        and c.enabled and c.deleted_at is null
      order by o.next_attempt_at, o.id
      limit ${limit}
      for update of o skip locked
    )
    update notification_outbox o
    set attempts = o.attempts + 1, next_attempt_at = ${leaseUntil}
    from due, notification_channels c
    where o.id = due.id and c.id = o.channel_id
    returning o.id, o.notification_id, o.payload, o.attempts, o.channel_id, c.kind, c.url, c.secret`.execute(
    db,
  );
  return result.rows;
}

/**
 * Settles an attempt. The update only applies while the row is still at that attempt and unsettled,
 * so a worker whose lease ran out cannot overwrite a later attempt's outcome. True when it applied.
 */
export async function settle(
  db: Executor,
  claim: { id: string; attempts: number },
  outcome:
    | { status: "delivered"; at: Date; maskedTo: string }
    | { status: "failed"; error: string; nextAttemptAt: Date }
    | { status: "dead"; error: string; at: Date; maskedTo: string },
): Promise<boolean> {
  const set =
    outcome.status === "delivered"
      ? {
          status: outcome.status,
          delivered_at: outcome.at,
          last_error: null,
          payload: sql<string>`jsonb_set(payload, '{to}', to_jsonb(${outcome.maskedTo}::text))`,
        }
      : outcome.status === "failed"
        ? { status: outcome.status, last_error: outcome.error, next_attempt_at: outcome.nextAttemptAt }
        : {
            status: outcome.status,
            last_error: outcome.error,
            next_attempt_at: outcome.at,
            payload: sql<string>`jsonb_set(payload, '{to}', to_jsonb(${outcome.maskedTo}::text))`,
          };
  const result = await db
    .updateTable("notification_outbox")
    .set(set)
    .where("id", "=", claim.id)
    .where("attempts", "=", claim.attempts)
    .where("status", "in", ["pending", "failed"])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface OutboxListRow {
  id: string;
  notification_id: string;
  notification_kind: string;
  channel_id: string;
  channel_name: string;
  channel_kind: ChannelKind;
  to: string | null;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  delivered_at: Date | null;
  created_at: Date;
}

/** Deliveries for operators, newest first, with the total of the filter and counts by status. */
export async function listOutbox(
  db: Executor,
  filter: {
    status?: OutboxStatus | undefined;
    channelId?: string | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ rows: OutboxListRow[]; total: number; counts: Record<OutboxStatus, number> }> {
  let query = db
    .selectFrom("notification_outbox as o")
    .innerJoin("notifications as n", "n.id", "o.notification_id")
    .innerJoin("notification_channels as c", "c.id", "o.channel_id");
  if (filter.channelId) {
    query = query.where("o.channel_id", "=", filter.channelId);
  }
  const filtered = filter.status ? query.where("o.status", "=", filter.status) : query;
  const [rows, byStatus] = await Promise.all([
    filtered
      .select([
        "o.id",
        "o.notification_id",
        "n.kind as notification_kind",
        "o.channel_id",
        "c.name as channel_name",
        "c.kind as channel_kind",
        sql<string | null>`o.payload->>'to'`.as("to"),
        "o.status",
        "o.attempts",
        "o.next_attempt_at",
        "o.last_error",
        "o.delivered_at",
        "o.created_at",
      ])
      .orderBy("o.created_at", "desc")
      .orderBy("o.id", "desc")
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query
      .select(["o.status", sql<number>`count(*)::int`.as("count")])
      .groupBy("o.status")
      .execute(),
  ]);
  const counts: Record<OutboxStatus, number> = { pending: 0, failed: 0, delivered: 0, dead: 0 };
  for (const row of byStatus) {
    counts[row.status] = row.count;
  }
  return { rows, total: filter.status ? counts[filter.status] : sum(counts), counts };
}

function sum(counts: Record<OutboxStatus, number>): number {
  return counts.pending + counts.failed + counts.delivered + counts.dead;
}
