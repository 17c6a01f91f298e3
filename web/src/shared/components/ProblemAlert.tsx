import { Alert, Button } from "antd";
import type { ApiError } from "../api";
import { type I18n, useI18n } from "../I18nProvider";

/** A short localised headline for a failed call (the server's detail goes beneath it). */
export function problemTitle(error: ApiError, t: I18n["t"]): string {
  if (error.isNetworkError) {
    return t("app.errorTitle");
  }
  const code = error.code;
  return code ? t(`problem.${code}`) : error.problem.title || t("app.errorTitle");
}

/** The one-line text of a failed call, for toasts and inline errors: the detail, else the title. */
export function problemText(error: ApiError, networkMessage: string): string {
  return error.isNetworkError ? networkMessage : (error.problem.detail ?? error.problem.title);
}

/** Shows a failed API call: a localised headline, the problem's detail and its request id, with an optional retry. */
export function ProblemAlert({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t } = useI18n();
  const { problem } = error;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={problemTitle(error, t)}
      description={
        <>
          <div>{problemText(error, t("app.networkError"))}</div>
          {problem.requestId ? (
            <div className="muted small">{t("app.requestId", { id: problem.requestId })}</div>
          ) : null}
        </>
      }
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t("app.retry")}
          </Button>
        ) : undefined
      }
    />
  );
}
