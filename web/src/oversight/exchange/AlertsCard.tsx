import { ScanOutlined } from "@ant-design/icons";
import { App, Button, Card, Empty, Form, Input, Modal, Segmented, Skeleton, Tag } from "antd";
import { useState } from "react";
import { Link } from "react-router-dom";
import { ApiError, api, withQuery } from "../../shared/api";
import type { ExchangeAlert, ItemList } from "../../shared/api-types";
import { ProblemAlert, problemText, problemTitle } from "../../shared/components/ProblemAlert";
import { ALERT_KIND_KEY, formatDay } from "../../shared/exchange/labels";
import { showProblemOnField } from "../../shared/formErrors";
import { useI18n } from "../../shared/I18nProvider";
import type { MessageKey } from "../../shared/i18n";
import { useApi } from "../../shared/useApi";

type StatusFilter = "open" | "reviewed" | "all";

// The figures the scan writes into an alert's detail, in the reader's words.
const DETAIL_KEY: Record<string, MessageKey> = {
  persons: "supervision.detail.persons",
  usualPerDay: "supervision.detail.usualPerDay",
  historyDays: "supervision.detail.historyDays",
  calls: "supervision.detail.calls",
};

function ReviewAlertModal({
  alert,
  onClose,
  onDone,
}: {
  alert: ExchangeAlert;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ finding: string }>();
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<ApiError>();
  const onFinish = async ({ finding }: { finding: string }) => {
    setSubmitting(true);
    setFailure(undefined);
    try {
      await api(`/api/exchange/alerts/${encodeURIComponent(alert.id)}/review`, {
        method: "POST",
        body: { finding: finding.trim() },
      });
      message.success(t("supervision.reviewed"));
      onDone();
    } catch (error) {
      if (!(error instanceof ApiError)) {
        throw error;
      }
      if (!showProblemOnField(form, error, ["finding"])) {
        setFailure(error);
      }
    } finally {
      setSubmitting(false);
    }
  };
  return (
    <Modal
      open
      title={t("supervision.reviewTitle")}
      okText={t("supervision.markReviewed")}
      cancelText={t("app.cancel")}
      onOk={() => form.submit()}
      confirmLoading={submitting}
      onCancel={onClose}
      destroyOnHidden
    >
      <p className="muted">
        {t(ALERT_KIND_KEY[alert.kind].name)} · {alert.account} · {alert.day}
      </p>
      <Form form={form} name="alert-review" layout="vertical" onFinish={(values) => void onFinish(values)}>
        <Form.Item
          name="finding"
          label={t("supervision.finding")}
          extra={t("supervision.findingHint")}
          rules={[{ required: true, whitespace: true, message: t("supervision.findingRequired") }]}
        >
          <Input.TextArea rows={4} maxLength={1000} showCount />
        </Form.Item>
        {failure ? <ProblemAlert error={failure} /> : null}
      </Form>
    </Modal>
  );
}

