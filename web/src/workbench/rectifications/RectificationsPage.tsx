import { App, Button, Card, Empty, Form, Input, Radio, Segmented, Skeleton, Tag } from "antd";
import { useState } from "react";
import type {
  RectificationFinding,
  RectificationList,
  RectificationStatus,
  RectificationView,
} from "../../../../shared/services/ratings.js";
import { type ApiError, api, withQuery } from "../../shared/api";
import { LEVEL_KEYS, LEVEL_TAGS } from "../../shared/charts/format";
import "../../shared/charts/figures.css";
import { PageHeading } from "../../shared/components/PageHeading";
import { ProblemAlert } from "../../shared/components/ProblemAlert";
import { SubPageTrail } from "../../shared/components/SubPageTrail";
import { useI18n } from "../../shared/I18nProvider";
import { useApi } from "../../shared/useApi";

type Filter = RectificationStatus | "all";
const FILTERS: Filter[] = ["open", "replied", "closed", "all"];
const STATUS_COLOUR = { open: "red", replied: "gold", closed: "green" } as const;

function ReplyForm({ item, onDone }: { item: RectificationView; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  return (
    <Form
      layout="vertical"
      initialValues={{ reply: item.reply ?? "" }}
      onFinish={(values: { reply: string }) => {
        setBusy(true);
        api(`/api/workbench/rectifications/${item.id}/reply`, { method: "POST", body: values })
          .then(() => {
            message.success(t("rect.saved"));
            onDone();
          })
          .catch((e: ApiError) => setError(e))
          .finally(() => setBusy(false));
      }}
    >
      {error ? <ProblemAlert error={error} /> : null}
      <Form.Item
        name="reply"
        label={t("rect.reply")}
        rules={[{ required: true, message: t("rect.replyPlaceholder") }]}
      >
        <Input.TextArea rows={3} maxLength={2000} placeholder={t("rect.replyPlaceholder")} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t("rect.replyAction")}
      </Button>
    </Form>
  );
}

function ReviewForm({ item, onDone }: { item: RectificationView; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  return (
    <Form
      layout="vertical"
      initialValues={{ finding: "verified" }}
      onFinish={(values: { finding: RectificationFinding; note: string }) => {
        setBusy(true);
        api(`/api/workbench/rectifications/${item.id}/review`, { method: "POST", body: values })
          .then(() => {
            message.success(t("rect.saved"));
            onDone();
          })
          .catch((e: ApiError) => setError(e))
          .finally(() => setBusy(false));
      }}
    >
      {error ? <ProblemAlert error={error} /> : null}
      <Form.Item name="finding" label={t("rect.finding")}>
        <Radio.Group>
          <Radio value="verified">{t("rect.finding.verified")}</Radio>
          <Radio value="not-verified">{t("rect.finding.not-verified")}</Radio>
        </Radio.Group>
      </Form.Item>
      <Form.Item name="note" label={t("rect.note")} rules={[{ required: true, message: t("rect.note") }]}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t("rect.reviewAction")}
      </Button>
    </Form>
  );
}

function RectificationCard({ item, onChange }: { item: RectificationView; onChange: () => void }) {
  const { t, pick, dateTime } = useI18n();
  const score = item.rating.score;
  return (
    <Card
      className="figures-card"
      data-testid="rectification"
      title={
        <h2 className="card-heading">
          {pick(item.application.service.name, item.application.service.nameEn)}{" "}
          <span className="code muted small">{item.application.number}</span>
        </h2>
      }
      extra={<Tag color={STATUS_COLOUR[item.status]}>{t(`rect.status.${item.status}`)}</Tag>}
    >
      <dl className="power-card__fields">
        <div className="power-card__row">
          <dt>{t("perf.department")}</dt>
          <dd>{pick(item.department.name, item.department.nameEn)}</dd>
        </div>
        <div className="power-card__row">
          <dt>{t("rect.applicant")}</dt>
          <dd>{item.application.applicant}</dd>
        </div>
        <div className="power-card__row">
          <dt>{t("rect.rating")}</dt>
          <dd>
            <Tag color={LEVEL_TAGS[score - 1]}>{t(LEVEL_KEYS[score - 1] ?? "level.3")}</Tag>
            {item.rating.comment ?? ""}
          </dd>
        </div>
        <div className="power-card__row">
          <dt>{t("rect.due")}</dt>
          <dd>
            {item.dueOn ?? t("rect.dueUnknown", { year: item.dueUnknownYear ?? "" })}{" "}
            {item.dueStatus === "overdue" ? <Tag color="red">{t("rect.overdue")}</Tag> : null}
            {item.dueStatus === "near" ? <Tag color="orange">{t("rect.near")}</Tag> : null}
          </dd>
        </div>
        {item.reply ? (
          <div className="power-card__row">
            <dt>{t("rect.reply")}</dt>
            <dd>
              {item.reply}
              <div className="muted small">
                {t("rect.repliedBy", { who: item.repliedBy ?? "—", at: dateTime(item.repliedAt) })}
              </div>
            </dd>
          </div>
        ) : null}
        {item.finding ? (
          <div className="power-card__row">
            <dt>{t("rect.review")}</dt>
            <dd>
              {t(`rect.finding.${item.finding}`)} — {item.reviewNote}
              <div className="muted small">
                {t("rect.reviewedBy", { who: item.reviewedBy ?? "—", at: dateTime(item.reviewedAt) })}
              </div>
            </dd>
          </div>
        ) : null}
      </dl>
      {item.can.reply ? <ReplyForm item={item} onDone={onChange} /> : null}
      {item.can.review ? <ReviewForm item={item} onDone={onChange} /> : null}
    </Card>
  );
}

/**
 * 差评整改: officers and department admins reply to their departments' bad ratings
 * (/workbench/rectifications); department admins and leaders (/cockpit/rectifications) review them.
 */
export function RectificationsPage({ section }: { section: "workbench" | "cockpit" }) {
  const { t } = useI18n();
  const [filter, setFilter] = useState<Filter>(section === "cockpit" ? "replied" : "open");
  const list = useApi<RectificationList>(
    withQuery("/api/workbench/rectifications", { status: filter === "all" ? undefined : filter, limit: 100 }),
  );
  const counts = list.data?.counts;
  return (
    <>
      <SubPageTrail
        section={section === "cockpit" ? t("cockpit.title") : t("workbench.title")}
        sectionTo={`/${section}`}
        page={t("rect.title")}
      />
      <PageHeading title={t("rect.title")} intro={t("rect.intro")} />
      <div className="figures-filters">
        <Segmented<Filter>
          aria-label={t("rect.title")}
          value={filter}
          onChange={setFilter}
          options={FILTERS.map((value) => ({
            value,
            label:
              value === "all"
                ? t("rect.all")
                : `${t(`rect.status.${value}`)}${counts ? ` ${counts[value]}` : ""}`,
          }))}
        />
      </div>
      {list.error ? <ProblemAlert error={list.error} onRetry={list.reload} /> : null}
      {list.loading && !list.data ? <Skeleton active paragraph={{ rows: 6 }} /> : null}
      {list.data && list.data.items.length === 0 ? <Empty description={t("rect.none")} /> : null}
      {(list.data?.items ?? []).map((item) => (
        <RectificationCard key={item.id} item={item} onChange={list.reload} />
      ))}
    </>
  );
}
