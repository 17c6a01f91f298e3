import { Tag } from "antd";
import type {
  DueStatus,
  RequestCategory,
  RequestStatus,
  RequestSummary,
} from "../../../shared/requests/types";
import type { ItemList } from "../shared/api-types";
import { useI18n } from "../shared/I18nProvider";
import type { MessageKey } from "../shared/i18n";
import { useApi } from "../shared/useApi";

// The exchange's AA-contrast tag styles (shared/styles.css, x-tag--*).
const STATUS_TONE: Record<RequestStatus, string> = {
  pending: "warn",
  dispatched: "waiting",
  in_progress: "waiting",
  replied: "masked",
  closed: "ok",
};

export function StatusTag({ status }: { status: RequestStatus }) {
  const { t } = useI18n();
  return (
    <Tag className={`x-tag x-tag--${STATUS_TONE[status]}`} data-testid="request-status">
      {t(`requests.status.${status}` as MessageKey)}
    </Tag>
  );
}

const DUE_TONE: Record<DueStatus, string> = { "on-time": "off", near: "warn", overdue: "bad" };

/** The resolve-by date with its on-time / due-soon / overdue mark. */
export function DueTag({
  request,
}: {
  request: Pick<RequestSummary, "resolveDue" | "dueStatus" | "resolveDueEstimated">;
}) {
  const { t } = useI18n();
  if (!request.resolveDue) {
    return <span className="muted">—</span>;
  }
  return (
    <span className="request-due">
      <span>
        {request.resolveDue}
        {request.resolveDueEstimated ? t("requests.due.estimated") : ""}
      </span>
      {request.dueStatus ? (
        <Tag className={`x-tag x-tag--${DUE_TONE[request.dueStatus]}`}>
          {t(`requests.due.${request.dueStatus}` as MessageKey)}
        </Tag>
      ) : null}
    </span>
  );
}

/** The category tree, for forms. */
export function useCategories() {
  return useApi<ItemList<RequestCategory>>("/api/requests/categories");
}

export interface CascaderOption {
  value: string;
  label: string;
  children?: CascaderOption[];
}

/** First and second levels as Cascader options, in the reader's language. */
export function categoryOptions(
  items: RequestCategory[],
  pick: (zh: string, en: string) => string,
): CascaderOption[] {
  const top = items.filter((c) => c.level === 1);
  return top.map((c) => ({
    value: c.code,
    label: pick(c.name, c.nameEn),
    children: items
      .filter((child) => child.parent === c.code && child.level === 2)
      .map((child) => ({ value: child.code, label: pick(child.name, child.nameEn) })),
  }));
}

/** The path of codes to a category (for a Cascader's value). */
export function categoryPath(items: RequestCategory[], code: string | undefined): string[] | undefined {
  if (!code) {
    return undefined;
  }
  const path: string[] = [];
  let current = items.find((c) => c.code === code);
  while (current) {
    path.unshift(current.code);
    const parent = current.parent;
    current = parent ? items.find((c) => c.code === parent) : undefined;
  }
  return path;
}
