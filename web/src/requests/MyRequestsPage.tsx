import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, Empty, Skeleton } from "antd";
import type { ReactNode } from "react";
import { Link, useNavigate } from "react-router-dom";
import type { RequestListItem } from "../../../shared/requests/types";
import type { Page } from "../shared/api-types";
import { PageHeading } from "../shared/components/PageHeading";
import { ProblemAlert } from "../shared/components/ProblemAlert";
import { SubPageTrail } from "../shared/components/SubPageTrail";
import { useI18n } from "../shared/I18nProvider";
import { useApi } from "../shared/useApi";
import { DueTag, StatusTag } from "./labels";
import "./requests.css";

/** 我的诉求: the citizen's requests with their status, department and deadline. */
export function MyRequestsPage() {
  const { t, pick, dateTime } = useI18n();
  const navigate = useNavigate();
  const list = useApi<Page<RequestListItem>>("/api/requests/mine?limit=100");

  let body: ReactNode;
  if (list.error) {
    body = <ProblemAlert error={list.error} onRetry={list.reload} />;
  } else if (!list.data) {
    body = <Skeleton active paragraph={{ rows: 4 }} />;
  } else if (list.data.items.length === 0) {
    body = (
      <Card>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("requests.none")} />
      </Card>
    );
  } else {
    body = (
      <ul className="request-list" data-testid="my-requests">
        {list.data.items.map((r) => (
          <li key={r.id}>
            <Card className="request-card">
              <div className="request-card__head">
                <h2 className="request-card__title">
                  <Link to={`/portal/requests/${r.id}`}>{r.title ?? r.number}</Link>
                </h2>
                <StatusTag status={r.status} />
              </div>
              <p className="request-card__text">{r.description}</p>
              <div className="request-card__meta">
                <span>
                  {t("requests.number")} <span className="code">{r.number}</span>
                </span>
                <span>{dateTime(r.createdAt)}</span>
                <span>
                  {r.department ? pick(r.department.name, r.department.nameEn) : t("requests.noDepartment")}
                </span>
                {r.status !== "closed" && r.resolveDue ? (
                  <span>
                    {t("requests.resolveDue")} <DueTag request={r} />
                  </span>
                ) : null}
              </div>
            </Card>
          </li>
        ))}
      </ul>
    );
  }

  return (
    <>
      <SubPageTrail section={t("portal.title")} sectionTo="/portal" page={t("requests.title")} />
      <PageHeading
        title={t("requests.title")}
        intro={t("requests.myIntro")}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => navigate("/portal/requests/new")}
            data-testid="new-request"
          >
            {t("requests.new")}
          </Button>
        }
      />
      {body}
    </>
  );
}
