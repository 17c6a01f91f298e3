import type { ColumnType, Generated } from "kysely";
import type {
  ChannelKind,
  NotificationView,
  OutboxStatus,
} from "../../../shared/notifications/notifications.js";

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** What a delivery carries: the recipient's address and the notification, fixed when it was written. */
export interface OutboxPayload {
  /** E-mail address or mobile number; masked once the delivery is settled (delivered or dead). */
  to: string;
  notification: Omit<NotificationView, "readAt">;
}

export interface NotificationTables {
  notifications: {
    id: Generated<string>;
    account_id: string;
    kind: string;
    title: string;
    title_en: string;
    body: string;
    body_en: string;
    link: string | null;
    created_at: CreatedAt;
    read_at: NullableTimestamp;
  };
  notification_channels: {
    id: Generated<string>;
    name: string;
    kind: ChannelKind;
    url: string;
    secret: string;
    enabled: Generated<boolean>;
    created_by: string | null;
    created_at: CreatedAt;
    updated_by: string | null;
    updated_at: Timestamp;
    deleted_at: NullableTimestamp;
  };
  notification_outbox: {
    id: Generated<string>;
    notification_id: string;
    channel_id: string;
    payload: ColumnType<OutboxPayload, string, string>;
    status: ColumnType<OutboxStatus, OutboxStatus | undefined, OutboxStatus>;
    attempts: Generated<number>;
    next_attempt_at: Timestamp;
    last_error: string | null;
    delivered_at: NullableTimestamp;
    created_at: CreatedAt;
  };
}
