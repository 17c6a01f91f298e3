import { ReloadOutlined } from "@ant-design/icons";
import { Button, Card, Empty, Skeleton } from "antd";
import type { ReactNode } from "react";
import { useI18n } from "../I18nProvider";
import type { ApiState } from "../useApi";
import { ProblemAlert } from "./ProblemAlert";

/**
 * A list page's body through its states: the failure with a retry, a skeleton while the first answer
 * loads, an empty card, else the list.
 */
export function ListStates<T>({
  state,
  isEmpty,
  empty,
  children,
}: {
  state: ApiState<T>;
  isEmpty: (data: T) => boolean;
  empty: string;
  children: (data: T) => ReactNode;
}) {
  const { t } = useI18n();
  if (state.error) {
    return <ProblemAlert error={state.error} onRetry={state.reload} />;
  }
  if (state.data === undefined) {
    return (
      <div role="status" aria-live="polite">
        <span className="visually-hidden">{t("app.loading")}</span>
        <Skeleton active paragraph={{ rows: 3 }} />
      </div>
    );
  }
  if (isEmpty(state.data)) {
    return (
      <Card>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
      </Card>
    );
  }
  return <>{children(state.data)}</>;
}

/** Reloads a list, spinning while a newer answer loads over the one shown. */
export function RefreshButton<T>({ state }: { state: ApiState<T> }) {
  const { t } = useI18n();
  return (
    <Button
      icon={<ReloadOutlined aria-hidden="true" />}
      onClick={state.reload}
      loading={state.loading && state.data !== undefined}
    >
      {t("ledgerPage.refresh")}
    </Button>
  );
}
