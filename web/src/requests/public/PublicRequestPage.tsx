import { ArrowLeftOutlined } from "@ant-design/icons";
import { Alert, Card, Descriptions, Result, Skeleton } from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import type { PublicRequest } from "../../../../shared/requests/public";
import { PageHeading } from "../../shared/components/PageHeading";
import { ProblemAlert } from "../../shared/components/ProblemAlert";
import { useI18n } from "../../shared/I18nProvider";
import { PublicShell } from "../../shared/layout/PublicShell";
import { useApi } from "../../shared/useApi";
import { StatusTag } from "../labels";
import { type MapView, PublicRequestsMap } from "./PublicRequestsMap";
import { categoryLabel, placeOf } from "./PublicRequestsPage";
import "../requests.css";
import "./public.css";

/** /requests/public/:id — one published request: its text and reply with personal data removed, and where, roughly. */
export function PublicRequestPage() {
  const { id = "" } = useParams();
  const { t, pick, dateTime, locale } = useI18n();
  const state = useApi<PublicRequest>(`/api/public/requests/${encodeURIComponent(id)}`);
  const item = state.data;
  const [view, setView] = useState<MapView | null>(null);
  const back = (
    <Link to="/requests/public" className="public-requests__back">
      <ArrowLeftOutlined aria-hidden="true" /> {t("publicRequests.back")}
    </Link>
  );

  if (state.error) {
    return (
      <PublicShell>
        {back}
        {state.error.status === 404 || state.error.status === 400 ? (
          <Result status="404" title={t("publicRequests.notFound")} />
        ) : (
          <ProblemAlert error={state.error} onRetry={state.reload} />
        )}
      </PublicShell>
    );
  }
  if (!item) {
    return (
      <PublicShell>
        {back}
        <Skeleton active />
      </PublicShell>
    );
  }
  const location = item.location;
  const mapView = view ?? (location ? { lat: location.lat, lng: location.lng, zoom: 15 } : null);
  const heading =
    item.title ?? (item.category ? pick(item.category.name, item.category.nameEn) : item.number);
  const steps = [
    ["publicRequests.createdAt", item.createdAt],
    ["publicRequests.dispatchedAt", item.dispatchedAt],
    ["publicRequests.repliedAt", item.repliedAt],
    ["publicRequests.closedAt", item.closedAt],
  ] as const;

  return (
    <PublicShell>
      {back}
      <PageHeading title={heading} extra={<StatusTag status={item.status} />} />
      <div className="request-detail" data-testid="public-request-detail">
        <div className="request-detail__main">
          <Card title={t("publicRequests.description")} size="small">
            <p className="request-text">{item.description}</p>
          </Card>
          <Card
            title={t("publicRequests.reply")}
            size="small"
            className={item.reply ? "request-reply" : undefined}
          >
            {item.reply ? (
              <p className="request-text">{item.reply}</p>
            ) : (
              <p className="muted">{t("publicRequests.noReply")}</p>
            )}
          </Card>
          {location && mapView ? (
            <PublicRequestsMap
              items={[item]}
              view={mapView}
              onView={setView}
              height={260}
              selected={null}
              onSelect={() => {}}
            />
          ) : null}
        </div>
        <div className="request-detail__side">
          <Card size="small">
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t("publicRequests.number")}>{item.number}</Descriptions.Item>
              {item.category ? (
                <Descriptions.Item label={t("publicRequests.category")}>
                  {categoryLabel(item.category, locale)}
                </Descriptions.Item>
              ) : null}
              <Descriptions.Item label={t("publicRequests.department")}>
                {item.department
                  ? pick(item.department.name, item.department.nameEn)
                  : t("publicRequests.undispatched")}
              </Descriptions.Item>
              <Descriptions.Item label={t("publicRequests.address")}>
                {placeOf(item) || t("publicRequests.noLocation")}
              </Descriptions.Item>
              {location ? (
                <Descriptions.Item label={t("publicRequests.location")}>
                  {t(`publicRequests.location.${location.kind}`, { metres: location.cellMetres })}
                </Descriptions.Item>
              ) : null}
            </Descriptions>
          </Card>
          <Card title={t("publicRequests.timeline")} size="small">
            <ol className="public-timeline">
              {steps.map(([key, at]) => (
                <li key={key} className={at ? "is-done" : undefined}>
                  <span>{t(key)}</span> <span className="muted">{at ? dateTime(at) : "—"}</span>
                </li>
              ))}
            </ol>
          </Card>
          <Alert
            type="info"
            title={t("publicRequests.privacyTitle")}
            description={t("publicRequests.privacy")}
          />
        </div>
      </div>
    </PublicShell>
  );
}
