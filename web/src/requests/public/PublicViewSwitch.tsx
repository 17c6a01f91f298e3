import { App, Switch } from "antd";
import { useState } from "react";
import { ApiError, api } from "../../shared/api";
import { problemText } from "../../shared/components/ProblemAlert";
import { useI18n } from "../../shared/I18nProvider";

/** The requester's own choice: show the request, redacted, in 诉求公开, or withdraw it. */
export function PublicViewSwitch({
  requestId,
  value,
  onDone,
}: {
  requestId: string;
  value: boolean;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const change = async (publicView: boolean) => {
    setBusy(true);
    try {
      await api(`/api/requests/${encodeURIComponent(requestId)}/public-view`, {
        method: "PUT",
        body: { publicView },
      });
      message.success(t(publicView ? "publicRequests.shown" : "publicRequests.withdrawn"));
      onDone();
    } catch (cause) {
      if (!(cause instanceof ApiError)) {
        throw cause;
      }
      message.error(problemText(cause, t("app.networkError")));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="public-view-switch">
      <Switch
        checked={value}
        loading={busy}
        onChange={(checked) => void change(checked)}
        aria-label={t("requests.field.publicView")}
        data-testid="public-view-switch"
      />{" "}
      <span className="muted small">{t(value ? "publicRequests.isShown" : "publicRequests.isHidden")}</span>
    </span>
  );
}
