import { Alert, Button, Card, Form, Input, Rate, Skeleton, Tag } from "antd";
import { useState } from "react";
import { RATING_LEVELS, type RatingPanel } from "../../../shared/services/ratings.js";
import { type ApiError, api } from "../shared/api";
import { LEVEL_KEYS, LEVEL_TAGS } from "../shared/charts/format";
import "../shared/charts/figures.css";
import { ProblemAlert } from "../shared/components/ProblemAlert";
import { useI18n } from "../shared/I18nProvider";
import { useApi } from "../shared/useApi";

/** Working days a department has to rectify a bad rating (the server's RECTIFICATION_LIMIT_DAYS). */
const RECTIFICATION_DAYS = 15;

/**
 * 好差评 on an application's detail page, for its applicant: the rating form once the application is
 * concluded (1–5 with an optional comment, once), then the rating given and, for a bad one, how the
 * department rectified it. Drop it in with the application's id; it loads and saves on its own.
 */
export function ApplicationRating({
  applicationId,
  onRated,
}: {
  applicationId: string;
  onRated?: () => void;
}) {
  const { t, dateTime, pick } = useI18n();
  const panel = useApi<RatingPanel>(`/api/applications/${applicationId}/rating`);
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const data = panel.data;

  if (panel.error) {
    return <ProblemAlert error={panel.error} onRetry={panel.reload} />;
  }
  if (!data) {
    return <Skeleton active paragraph={{ rows: 2 }} />;
  }
  if (data.blocked === "not-concluded") {
    return null;
  }
  const rating = data.rating;
  const r = data.rectification;
  return (
    <Card
      className="figures-card"
      data-testid="application-rating"
      title={<h2 className="card-heading">{rating ? t("rating.yours") : t("rating.title")}</h2>}
    >
      {data.rateable ? (
        <Form
          layout="vertical"
          onFinish={(values: { score: number; comment?: string }) => {
            setBusy(true);
            setError(undefined);
            api(`/api/applications/${applicationId}/rating`, {
              method: "POST",
              body: {
                score: values.score,
                ...(values.comment?.trim() ? { comment: values.comment.trim() } : {}),
              },
            })
              .then(() => {
                panel.reload();
                onRated?.();
              })
              .catch((e: ApiError) => setError(e))
              .finally(() => setBusy(false));
          }}
        >
          <p className="muted">{t("rating.intro", { days: RECTIFICATION_DAYS })}</p>
          {data.rateUntil ? (
            <p className="muted small">{t("rating.until", { date: dateTime(data.rateUntil) })}</p>
          ) : null}
          {error ? <ProblemAlert error={error} /> : null}
          <Form.Item
            name="score"
            label={t("rating.score")}
            rules={[{ required: true, message: t("rating.chooseScore") }]}
          >
            <Rate tooltips={LEVEL_KEYS.map((k) => t(k))} aria-label={t("rating.score")} />
          </Form.Item>
          <Form.Item name="comment" label={t("rating.comment")} extra={t("rating.commentHint")}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="rating-submit">
            {t("rating.submit")}
          </Button>
        </Form>
      ) : null}
      {rating ? (
        <>
          <p>
            <Tag color={LEVEL_TAGS[rating.score - 1]}>
              {pick(RATING_LEVELS[rating.score as 1 | 2 | 3 | 4 | 5].zh, rating.level.en)}
            </Tag>
            <span className="muted small">{dateTime(rating.ratedAt)}</span>
          </p>
          {rating.comment ? <p>{rating.comment}</p> : null}
        </>
      ) : null}
      {data.blocked === "expired" && !rating ? (
        <Alert type="info" showIcon title={t("rating.expired")} />
      ) : null}
      {r ? (
        <section aria-label={t("rating.rectification")}>
          <h3 className="card-heading">{t("rating.rectification")}</h3>
          <p>
            <Tag color={r.status === "closed" ? "green" : r.status === "replied" ? "gold" : "red"}>
              {t(`perf.rectification.${r.status}`)}
            </Tag>
            {r.dueOn && r.status === "open" ? t("rating.rectificationDue", { date: r.dueOn }) : null}
          </p>
          {r.reply ? (
            <p>
              <strong>{t("rating.reply")}</strong>
              {r.reply} <span className="muted small">{dateTime(r.repliedAt)}</span>
            </p>
          ) : null}
          {r.finding ? <p>{t(`rating.finding.${r.finding}`)}</p> : null}
        </section>
      ) : null}
    </Card>
  );
}
