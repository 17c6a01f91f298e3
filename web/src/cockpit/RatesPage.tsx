import { Card, DatePicker, Empty, Select, Skeleton, Table, Tag, Tooltip } from "antd";
import type { ColumnsType } from "antd/es/table";
import dayjs, { type Dayjs } from "dayjs";
import { useCallback, useMemo, useState } from "react";
import {
  RATE_GROUPS,
  type RateFigures,
  type RateGroupBy,
  type RateRow,
  type RatesReport,
} from "../../../shared/requests/rates.js";
import { withQuery } from "../shared/api";
import { ChartCard } from "../shared/charts/ChartCard";
import type { ChartOption } from "../shared/charts/EChart";
import { decimal, percent } from "../shared/charts/format";
import { Kpi } from "../shared/charts/Kpi";
import "../shared/charts/figures.css";
import { PageHeading } from "../shared/components/PageHeading";
import { ProblemAlert } from "../shared/components/ProblemAlert";
import { SubPageTrail } from "../shared/components/SubPageTrail";
import { useI18n } from "../shared/I18nProvider";
import type { MessageKey } from "../shared/i18n";
import { useApi } from "../shared/useApi";

type PeriodKind = "month" | "quarter" | "year" | "range";
const KINDS: PeriodKind[] = ["month", "quarter", "year", "range"];
const DAY = "YYYY-MM-DD";

const DEFINITIONS: MessageKey[] = [
  "rates.def.scope",
  "rates.def.response",
  "rates.def.resolution",
  "rates.def.satisfaction",
  "rates.def.composite",
  "rates.def.district",
];

/** The API's period parameters for what the pickers show. */
function periodQuery(kind: PeriodKind, at: Dayjs, range: [Dayjs, Dayjs]) {
  switch (kind) {
    case "month":
      return { period: at.format("YYYY-MM") };
    case "quarter":
      return { period: `${at.year()}-Q${Math.floor(at.month() / 3) + 1}` };
    case "year":
      return { period: String(at.year()) };
    case "range":
      return { from: range[0].format(DAY), to: range[1].format(DAY) };
  }
}

/** A share (0…1) in percent with one decimal, for the charts. */
const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

const byNumber =
  (pick: (r: RateRow) => number | null) =>
  (a: RateRow, b: RateRow): number =>
    (pick(a) ?? -1) - (pick(b) ?? -1);

/** A rate with its numerator and denominator beneath, so that leaders see what it stands on. */
function RateCell({ rate, n, d }: { rate: number | null; n: number; d: number }) {
  return (
    <span style={{ display: "inline-flex", flexDirection: "column", alignItems: "flex-end" }}>
      <strong>{percent(rate)}</strong>
      <span className="muted small">
        {n} / {d}
      </span>
    </span>
  );
}

/**
 * 接诉即办考评 for leaders (/cockpit/rates) and, read-only, auditors (/oversight/rates): the three
 * rates and the composite score per department, district or category over a month, quarter, year
 * or date range, ranked, with a bar chart of the composite and the monthly trend.
 */
