import type {
  ChannelView,
  NotificationView,
  OutboxItemView,
} from "../../../shared/notifications/notifications.js";
import type { ChannelRow, NotificationRow, OutboxListRow } from "./notifications.repository.js";

/** Presenters are the only way notification rows reach the wire: a channel's secret is not in them. */

export function presentNotification(row: NotificationRow): NotificationView {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    titleEn: row.title_en,
    body: row.body,
    bodyEn: row.body_en,
    link: row.link,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
  };
}

export function presentChannel(row: ChannelRow): ChannelView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    url: row.url,
    enabled: row.enabled,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** A delivery for operators. The recipient is masked here whatever the row holds. */
export function presentOutboxItem(row: OutboxListRow, mask: (to: string) => string): OutboxItemView {
  const waiting = row.status === "pending" || row.status === "failed";
  return {
    id: row.id,
    notificationId: row.notification_id,
    notificationKind: row.notification_kind,
    channelId: row.channel_id,
    channelName: row.channel_name,
    channelKind: row.channel_kind,
    recipient: row.to === null ? null : mask(row.to),
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: waiting ? row.next_attempt_at.toISOString() : null,
    lastError: row.last_error,
    deliveredAt: row.delivered_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}
