import { type Static, Type } from "typebox";
import {
  CHANNEL_KINDS,
  type ChannelView,
  type NotificationView,
  OUTBOX_STATUSES,
  type OutboxItemView,
} from "../../../shared/notifications/notifications.js";
import { Nullable } from "../../platform/http/schema.js";

/** The notifications' answers as the API sends them; the types in shared/notifications must match. */

const DateTime = Type.String({ format: "date-time" });
const strict = { additionalProperties: false } as const;

export const NotificationSchema = Type.Object(
  {
    id: Type.String(),
    kind: Type.String({ description: 'Dotted kind of event, e.g. "application.approved"' }),
    title: Type.String(),
    titleEn: Type.String(),
    body: Type.String(),
    bodyEn: Type.String(),
    link: Nullable(Type.String({ description: "A path inside the web client" })),
    createdAt: DateTime,
    readAt: Nullable(DateTime),
  },
  strict,
);

export const NotificationListSchema = Type.Object(
  {
    items: Type.Array(NotificationSchema),
    total: Type.Integer(),
    unread: Type.Integer({ description: "Unread notifications of the account, whatever the filter" }),
  },
  strict,
);

export const ChannelKindSchema = Type.Enum(CHANNEL_KINDS);
export const OutboxStatusSchema = Type.Enum(OUTBOX_STATUSES);

export const ChannelSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    kind: ChannelKindSchema,
    url: Type.String(),
    enabled: Type.Boolean(),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  { ...strict, description: "A webhook channel; its signing secret is write-only and never returned" },
);

export const OutboxItemSchema = Type.Object(
  {
    id: Type.String({ description: "The delivery id, sent as X-Yimen-Delivery" }),
    notificationId: Type.String(),
    notificationKind: Type.String(),
    channelId: Type.String(),
    channelName: Type.String(),
    channelKind: ChannelKindSchema,
    recipient: Nullable(Type.String({ description: "Masked e-mail address or mobile number" })),
    status: OutboxStatusSchema,
    attempts: Type.Integer(),
    nextAttemptAt: Nullable(DateTime),
    lastError: Nullable(Type.String()),
    deliveredAt: Nullable(DateTime),
    createdAt: DateTime,
  },
  strict,
);

export const OutboxListSchema = Type.Object(
  {
    items: Type.Array(OutboxItemSchema),
    total: Type.Integer(),
    counts: Type.Object(
      {
        pending: Type.Integer(),
        failed: Type.Integer(),
        delivered: Type.Integer(),
        dead: Type.Integer(),
      },
      strict,
    ),
  },
  strict,
);

// The schemas and the shared types describe the same shapes: the compiler checks both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agree: [
  Same<Static<typeof NotificationSchema>, NotificationView>,
  Same<Static<typeof ChannelSchema>, ChannelView>,
  Same<Static<typeof OutboxItemSchema>, OutboxItemView>,
] = [true, true, true];
void agree;
