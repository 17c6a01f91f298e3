import { Card, Empty, Skeleton, Table, Tag } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useMemo } from "react";
import type { PerformanceSummary, PerformanceView } from "../../../shared/services/ratings.js";
import { ChartCard } from "../shared/charts/ChartCard";
import type { ChartOption } from "../shared/charts/EChart";
import { decimal, LEVEL_COLOURS, LEVEL_KEYS, LEVEL_TAGS, percent } from "../shared/charts/format";
import { Kpi } from "../shared/charts/Kpi";
import "../shared/charts/figures.css";
import { PageHeading } from "../shared/components/PageHeading";
import { ProblemAlert } from "../shared/components/ProblemAlert";
import { useI18n } from "../shared/I18nProvider";
import { PublicShell } from "../shared/layout/PublicShell";
import { useApi } from "../shared/useApi";

type Row = PerformanceSummary & { code: string; name: string; nameEn: string };

const STATUS_COLOUR = { open: "red", replied: "gold", closed: "green" } as const;

/** /performance: the public 好差评 page — ratings and rectifications by department and service. */
export function PerformancePage() {
  const { t, pick, locale } = useI18n();
  const view = useApi<PerformanceView>("/api/performance");
  const data = view.data;

  const levelsOption = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: "axis" },
      grid: { left: 48, right: 16, top: 16, bottom: 32 },
      xAxis: {
        type: "category",
        data: LEVEL_KEYS.map((k) => t(k)),
        axisLabel: { interval: 0, fontSize: 11 },
      },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        {
          type: "bar",
          name: t("perf.count"),
          data: (data?.totals.levels ?? [0, 0, 0, 0, 0]).map((value, i) => ({
            value,
            itemStyle: { color: LEVEL_COLOURS[i] },
          })),
          label: { show: true, position: "top" },
        },
      ],
    }),
    [data, t],
  );

  const departmentsOption = useMemo<ChartOption>(() => {
    const rows = [...(data?.byDepartment ?? [])].filter((d) => d.ratings > 0).reverse();
    return {
      tooltip: { trigger: "axis", valueFormatter: (v) => `${v}%` },
      grid: { left: 8, right: 40, top: 8, bottom: 24, containLabel: true },
      xAxis: { type: "value", min: 0, max: 100, interval: 25, axisLabel: { formatter: "{value}%" } },
      yAxis: {
        type: "category",
        data: rows.map((d) => pick(d.name, d.nameEn)),
        axisLabel: { width: locale === "en" ? 160 : 120, overflow: "truncate" },
      },
      series: [
        {
          type: "bar",
          name: t("perf.satisfaction"),
          data: rows.map((d) => Math.round((d.satisfactionRate ?? 0) * 1000) / 10),
          label: { show: true, position: "right", formatter: "{c}%" },
        },
      ],
    };
  }, [data, pick, t, locale]);

  const columns = (kind: "department" | "service"): ColumnsType<Row> => [
    {
      title: kind === "department" ? t("perf.department") : t("perf.service"),
      key: "name",
      render: (_, r) => pick(r.name, r.nameEn),
      width: 200,
    },
    { title: t("perf.count"), dataIndex: "ratings", align: "right", width: 90 },
    {
      title: t("perf.average"),
      key: "average",
      align: "right",
      width: 90,
      render: (_, r) => decimal(r.average),
    },
    {
      title: t("perf.satisfaction"),
      key: "satisfaction",
      align: "right",
      width: 100,
      render: (_, r) => percent(r.satisfactionRate),
    },
    { title: t("perf.bad"), dataIndex: "bad", align: "right", width: 80 },
    {
      title: t("perf.rectificationRate"),
      key: "rectificationRate",
      align: "right",
      width: 110,
      render: (_, r) => percent(r.rectificationRate),
    },
    {
      title: t("perf.rectifying"),
      key: "rectifying",
      align: "right",
      width: 90,
      render: (_, r) => r.rectifications.open + r.rectifications.replied,
    },
    {
      title: t("perf.overdue"),
      key: "overdue",
      align: "right",
      width: 90,
      render: (_, r) => r.rectifications.overdue,
    },
  ];

  return (
    <PublicShell>
      <PageHeading title={t("perf.title")} intro={t("perf.intro")} />
      {view.error ? <ProblemAlert error={view.error} onRetry={view.reload} /> : null}
      {view.loading && !data ? (
        <div role="status" aria-live="polite">
          <span className="visually-hidden">{t("app.loading")}</span>
          <Skeleton active paragraph={{ rows: 8 }} />
        </div>
      ) : null}
      {data && data.totals.ratings === 0 ? <Empty description={t("perf.none")} /> : null}
      {data && data.totals.ratings > 0 ? (
        <>
          <section className="figures-kpis" aria-label={t("perf.title")}>
            <Kpi title={t("perf.ratings")} value={String(data.totals.ratings)} testId="perf-ratings" />
            <Kpi title={t("perf.average")} value={decimal(data.totals.average)} />
            <Kpi
              title={t("perf.satisfaction")}
              value={percent(data.totals.satisfactionRate)}
              hint={t("perf.satisfactionHint")}
            />
            <Kpi title={t("perf.bad")} value={String(data.totals.bad)} />
            <Kpi
              title={t("perf.rectificationRate")}
              value={percent(data.totals.rectificationRate)}
              hint={t("perf.rectificationRateHint")}
            />
          </section>
          <div className="figures-charts">
            <ChartCard
              title={t("perf.levelsChart")}
              option={levelsOption}
              height={260}
              testId="chart-levels"
            />
            <ChartCard
              title={t("perf.departmentChart")}
              option={departmentsOption}
              height={Math.max(260, 28 * data.byDepartment.length + 40)}
              testId="chart-departments"
            />
          </div>
          <Card className="figures-card" title={<h2 className="card-heading">{t("perf.byDepartment")}</h2>}>
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls sideways takes focus so the keyboard can scroll it (axe scrollable-region-focusable) */}
            <section className="table-scroll" tabIndex={0} aria-label={t("perf.byDepartment")}>
              <Table<Row>
                rowKey="code"
                size="small"
                style={{ minWidth: 850 }}
                columns={columns("department")}
                dataSource={data.byDepartment}
                pagination={false}
                data-testid="perf-departments"
              />
            </section>
          </Card>
          <Card className="figures-card" title={<h2 className="card-heading">{t("perf.byService")}</h2>}>
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls sideways takes focus so the keyboard can scroll it (axe scrollable-region-focusable) */}
            <section className="table-scroll" tabIndex={0} aria-label={t("perf.byService")}>
              <Table<Row>
                rowKey="code"
                size="small"
                style={{ minWidth: 850 }}
                columns={columns("service")}
                dataSource={data.byService as Row[]}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
              />
            </section>
          </Card>
          <Card className="figures-card" title={<h2 className="card-heading">{t("perf.recent")}</h2>}>
            <p className="muted small">{t("perf.recentNote")}</p>
            {data.recentComments.length === 0 ? <Empty description={t("perf.noComments")} /> : null}
            <ul className="figures-comments" data-testid="perf-comments">
              {data.recentComments.map((c) => (
                <li key={`${c.ratedOn} ${c.service.code} ${c.comment}`}>
                  <p className="figures-comment__text">{c.comment}</p>
                  <div className="figures-comment__meta">
                    <Tag color={LEVEL_TAGS[c.score - 1]}>{t(LEVEL_KEYS[c.score - 1] ?? "level.3")}</Tag>
                    <span>{pick(c.service.name, c.service.nameEn)}</span>
                    <span>·</span>
                    <span>{pick(c.department.name, c.department.nameEn)}</span>
                    <span>·</span>
                    <span>{c.ratedOn}</span>
                    {c.rectification ? (
                      <Tag color={STATUS_COLOUR[c.rectification.status]}>
                        {t(`perf.rectification.${c.rectification.status}`)}
                      </Tag>
                    ) : null}
                  </div>
                </li>
              ))}
            </ul>
          </Card>
          <p className="muted small">{t("perf.generated", { date: data.generatedOn })}</p>
        </>
      ) : null}
    </PublicShell>
  );
}
