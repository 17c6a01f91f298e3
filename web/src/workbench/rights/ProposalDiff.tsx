import { Alert, Empty, Skeleton } from "antd";
import { changedFields, PowerCard } from "../../rights/PowerCard";
import type { RightsDiff } from "../../shared/api-types";
import { ProblemAlert } from "../../shared/components/ProblemAlert";
import { useI18n } from "../../shared/I18nProvider";
import { useApi } from "../../shared/useApi";

/** What a proposal adds, removes and changes against the list in force; changed fields are marked. */
export function ProposalDiff({ id }: { id: string }) {
  const { t } = useI18n();
  const diff = useApi<RightsDiff>(`/api/rights/proposals/${encodeURIComponent(id)}/diff`);
  if (diff.error) {
    return <ProblemAlert error={diff.error} onRetry={diff.reload} />;
  }
  if (!diff.data) {
    return <Skeleton active />;
  }
  const { against, added, removed, changed } = diff.data;
  const none = added.length + removed.length + changed.length === 0;
  return (
    <div className="proposal-diff" data-testid="proposal-diff">
      <p className="muted">
        {against ? t("review.against", { version: against.version }) : t("review.againstNone")}
      </p>
      {none ? <Empty description={t("review.noChanges")} /> : null}
      {removed.length > 0 ? (
        <section aria-labelledby="diff-removed" data-testid="diff-removed">
          <h3 className="diff-heading diff-heading--removed" id="diff-removed">
            {t("review.removed", { count: removed.length })}
          </h3>
          <div className="power-grid">
            {removed.map((power) => (
              <div key={power.code} className="power-card--removed-wrap">
                <PowerCard power={power} headingLevel={4} />
              </div>
            ))}
          </div>
        </section>
      ) : null}
      {added.length > 0 ? (
        <section aria-labelledby="diff-added" data-testid="diff-added">
          <h3 className="diff-heading diff-heading--added" id="diff-added">
            {t("review.added", { count: added.length })}
          </h3>
          <div className="power-grid">
            {added.map((power) => (
              <div key={power.code} className="power-card--added-wrap">
                <PowerCard power={power} headingLevel={4} />
              </div>
            ))}
          </div>
        </section>
      ) : null}
      {changed.length > 0 ? (
        <section aria-labelledby="diff-changed" data-testid="diff-changed">
          <h3 className="diff-heading diff-heading--changed" id="diff-changed">
            {t("review.changed", { count: changed.length })}
          </h3>
          {changed.map(({ code, before, after }) => {
            const fields = changedFields(before, after);
            return (
              <div key={code} className="diff-pair">
                <div>
                  <p className="diff-pair__label">{t("review.before")}</p>
                  <PowerCard power={before} headingLevel={4} />
                </div>
                <div>
                  <p className="diff-pair__label">{t("review.after")}</p>
                  <PowerCard power={after} highlight={fields} headingLevel={4} />
                </div>
              </div>
            );
          })}
        </section>
      ) : null}
      {removed.some((power) => power.grants.length > 0) ? (
        <Alert type="warning" showIcon title={t("review.removedGrantsWarning")} className="diff-warning" />
      ) : null}
    </div>
  );
}