function AlertItem({ alert, onReview }: { alert: ExchangeAlert; onReview: () => void }) {
  const { t, locale, dateTime } = useI18n();
  const kind = ALERT_KIND_KEY[alert.kind];
  const headingId = `alert-${alert.id}`;
  const figures = Object.entries(alert.detail).filter(
    ([, v]) => typeof v === "number" || typeof v === "string",
  );
  // The entries behind the alert themselves; the day's gateway reads when there are none listed.
  const ledgerLink =
    alert.ledgerSeqs.length > 0
      ? withQuery("/oversight/ledger", { seqs: alert.ledgerSeqs.join(",") })
      : withQuery("/oversight/ledger", {
          action: "exchange.query",
          from: `${alert.day}T00:00`,
          to: `${alert.day}T23:59`,
        });
  return (
    <li>
      <article
        className={alert.status === "open" ? "use-card alert-card alert-card--open" : "use-card alert-card"}
        aria-labelledby={headingId}
        data-testid="alert-card"
      >
        <div className="use-card__head">
          <h3 className="use-card__title" id={headingId}>
            {t(kind.name)}
          </h3>
          <Tag className={`x-tag ${alert.status === "open" ? "x-tag--warn" : "x-tag--ok"}`}>
            {t(alert.status === "open" ? "supervision.statusOpen" : "supervision.statusReviewed")}
          </Tag>
          <span className="use-card__time">{formatDay(alert.day, locale)}</span>
        </div>
        <p className="alert-card__explain">{t(kind.explain)}</p>
        <dl className="use-card__facts">
          <div>
            <dt>{t("supervision.account")}</dt>
            <dd className="strong">{alert.account}</dd>
          </div>
          <div>
            <dt>{t("supervision.figures")}</dt>
            <dd>
              {figures.map(([key, value]) => (
                <span key={key} className="use-card__line">
                  {DETAIL_KEY[key] ? t(DETAIL_KEY[key], { n: String(value) }) : `${key}: ${String(value)}`}
                </span>
              ))}
            </dd>
          </div>
          <div>
            <dt>{t("supervision.entries")}</dt>
            <dd>
              <span className="code small alert-card__seqs">{alert.ledgerSeqs.join(", ")}</span>
              <Link to={ledgerLink} className="use-card__meta">
                {t("supervision.openLedger")}
              </Link>
            </dd>
          </div>
        </dl>
        {alert.status === "reviewed" ? (
          <p className="alert-card__finding">
            <span className="muted">{t("supervision.finding")}：</span>
            <span lang="zh-CN">{alert.finding}</span>
            <span className="use-card__meta">
              {alert.reviewedBy ? `${alert.reviewedBy} · ` : null}
              {dateTime(alert.reviewedAt)}
            </span>
          </p>
        ) : (
          <div className="use-card__foot">
            <Button type="primary" onClick={onReview} aria-describedby={headingId}>
              {t("supervision.markReviewed")}
            </Button>
          </div>
        )}
      </article>
    </li>
  );
}

/** Anomaly alerts with the scan that raises them and the auditor's review. */
export function AlertsCard() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [status, setStatus] = useState<StatusFilter>("open");
  const alerts = useApi<ItemList<ExchangeAlert>>(
    withQuery("/api/exchange/alerts", { status: status === "all" ? undefined : status }),
  );
  const [scanning, setScanning] = useState(false);
  const [reviewing, setReviewing] = useState<ExchangeAlert | null>(null);

  const scan = async () => {
    setScanning(true);
    try {
      const result = await api<{ raised: number }>("/api/exchange/alerts/scan", { method: "POST", body: {} });
      message.success(t("supervision.scanned", { n: result.raised }));
      alerts.reload();
    } catch (error) {
      if (!(error instanceof ApiError)) {
        throw error;
      }
      message.error(`${problemTitle(error, t)}: ${problemText(error, t("app.networkError"))}`);
    } finally {
      setScanning(false);
    }
  };

  const items = alerts.data?.items ?? [];
  return (
    <Card
      className="ledger-card"
      title={<h2 className="card-heading">{t("supervision.alertsTitle")}</h2>}
      extra={
        <Button icon={<ScanOutlined aria-hidden="true" />} loading={scanning} onClick={() => void scan()}>
          {t("supervision.scan")}
        </Button>
      }
    >
      <p className="muted small ledger-card__lead">{t("supervision.alertsLead")}</p>
      <Segmented<StatusFilter>
        aria-label={t("supervision.alertStatus")}
        value={status}
        onChange={setStatus}
        className="block-gap"
        options={[
          { value: "open", label: t("supervision.statusOpen") },
          { value: "reviewed", label: t("supervision.statusReviewed") },
          { value: "all", label: t("supervision.statusAll") },
        ]}
      />
      {alerts.error ? <ProblemAlert error={alerts.error} onRetry={alerts.reload} /> : null}
      {!alerts.data && !alerts.error ? <Skeleton active paragraph={{ rows: 3 }} /> : null}
      {alerts.data && items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("supervision.alertsNone")} />
      ) : null}
      {items.length > 0 ? (
        <ul className="use-list" aria-label={t("supervision.alertsTitle")} data-testid="alert-list">
          {items.map((alert) => (
            <AlertItem key={alert.id} alert={alert} onReview={() => setReviewing(alert)} />
          ))}
        </ul>
      ) : null}
      {reviewing ? (
        <ReviewAlertModal
          alert={reviewing}
          onClose={() => setReviewing(null)}
          onDone={() => {
            setReviewing(null);
            alerts.reload();
          }}
        />
      ) : null}
    </Card>
  );
}
