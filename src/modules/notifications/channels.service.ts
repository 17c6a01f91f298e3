import type { ChannelKind, OutboxStatus } from "../../../shared/notifications/notifications.js";
import type { Caller, ServiceContext } from "../../platform/context.js";
import { inTransaction } from "../../platform/db/tx.js";
import { notFound, validationError } from "../../platform/errors.js";
import * as repo from "./notifications.repository.js";
import { channelsChanged } from "./notifications.service.js";

export interface NewChannel {
  name: string;
  kind: ChannelKind;
  url: string;
  secret: string;
  enabled?: boolean | undefined;
}

export interface ChannelChanges {
  name?: string | undefined;
  url?: string | undefined;
  secret?: string | undefined;
  enabled?: boolean | undefined;
}

/**
 * A webhook address: http(s) only, no user name or password in it (the URL is shown to admins and
 * its origin recorded in the ledger; the channel's secret is what authenticates).
 */
function checkedUrl(field: string, raw: string): { url: string; origin: string } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw validationError(field, "Give a full http:// or https:// address");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw validationError(field, "Only http:// and https:// webhooks are supported");
  }
  if (url.username || url.password) {
    throw validationError(
      field,
      "Put no credentials in the address: the channel's secret signs each delivery",
    );
  }
  if (url.hash) {
    throw validationError(field, "A webhook address has no #fragment");
  }
  return { url: url.toString(), origin: url.origin };
}

function checkedSecret(field: string, secret: string): string {
  if (secret.length < 16 || secret.length > 256 || secret.trim() !== secret) {
    throw validationError(field, "The secret must be 16–256 characters without leading or trailing spaces");
  }
  return secret;
}

function checkedName(field: string, name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 100) {
    throw validationError(field, "Give the channel a name of 1–100 characters");
  }
  return trimmed;
}

/** Every channel that is not deleted, oldest first. */
export function listChannels(ctx: ServiceContext): Promise<repo.ChannelRow[]> {
  return repo.listChannels(ctx.db);
}

/** Adds a webhook channel; recorded in the ledger (its address's origin, never the secret). */
export async function createChannel(
  ctx: ServiceContext,
  caller: Caller,
  input: NewChannel,
): Promise<repo.ChannelRow> {
  const name = checkedName("body.name", input.name);
  const { url, origin } = checkedUrl("body.url", input.url);
  const secret = checkedSecret("body.secret", input.secret);
  const row = await inTransaction(ctx.db, async (tx) => {
    const row = await repo.insertChannel(tx, {
      name,
      kind: input.kind,
      url,
      secret,
      enabled: input.enabled ?? false,
      created_by: caller.actor.accountId,
    });
    await ctx.ledger.record(tx, {
      action: "notifications.channel.create",
      actor: caller.actor,
      resource: `notifications/channels/${row.id}`,
      outcome: "success",
      requestId: caller.requestId,
      details: { name, kind: row.kind, origin, enabled: row.enabled },
    });
    return row;
  });
  channelsChanged(ctx);
  return row;
}

/** Renames, re-addresses, rotates the secret of, enables or disables a channel; recorded in the ledger. */
export async function updateChannel(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  changes: ChannelChanges,
): Promise<repo.ChannelRow> {
  const set: { name?: string; url?: string; secret?: string; enabled?: boolean } = {};
  let origin: string | undefined;
  if (changes.name !== undefined) {
    set.name = checkedName("body.name", changes.name);
  }
  if (changes.url !== undefined) {
    const checked = checkedUrl("body.url", changes.url);
    set.url = checked.url;
    origin = checked.origin;
  }
  if (changes.secret !== undefined) {
    set.secret = checkedSecret("body.secret", changes.secret);
  }
  if (changes.enabled !== undefined) {
    set.enabled = changes.enabled;
  }
  if (Object.keys(set).length === 0) {
    throw validationError("body", "Change at least one of name, url, secret or enabled");
  }
  const updated = await inTransaction(ctx.db, async (tx) => {
    const row = await repo.updateChannel(tx, id, { ...set, updated_by: caller.actor.accountId });
    if (!row) {
      throw notFound("Notification channel");
    }
    await ctx.ledger.record(tx, {
      action: "notifications.channel.update",
      actor: caller.actor,
      resource: `notifications/channels/${id}`,
      outcome: "success",
      requestId: caller.requestId,
      details: {
        changed: Object.keys(set).sort(),
        ...(set.name !== undefined ? { name: set.name } : {}),
        ...(origin !== undefined ? { origin } : {}),
        ...(set.enabled !== undefined ? { enabled: set.enabled } : {}),
      },
    });
    return row;
  });
  channelsChanged(ctx);
  return updated;
}

/** Deletes a channel (kept for the history of its deliveries); its waiting deliveries become dead. */
export async function deleteChannel(ctx: ServiceContext, caller: Caller, id: string): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    const deleted = await repo.deleteChannel(tx, id, caller.actor.accountId);
    if (!deleted) {
      throw notFound("Notification channel");
    }
    await ctx.ledger.record(tx, {
      action: "notifications.channel.delete",
      actor: caller.actor,
      resource: `notifications/channels/${id}`,
      outcome: "success",
      requestId: caller.requestId,
      details: { name: deleted.channel.name, kind: deleted.channel.kind, abandoned: deleted.abandoned },
    });
  });
  channelsChanged(ctx);
}

/** Deliveries for operators (platform admins and auditors), newest first. */
export function listOutbox(
  ctx: ServiceContext,
  filter: { status?: OutboxStatus | undefined; channel?: string | undefined; limit: number; offset: number },
) {
  return repo.listOutbox(ctx.db, {
    status: filter.status,
    channelId: filter.channel,
    limit: filter.limit,
    offset: filter.offset,
  });
}
