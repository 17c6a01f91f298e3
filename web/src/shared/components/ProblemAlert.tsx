import { Alert, Button } from "antd";
import type { ApiError } from "../api";
import { useI18n } from "../I18nProvider";

/** Shows a failed API call: the problem's detail (or title) and its request id, with an optional retry. */
export function ProblemAlert({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t } = useI18n();
  const { problem } = error;
  const detail = error.isNetworkError ? t("app.networkError") : (problem.detail ?? problem.title);
  const title = error.isNetworkError || !problem.detail ? t("app.errorTitle") : problem.title;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title}
      description={
        <>
          <div>{detail}</div>
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

/** The one-line text of a failed call, for toasts. */
export function problemText(error: ApiError, networkMessage: string): string {
  return error.isNetworkError ? networkMessage : (error.problem.detail ?? error.problem.title);
}
