import { BellOutlined } from "@ant-design/icons";
import { App, Badge, Button, Drawer, Empty, Grid, Popover, Spin } from "antd";
import { useEffect, useState } from "react";
import { useNavigate } from "react-router-dom";
import { ApiError, api, withQuery } from "../api";
import type { NotificationList, NotificationView } from "../api-types";
import { problemText } from "../components/ProblemAlert";
import { useI18n } from "../I18nProvider";
import { useApi } from "../useApi";

const SHOWN = 10;
/** How often the unread count is refreshed while the page is visible. */
const REFRESH_MS = 60_000;

/**
 * The header's bell: the unread count as a badge, opening the latest notifications in a popover
 * (a drawer on phones, where a popover anchored to the bell would not fit).
 */
export function NotificationBell() {
  const { t } = useI18n();
  const phone = Grid.useBreakpoint().sm === false;
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const list = useApi<NotificationList>(withQuery("/api/notifications", { limit: SHOWN }));
  const { reload } = list;

  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") {
        reload();
      }
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  const unread = list.data?.unread ?? 0;

  const call = async (path: string) => {
    try {
      await api(path, { method: "POST" });
    } catch (cause) {
      if (cause instanceof ApiError) {
        void message.error(problemText(cause, t("app.networkError")));
        return false;
      }
      throw cause;
    }
    reload();
    return true;
  };

  const openItem = async (item: NotificationView) => {
    if (!item.readAt && !(await call(`/api/notifications/${encodeURIComponent(item.id)}/read`))) {
      return;
    }
    if (item.link) {
      setOpen(false);
      navigate(item.link);
    }
  };

  const readAll = (
    <Button
      type="link"
      size="small"
      disabled={unread === 0}
      onClick={() => void call("/api/notifications/read-all")}
      data-testid="notifications-read-all"
    >
      {t("notifications.markAllRead")}
    </Button>
  );

  const panel = (
    <div className="notification-panel" data-testid="notification-panel">
      {phone ? null : (
        <div className="notification-panel__head">
          <h2 className="notification-panel__title">{t("notifications.title")}</h2>
          {readAll}
        </div>
      )}
      {list.error && !list.data ? (
        <p className="notification-panel__empty">{problemText(list.error, t("app.networkError"))}</p>
      ) : !list.data ? (
        <div className="notification-panel__empty">
          <Spin size="small" />
        </div>
      ) : list.data.items.length === 0 ? (
        <Empty
          className="notification-panel__empty"
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t("notifications.empty")}
        />
      ) : (
        <ul className="notification-list">
          {list.data.items.map((item) => (
            <NotificationItem key={item.id} item={item} onOpen={() => void openItem(item)} />
          ))}
        </ul>
      )}
      {list.data && list.data.total > list.data.items.length ? (
        <p className="notification-panel__more muted small">
          {t("notifications.more", { shown: list.data.items.length, total: list.data.total })}
        </p>
      ) : null}
    </div>
  );

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (next) {
      reload();
    }
  };

  const bell = (
    <Button
      type="text"
      className="header-button notification-bell"
      aria-label={unread > 0 ? t("notifications.bellUnread", { count: unread }) : t("notifications.bell")}
      aria-haspopup="dialog"
      aria-expanded={open}
      onClick={phone ? () => onOpenChange(true) : undefined}
      data-testid="notification-bell"
    >
      <Badge count={unread} size="small" overflowCount={99} offset={[2, -2]}>
        <BellOutlined aria-hidden="true" className="notification-bell__icon" />
      </Badge>
    </Button>
  );

  if (phone) {
    return (
      <>
        {bell}
        <Drawer
          placement="right"
          size="100%"
          open={open}
          onClose={() => onOpenChange(false)}
          title={t("notifications.title")}
          extra={readAll}
          styles={{ body: { padding: 0 } }}
        >
          {panel}
        </Drawer>
      </>
    );
  }
  return (
    <Popover
      content={panel}
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={onOpenChange}
      styles={{ container: { padding: 0 } }}
    >
      {bell}
    </Popover>
  );
}

function NotificationItem({ item, onOpen }: { item: NotificationView; onOpen: () => void }) {
  const { t, pick, dateTime } = useI18n();
  const unread = item.readAt === null;
  return (
    <li className={unread ? "notification-item notification-item--unread" : "notification-item"}>
      <button type="button" className="notification-item__button" onClick={onOpen}>
        <span className="notification-item__title">
          {unread ? <span className="notification-item__dot" title={t("notifications.unread")} /> : null}
          {unread ? <span className="visually-hidden">{t("notifications.unread")}：</span> : null}
          {pick(item.title, item.titleEn)}
        </span>
        <span className="notification-item__body">{pick(item.body, item.bodyEn)}</span>
        <span className="notification-item__time muted small">{dateTime(item.createdAt)}</span>
      </button>
    </li>
  );
}
