import { RightOutlined } from "@ant-design/icons";
import { Empty, Skeleton } from "antd";
import { Link } from "react-router-dom";
import { useDepartmentsByCode } from "../../rights/useDepartmentsByCode";
import type { ItemList, RightsVersion } from "../../shared/api-types";
import { PageHeading } from "../../shared/components/PageHeading";
import { ProblemAlert } from "../../shared/components/ProblemAlert";
import { SubPageTrail } from "../../shared/components/SubPageTrail";
import { useI18n } from "../../shared/I18nProvider";
import { useApi } from "../../shared/useApi";
import { VersionHistory } from "./VersionHistory";

/** /workbench/rights-review: the legal reviewer's queue of proposed lists and the history of versions. */
export function ReviewQueuePage() {
  const { t, dateTime } = useI18n();
  const versions = useApi<ItemList<RightsVersion>>("/api/rights/versions");
  const departments = useDepartmentsByCode();
  const all = versions.data?.items ?? [];
  const queue = all
    .filter((version) => version.status === "proposed")
    .sort((a, b) => a.proposedAt.localeCompare(b.proposedAt));

  return (
    <>
      <SubPageTrail section={t("nav.workbench")} sectionTo="/workbench" page={t("review.title")} />
      <PageHeading title={t("review.title")} intro={t("review.card")} />
      {versions.error ? <ProblemAlert error={versions.error} onRetry={versions.reload} /> : null}
      <section aria-labelledby="queue-title">
        <h2 className="section-title" id="queue-title">
          {t("review.queue")}
        </h2>
        {versions.loading && !versions.data ? <Skeleton active /> : null}
        {versions.data && queue.length === 0 ? <Empty description={t("review.queueEmpty")} /> : null}
        <ul className="review-queue" data-testid="review-queue">
          {queue.map((version) => {
            const department = departments.name(version.departmentCode);
            return (
              <li key={version.id} className="review-queue__item">
                <div className="review-queue__main">
                  <Link
                    to={version.id}
                    className="review-queue__link"
                    aria-label={t("review.open", { department, version: version.version })}
                  >
                    {department} · {t("review.version")} {version.version}
                  </Link>
                  <p className="review-queue__summary">{version.summary}</p>
                  <p className="muted small">
                    {t("review.proposedAt")} {dateTime(version.proposedAt)}
                  </p>
                </div>
                <RightOutlined aria-hidden="true" className="review-queue__arrow" />
              </li>
            );
          })}
        </ul>
      </section>
      <section aria-labelledby="history-title">
        <h2 className="section-title" id="history-title">
          {t("review.history")}
        </h2>
        <VersionHistory versions={all} departmentName={departments.name} loading={versions.loading} />
      </section>
    </>
  );
}
