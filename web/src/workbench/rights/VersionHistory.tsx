import { Table } from "antd";
import type { RightsVersion } from "../../shared/api-types";
import { useI18n } from "../../shared/I18nProvider";
import { VersionStatusTag } from "./VersionStatusTag";

/** Every version of the lists shown, newest first, with its review. */
export function VersionHistory({
  versions,
  departmentName,
  loading,
}: {
  versions: RightsVersion[];
  departmentName: (code: string) => string;
  loading: boolean;
}) {
  const { t, dateTime } = useI18n();
  const sorted = [...versions].sort((a, b) => b.proposedAt.localeCompare(a.proposedAt));
  return (
    <Table<RightsVersion>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={sorted}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      scroll={{ x: 760 }}
      data-testid="version-history"
      columns={[
        {
          title: t("review.department"),
          key: "department",
          render: (_, v) => departmentName(v.departmentCode),
        },
        { title: t("review.version"), dataIndex: "version", width: 72 },
        {
          title: t("review.status"),
          key: "status",
          width: 100,
          render: (_, v) => <VersionStatusTag status={v.status} />,
        },
        { title: t("review.summary"), dataIndex: "summary" },
        {
          title: t("review.proposedAt"),
          key: "proposedAt",
          render: (_, v) => (
            <>
              <div>{dateTime(v.proposedAt)}</div>
              {v.proposedByName ? <div className="muted small">{v.proposedByName}</div> : null}
            </>
          ),
        },
        {
          title: t("review.reason"),
          key: "reason",
          render: (_, v) =>
            v.reviewReason ? (
              <>
                <div>{v.reviewReason}</div>
                <div className="muted small">
                  {t("review.reviewedAt")} {dateTime(v.reviewedAt)}
                  {v.reviewedByName ? ` · ${v.reviewedByName}` : ""}
                  {v.status === "approved" && v.effectiveFrom
                    ? ` · ${t("review.effectiveFrom")} ${dateTime(v.effectiveFrom)}`
                    : ""}
                </div>
              </>
            ) : (
              <span className="muted">—</span>
            ),
        },
      ]}
    />
  );
}