export function RatesPage({ section }: { section: "cockpit" | "oversight" }) {
  const { t, pick, locale } = useI18n();
  const [groupBy, setGroupBy] = useState<RateGroupBy>("department");
  const [kind, setKind] = useState<PeriodKind>("month");
  // The last complete month by default: the current one still waits for most of its return visits.
  const [at, setAt] = useState<Dayjs>(() => dayjs().subtract(1, "month"));
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().subtract(89, "day"), dayjs()]);
  const report = useApi<RatesReport>(
    withQuery("/api/requests/rates", { groupBy, months: 6, ...periodQuery(kind, at, range) }),
  );
  const data = report.data;
  const name = useCallback((r: RateRow) => pick(r.name, r.nameEn), [pick]);

  const compositeChart = useMemo<ChartOption>(() => {
    const rows = (data?.rows ?? []).filter((r) => r.composite !== null).reverse();
    return {
      tooltip: { trigger: "axis" },
      grid: { left: 8, right: 48, top: 8, bottom: 24, containLabel: true },
      xAxis: { type: "value", min: 0, max: 100, interval: 25 },
      yAxis: {
        type: "category",
        data: rows.map((r) => `${r.rank}. ${name(r)}`),
        axisLabel: { width: locale === "en" ? 190 : 150, overflow: "truncate" },
      },
      series: [
        {
          type: "bar",
          name: t("rates.composite"),
          data: rows.map((r) => ({
            value: r.composite ?? 0,
            itemStyle: {
              color: (r.composite ?? 0) >= 85 ? "#059669" : (r.composite ?? 0) >= 70 ? "#1d4ed8" : "#ea580c",
            },
          })),
          label: { show: true, position: "right" },
        },
      ],
    };
  }, [data, t, locale, name]);

  const trendChart = useMemo<ChartOption>(() => {
    const points = data?.trend ?? [];
    const line = (key: MessageKey, values: (number | null)[], dashed = false) => ({
      type: "line" as const,
      name: t(key),
      data: values,
      connectNulls: false,
      symbolSize: 7,
      ...(dashed ? { lineStyle: { type: "dashed" as const } } : {}),
    });
    return {
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 44, right: 16, top: 40, bottom: 28 },
      xAxis: { type: "category", data: points.map((p) => p.month) },
      yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}" } },
      series: [
        line(
          "rates.responseRate",
          points.map((p) => pct(p.responseRate)),
        ),
        line(
          "rates.resolutionRate",
          points.map((p) => pct(p.resolutionRate)),
        ),
        line(
          "rates.satisfactionRate",
          points.map((p) => pct(p.satisfactionRate)),
        ),
        line(
          "rates.composite",
          points.map((p) => p.composite),
          true,
        ),
      ],
    };
  }, [data, t]);

  const rateColumn = (
    key: MessageKey,
    rate: (r: RateFigures) => number | null,
    n: (r: RateFigures) => number,
    d: (r: RateFigures) => number,
  ): ColumnsType<RateRow>[number] => ({
    title: (
      <Tooltip title={t("rates.fractionHint")}>
        <span>{t(key)}</span>
      </Tooltip>
    ),
    key,
    align: "right",
    width: 110,
    sorter: byNumber(rate),
    render: (_, r) => <RateCell rate={rate(r)} n={n(r)} d={d(r)} />,
  });

  const columns: ColumnsType<RateRow> = [
    {
      title: t("rates.rank"),
      key: "rank",
      width: 70,
      align: "center",
      sorter: (a, b) => (a.rank ?? 9999) - (b.rank ?? 9999),
      defaultSortOrder: "ascend",
      render: (_, r) => (r.rank === null ? "—" : r.rank <= 3 ? <Tag color="gold">{r.rank}</Tag> : r.rank),
    },
    {
      title: t(`rates.group.${groupBy}`),
      key: "name",
      width: 240,
      sorter: (a, b) => name(a).localeCompare(name(b), locale),
      render: (_, r) => name(r),
    },
    {
      title: t("rates.dispatched"),
      dataIndex: "dispatched",
      align: "right",
      width: 80,
      sorter: byNumber((r) => r.dispatched),
    },
    rateColumn(
      "rates.responseRate",
      (r) => r.responseRate,
      (r) => r.respondedOnTime,
      (r) => r.responseDue,
    ),
    rateColumn(
      "rates.resolutionRate",
      (r) => r.resolutionRate,
      (r) => r.resolved,
      (r) => r.visited,
    ),
    rateColumn(
      "rates.satisfactionRate",
      (r) => r.satisfactionRate,
      (r) => r.satisfied,
      (r) => r.visited,
    ),
    {
      title: t("rates.composite"),
      key: "composite",
      align: "right",
      width: 90,
      sorter: byNumber((r) => r.composite),
      render: (_, r) => <strong>{decimal(r.composite)}</strong>,
    },
  ];

  const picker =
    kind === "range" ? (
      <DatePicker.RangePicker
        aria-label={t("rates.period")}
        allowClear={false}
        value={range}
        placeholder={[t("rates.from"), t("rates.to")]}
        onChange={(value) => {
          if (value?.[0] && value[1]) {
            setRange([value[0], value[1]]);
          }
        }}
      />
    ) : (
      <DatePicker
        aria-label={t("rates.period")}
        allowClear={false}
        picker={kind}
        value={at}
        onChange={(value) => {
          if (value) {
            setAt(value);
          }
        }}
      />
    );

  const sectionTitle = section === "cockpit" ? t("cockpit.title") : t("oversight.title");
  const totals = data?.totals;
  return (
    <>
      <SubPageTrail section={sectionTitle} sectionTo={`/${section}`} page={t("rates.title")} />
      <PageHeading title={t("rates.title")} intro={t("rates.intro")} />
      <search className="figures-filters" aria-label={t("rates.period")}>
        <div className="figures-filter">
          <span aria-hidden="true">{t("rates.groupBy")}</span>
          <Select<RateGroupBy>
            aria-label={t("rates.groupBy")}
            value={groupBy}
            onChange={setGroupBy}
            options={RATE_GROUPS.map((g) => ({ value: g, label: t(`rates.group.${g}`) }))}
            data-testid="rates-group-by"
          />
        </div>
        <div className="figures-filter">
          <span aria-hidden="true">{t("rates.periodKind")}</span>
          <Select<PeriodKind>
            aria-label={t("rates.periodKind")}
            value={kind}
            onChange={setKind}
            options={KINDS.map((k) => ({ value: k, label: t(`rates.kind.${k}`) }))}
          />
        </div>
        <div className="figures-filter">
          <span aria-hidden="true">{t("rates.period")}</span>
          {picker}
        </div>
      </search>
      {report.error ? <ProblemAlert error={report.error} onRetry={report.reload} /> : null}
      {report.loading && !data ? (
        <div role="status" aria-live="polite">
          <span className="visually-hidden">{t("app.loading")}</span>
          <Skeleton active paragraph={{ rows: 10 }} />
        </div>
      ) : null}
      {data && totals ? (
        <div aria-busy={report.loading}>
          <section className="figures-kpis" aria-label={t("rates.title")}>
            <Kpi
              title={t("rates.responseRate")}
              value={percent(totals.responseRate)}
              hint={t("rates.fraction", { n: totals.respondedOnTime, d: totals.responseDue })}
              testId="kpi-response"
            />
            <Kpi
              title={t("rates.resolutionRate")}
              value={percent(totals.resolutionRate)}
              hint={t("rates.fraction", { n: totals.resolved, d: totals.visited })}
              testId="kpi-resolution"
            />
            <Kpi
              title={t("rates.satisfactionRate")}
              value={percent(totals.satisfactionRate)}
              hint={t("rates.fraction", { n: totals.satisfied, d: totals.visited })}
              testId="kpi-satisfaction"
            />
            <Kpi title={t("rates.composite")} value={decimal(totals.composite)} testId="kpi-composite" />
            <Kpi
              title={t("rates.dispatched")}
              value={String(totals.dispatched)}
              hint={t("rates.visitedHint", { n: totals.visited })}
            />
          </section>
          {totals.dispatched === 0 ? <Empty description={t("rates.none")} /> : null}
          <div className="figures-charts">
            <ChartCard
              title={t("rates.compositeChart")}
              option={compositeChart}
              height={Math.max(240, 26 * data.rows.length + 40)}
              testId="chart-composite"
            />
            <ChartCard title={t("rates.trendChart")} option={trendChart} height={320} testId="chart-trend" />
          </div>
          <Card className="figures-card" title={<h2 className="card-heading">{t("rates.table")}</h2>}>
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls sideways takes focus so the keyboard can scroll it (axe scrollable-region-focusable) */}
            <section className="table-scroll" tabIndex={0} aria-label={t("rates.table")}>
              <Table<RateRow>
                rowKey="key"
                size="small"
                style={{ minWidth: 820 }}
                columns={columns}
                dataSource={data.rows}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                data-testid="rates-table"
              />
            </section>
          </Card>
          <Card className="figures-card" title={<h2 className="card-heading">{t("rates.definitions")}</h2>}>
            <ul className="figures-definitions">
              {DEFINITIONS.map((key) => (
                <li key={key}>{t(key)}</li>
              ))}
            </ul>
          </Card>
        </div>
      ) : null}
    </>
  );
}
