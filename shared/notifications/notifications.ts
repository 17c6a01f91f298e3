/**
 * Notifications as both the server and the web client see them: in-app notifications of an account,
 * and the admins' view of the e-mail/SMS webhook channels and of the outbox that delivers to them.
 */

export const CHANNEL_KINDS = ["email", "sms"] as const;
/** An e-mail or SMS gateway reached through a webhook. */
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const OUTBOX_STATUSES = ["pending", "failed", "delivered", "dead"] as const;
/**
 * pending: not tried yet; failed: tried, another attempt is scheduled; delivered: the gateway
 * answered 2xx; dead: given up after the last attempt (or its channel was deleted).
 */
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** One in-app notification. `link` is a path inside the web client. */
export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  titleEn: string;
  body: string;
  bodyEn: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationList {
  items: NotificationView[];
  total: number;
  unread: number;
}

/** A webhook channel as admins see it. The signing secret is write-only: never in this shape. */
export interface ChannelView {
  id: string;
  name: string;
  kind: ChannelKind;
  url: string;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** One delivery of a notification to a channel, for operators (the recipient masked). */
export interface OutboxItemView {
  id: string;
  notificationId: string;
  notificationKind: string;
  channelId: string;
  channelName: string;
  channelKind: ChannelKind;
  recipient: string | null;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

export interface OutboxList {
  items: OutboxItemView[];
  total: number;
  counts: Record<OutboxStatus, number>;
}
