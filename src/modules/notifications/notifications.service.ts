import { randomUUID } from "node:crypto";
import { sql, type Transaction } from "kysely";
import type { ChannelKind } from "../../../shared/notifications/notifications.js";
import type { Caller, ServiceContext } from "../../platform/context.js";
import { jsonRows } from "../../platform/db/json-rows.js";
import type { DB } from "../../platform/db/schema.js";
import { forbidden, notFound, validationError } from "../../platform/errors.js";
import { accounts } from "../identity/index.js";
import type { Companion } from "../ledger/index.js";
import * as repo from "./notifications.repository.js";
import type { OutboxPayload } from "./notifications.tables.js";

/** What a module tells an account: both languages, and optionally where in the app to look. */
export interface NotifyInput {
  accountId: string;
  /** Dotted kind of event, e.g. "application.approved"; lets the client and gateways pick a template. */
  kind: string;
  title: string;
  titleEn: string;
  body: string;
  bodyEn: string;
  /** A path inside the web client, e.g. "/portal/applications/…"; never an outside address. */
  link?: string | null;
}

/** Why a channel was left out for this notification. */
export type SkipReason = "no-email" | "no-mobile" | "account-disabled";

export interface NotifyResult {
  /** The in-app notification. */
  id: string;
  /** The outbox rows written, one per enabled channel the account can be reached through. */
  deliveries: { channelId: string; kind: ChannelKind }[];
  /** Enabled channels left out, and why (accounts have no e-mail address yet: e-mail is always skipped). */
  skipped: { channelId: string; kind: ChannelKind; reason: SkipReason }[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KIND = /^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*$/;
// A path of this site: one leading slash (not "//", which leaves the site), no backslash or spaces.
const LINK = /^\/(?![/\\])[^\s\\]*$/;

function text(field: string, value: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > max) {
    throw validationError(field, `${field} must be 1–${max} characters`);
  }
  return trimmed;
}

function checked(input: NotifyInput): repo.InsertNotification {
  if (!UUID.test(input.accountId)) {
    throw validationError("accountId", "accountId must be an account id");
  }
  if (input.kind.length > 64 || !KIND.test(input.kind)) {
    throw validationError("kind", 'kind must be a dotted lower-case name such as "application.approved"');
  }
  const link = input.link ?? null;
  if (link !== null && (link.length > 500 || !LINK.test(link))) {
    throw validationError("link", "link must be a path inside the web client, starting with a single /");
  }
  return {
    account_id: input.accountId,
    kind: input.kind,
    title: text("title", input.title, 200),
    title_en: text("titleEn", input.titleEn, 200),
    body: text("body", input.body, 2000),
    body_en: text("bodyEn", input.bodyEn, 2000),
    link,
  };
}

/** How long a process trusts its list of enabled channels; a change in this process refreshes it at once. */
const CHANNELS_REFRESH_MS = 5_000;
type EnabledChannel = Pick<repo.ChannelRow, "id" | "kind">;
const enabledChannels = new WeakMap<object, { at: number; rows: EnabledChannel[] }>();

/**
 * The enabled channels, kept per database: every notification needs them and they change only
 * through an admin's action (channels.service.ts forgets them then; another process's change is
 * seen within CHANNELS_REFRESH_MS). `via` reads them when they are not known: the caller's
 * transaction, since on PGlite (one connection) a read beside a running transaction would wait.
 */
async function enabledChannelsOf(ctx: ServiceContext, via: Executor): Promise<EnabledChannel[]> {
  const hit = enabledChannels.get(ctx.db);
  if (hit && Date.now() - hit.at < CHANNELS_REFRESH_MS) {
    return hit.rows;
  }
  const rows = await repo.listEnabledChannels(via);
  enabledChannels.set(ctx.db, { at: Date.now(), rows });
  return rows;
}

/** Forgets the enabled channels kept for this database (after a channel is added, changed or deleted). */
export function channelsChanged(ctx: ServiceContext): void {
  enabledChannels.delete(ctx.db);
}

type Executor = ServiceContext["db"] | Transaction<DB>;

/**
 * Notifies an account, inside the caller's transaction: the in-app notification and one outbox row
 * per enabled e-mail/SMS channel are written with the caller's own change, so they exist exactly
 * when it commits; workers are woken at commit. Payloads carry the address and the texts, never an
 * ID number.
 */
export async function notify(
  ctx: ServiceContext,
  tx: Transaction<DB>,
  input: NotifyInput,
): Promise<NotifyResult> {
  const row = checked(input);
  const contact = await accounts.contactOf({ ...ctx, db: tx }, row.account_id);
  if (!contact) {
    throw notFound("Account");
  }
  const notification = await repo.insertNotification(tx, row);
  const channels = await enabledChannelsOf(ctx, tx);
  const deliveries: NotifyResult["deliveries"] = [];
  const skipped: NotifyResult["skipped"] = [];
  const outbox: { notification_id: string; channel_id: string; payload: OutboxPayload }[] = [];
  for (const channel of channels) {
    const to = channel.kind === "email" ? contact.email : contact.mobile;
    if (contact.status !== "active" || !to) {
      const reason: SkipReason =
        contact.status !== "active"
          ? "account-disabled"
          : channel.kind === "email"
            ? "no-email"
            : "no-mobile";
      skipped.push({ channelId: channel.id, kind: channel.kind, reason });
      continue;
    }
    deliveries.push({ channelId: channel.id, kind: channel.kind });
    outbox.push({
      notification_id: notification.id,
      channel_id: channel.id,
      payload: {
        to,
        notification: {
          id: notification.id,
          kind: notification.kind,
          title: notification.title,
          titleEn: notification.title_en,
          body: notification.body,
          bodyEn: notification.body_en,
          link: notification.link,
          createdAt: notification.created_at.toISOString(),
        },
      },
    });
  }
  if (outbox.length > 0) {
    await repo.insertOutbox(tx, outbox);
    await repo.wakeWorkers(tx);
  }
  return { id: notification.id, deliveries, skipped };
}

/**
 * notify() as statements to run along another change's ledger entry in one statement
 * (Ledger.recordAlong): the in-app notification and the outbox rows, written exactly when that
 * statement is. The account's contact is read first only when a channel is enabled; `wake` (call
 * it once the statement succeeded) then wakes the delivery workers, as notify() does at commit. The
 * account must exist (its foreign key refuses the statement otherwise).
 */
export function notifyAlong(
  ctx: ServiceContext,
  input: NotifyInput,
): Promise<{ companions: Companion[]; wake: () => Promise<void> }> {
  return notifyAlongMany(ctx, [input]);
}

/**
 * notifyAlong for many notifications at once (changes written together, a group commit): the same
 * statements, every row through one JSON parameter (jsonRows), so that their text is the same whatever they hold.
 */
export async function notifyAlongMany(
  ctx: ServiceContext,
  inputs: readonly NotifyInput[],
): Promise<{ companions: Companion[]; wake: () => Promise<void> }> {
  const createdAt = new Date();
  const rows = inputs.map((input) => ({ ...checked(input), id: randomUUID(), created_at: createdAt }));
  const channels = await enabledChannelsOf(ctx, ctx.db);
  const companions: Companion[] = [
    {
      name: "notification",
      sql: sql`insert into notifications (id, account_id, kind, title, title_en, body, body_en, link, created_at)
        select r.id, r.account_id, r.kind, r.title, r.title_en, r.body, r.body_en, r.link, r.created_at
        from ${jsonRows(rows, NOTIFICATION_TYPES, "r")}`,
    },
  ];
  if (channels.length === 0) {
    return { companions, wake: async () => {} };
  }
  const accountIds = [...new Set(rows.map((r) => r.account_id))];
  const contacts = new Map(
    await Promise.all(accountIds.map(async (id) => [id, await accounts.contactOf(ctx, id)] as const)),
  );
  const outbox: { notification_id: string; channel_id: string; payload: string }[] = [];
  for (const row of rows) {
    const contact = contacts.get(row.account_id);
    if (!contact) {
      throw notFound("Account");
    }
    for (const channel of channels) {
      const to = channel.kind === "email" ? contact.email : contact.mobile;
      if (contact.status === "active" && to) {
        const payload: OutboxPayload = {
          to,
          notification: {
            id: row.id,
            kind: row.kind,
            title: row.title,
            titleEn: row.title_en,
            body: row.body,
            bodyEn: row.body_en,
            link: row.link ?? null,
            createdAt: createdAt.toISOString(),
          },
        };
        outbox.push({ notification_id: row.id, channel_id: channel.id, payload: JSON.stringify(payload) });
      }
    }
  }
  if (outbox.length === 0) {
    return { companions, wake: async () => {} };
  }
  companions.push({
    name: "notification_outbox_rows",
    sql: sql`insert into notification_outbox (notification_id, channel_id, payload)
      select o.notification_id, o.channel_id, o.payload::jsonb from ${jsonRows(outbox, OUTBOX_TYPES, "o")}`,
  });
  return { companions, wake: () => repo.wakeWorkers(ctx.db) };
}

const NOTIFICATION_TYPES = {
  id: "uuid",
  account_id: "uuid",
  kind: "text",
  title: "text",
  title_en: "text",
  body: "text",
  body_en: "text",
  link: "text",
  created_at: "timestamptz",
};
const OUTBOX_TYPES = { notification_id: "uuid", channel_id: "uuid", payload: "text" };

function ownAccount(caller: Caller): string {
  const id = caller.actor.accountId;
  if (!id) {
    throw forbidden("Notifications belong to a signed-in account");
  }
  return id;
}

/** The caller's notifications, newest first, with the number unread. */
export function listMine(
  ctx: ServiceContext,
  caller: Caller,
  page: { unreadOnly?: boolean | undefined; limit: number; offset: number },
) {
  return repo.listForAccount(ctx.db, ownAccount(caller), {
    unreadOnly: page.unreadOnly ?? false,
    limit: page.limit,
    offset: page.offset,
  });
}

/** Marks one of the caller's notifications read; another account's is NOT_FOUND, as if absent. */
export async function markRead(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
): Promise<repo.NotificationRow> {
  const row = await repo.markRead(ctx.db, ownAccount(caller), id, new Date());
  if (!row) {
    throw notFound("Notification");
  }
  return row;
}

/** Marks all the caller's notifications read; how many were unread. */
export async function markAllRead(ctx: ServiceContext, caller: Caller): Promise<number> {
  return repo.markAllRead(ctx.db, ownAccount(caller), new Date());
}
