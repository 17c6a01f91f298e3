import { Button, Card, DatePicker, Empty, Select, Skeleton, Table, Tabs, Tag } from "antd";
import type { ColumnsType } from "antd/es/table";
import dayjs, { type Dayjs } from "dayjs";
import { useCallback, useMemo, useState } from "react";
import type { ApplicationStats, Group } from "../../../shared/services/stats.js";
import { withQuery } from "../shared/api";
import { ChartCard } from "../shared/charts/ChartCard";
import type { ChartOption } from "../shared/charts/EChart";
import { decimal, LEVEL_COLOURS, LEVEL_KEYS, percent } from "../shared/charts/format";
import { Kpi } from "../shared/charts/Kpi";
import "../shared/charts/figures.css";
import { PageHeading } from "../shared/components/PageHeading";
import { ProblemAlert } from "../shared/components/ProblemAlert";
import { SubPageTrail } from "../shared/components/SubPageTrail";
import { useI18n } from "../shared/I18nProvider";
import type { MessageKey } from "../shared/i18n";
import { useApi } from "../shared/useApi";

const DAY = "YYYY-MM-DD";
/** The page opens on the last 60 days (the API's own default is 30). */
const DEFAULT_DAYS = 60;
const ALL = "";

const DEFINITIONS: MessageKey[] = [
  "stats.def.tasks",
  "stats.def.onTime",
  "stats.def.days",
  "stats.def.visits",
  "stats.def.materials",
  "stats.def.ratings",
  "stats.def.district",
];

/**
 * 办件统计 for leaders (/cockpit/stats) and, read-only, auditors (/oversight/stats): key figures,
 * five charts and tables by service, department and district, for a period and filters.
 */
export function StatsPage({ section }: { section: "cockpit" | "oversight" }) {
  const { t, pick, locale } = useI18n();
  const [period, setPeriod] = useState<[Dayjs, Dayjs]>(() => [
    dayjs().subtract(DEFAULT_DAYS - 1, "day"),
    dayjs(),
  ]);
  const [department, setDepartment] = useState(ALL);
  const [item, setItem] = useState(ALL);
  const [district, setDistrict] = useState(ALL);
  const from = period[0].format(DAY);
  const to = period[1].format(DAY);
  const stats = useApi<ApplicationStats>(
    withQuery("/api/stats/applications", { from, to, department, item, district }),
  );
  // The filters offer what the period has, whatever is chosen.
  const options = useApi<ApplicationStats>(withQuery("/api/stats/applications", { from, to }));
  const data = stats.data;
  const name = useCallback((g: Group) => pick(g.name, g.nameEn), [pick]);

  const volume = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: { type: "category", data: (data?.daily ?? []).map((d) => d.date.slice(5)) },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        {
          type: "line",
          name: t("stats.submitted"),
          data: (data?.daily ?? []).map((d) => d.submitted),
        },
        {
          type: "line",
          name: t("stats.concluded"),
          data: (data?.daily ?? []).map((d) => d.concluded),
        },
      ],
    }),
    [data, t],
  );

  const onTime = useMemo<ChartOption>(() => {
    const rows = (data?.byDepartment ?? []).filter((d) => d.withDueDate > 0).reverse();
    return {
      tooltip: { trigger: "axis", valueFormatter: (v) => `${v}%` },
      grid: { left: 8, right: 44, top: 8, bottom: 24, containLabel: true },
      xAxis: { type: "value", min: 0, max: 100, interval: 25, axisLabel: { formatter: "{value}%" } },
      yAxis: {
        type: "category",
        data: rows.map(name),
        axisLabel: { width: locale === "en" ? 150 : 110, overflow: "truncate" },
      },
      series: [
        {
          type: "bar",
          name: t("stats.onTimeRate"),
          data: rows.map((d) => Math.round((d.onTimeRate ?? 0) * 1000) / 10),
          label: { show: true, position: "right", formatter: "{c}%" },
        },
      ],
    };
  }, [data, t, locale, name]);

  const days = useMemo<ChartOption>(() => {
    const rows = (data?.byItem ?? [])
      .filter((i) => i.averageWorkingDays !== null)
      .sort((a, b) => b.concluded - a.concluded)
      .slice(0, 12)
      .reverse();
    return {
      tooltip: { trigger: "axis" },
      grid: { left: 8, right: 36, top: 8, bottom: 24, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: {
        type: "category",
        data: rows.map(name),
        axisLabel: { width: locale === "en" ? 170 : 130, overflow: "truncate" },
      },
      series: [
        {
          type: "bar",
          name: t("stats.avgDays"),
          data: rows.map((i) => i.averageWorkingDays ?? 0),
          itemStyle: { color: "#059669" },
          label: { show: true, position: "right" },
        },
      ],
    };
  }, [data, t, locale, name]);

  const materials = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
      legend: { bottom: 0 },
      series: [
        {
          type: "pie",
          radius: ["40%", "68%"],
          center: ["50%", "45%"],
          label: { formatter: "{d}%" },
          data: [
            { name: t("stats.materialsExchange"), value: data?.totals.materials.exchange ?? 0 },
            { name: t("stats.materialsUpload"), value: data?.totals.materials.upload ?? 0 },
          ],
        },
      ],
    }),
    [data, t],
  );

  const ratings = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: "axis" },
      grid: { left: 40, right: 16, top: 16, bottom: 28 },
      xAxis: {
        type: "category",
        data: LEVEL_KEYS.map((k) => t(k)),
        axisLabel: { interval: 0, fontSize: 11 },
      },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        {
          type: "bar",
          name: t("stats.ratings"),
          data: (data?.totals.ratings.levels ?? [0, 0, 0, 0, 0]).map((value, i) => ({
            value,
            itemStyle: { color: LEVEL_COLOURS[i] },
          })),
          label: { show: true, position: "top" },
        },
      ],
    }),
    [data, t],
  );

  const columns = (first: string, bundles = false): ColumnsType<Group> => [
    {
      title: first,
      key: "name",
      width: 220,
      render: (_, g) => (
        <>
          {name(g)} {bundles && g.kind === "bundle" ? <Tag color="blue">{t("stats.bundle")}</Tag> : null}
        </>
      ),
    },
    { title: t("stats.submitted"), dataIndex: "submitted", align: "right", width: 90 },
    { title: t("stats.concluded"), dataIndex: "concluded", align: "right", width: 90 },
    { title: t("stats.approved"), dataIndex: "approved", align: "right", width: 70 },
    { title: t("stats.rejected"), dataIndex: "rejected", align: "right", width: 70 },
    {
      title: t("stats.onTimeRate"),
      key: "onTime",
      align: "right",
      width: 100,
      render: (_, g) => percent(g.onTimeRate),
    },
    {
      title: t("stats.avgDays"),
      key: "days",
      align: "right",
      width: 110,
      render: (_, g) => decimal(g.averageWorkingDays),
    },
    { title: t("stats.visitsSaved"), dataIndex: "visitsSaved", align: "right", width: 90 },
    {
      title: t("stats.exchangeShare"),
      key: "exchange",
      align: "right",
      width: 120,
      render: (_, g) => percent(g.materials.exchangeShare),
    },
    {
      title: t("stats.ratings"),
      key: "ratings",
      align: "right",
      width: 80,
      render: (_, g) => g.ratings.count,
    },
    {
      title: t("stats.satisfaction"),
      key: "satisfaction",
      align: "right",
      width: 90,
      render: (_, g) => percent(g.ratings.satisfactionRate),
    },
  ];

  // The wrapper scrolls sideways on narrow screens and takes the keyboard focus to do so.
  const table = (rows: Group[], first: string, bundles = false) => (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls sideways takes focus so the keyboard can scroll it (axe scrollable-region-focusable)
    <section className="table-scroll" tabIndex={0} aria-label={first}>
      <Table<Group>
        rowKey="code"
        size="small"
        style={{ minWidth: 1130 }}
        columns={columns(first, bundles)}
        dataSource={rows}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
      />
    </section>
  );

  const select = (
    label: string,
    value: string,
    onChange: (v: string) => void,
    groups: Group[] | undefined,
  ) => (
    <div className="figures-filter">
      <span aria-hidden="true">{label}</span>
      <Select<string>
        aria-label={label}
        value={value}
        onChange={onChange}
        showSearch
        optionFilterProp="label"
        options={[
          { value: ALL, label: t("stats.all") },
          ...(groups ?? []).map((g) => ({ value: g.code, label: name(g) })),
        ]}
      />
    </div>
  );

  const sectionTitle = section === "cockpit" ? t("cockpit.title") : t("oversight.title");
  const totals = data?.totals;
  return (
    <>
      <SubPageTrail section={sectionTitle} sectionTo={`/${section}`} page={t("stats.title")} />
      <PageHeading title={t("stats.title")} intro={t("stats.intro")} />
      <search className="figures-filters" aria-label={t("stats.period")}>
        <div className="figures-filter">
          <span aria-hidden="true">{t("stats.period")}</span>
          <DatePicker.RangePicker
            aria-label={t("stats.period")}
            allowClear={false}
            value={period}
            onChange={(value) => {
              if (value?.[0] && value[1]) {
                setPeriod([value[0], value[1]]);
              }
            }}
            placeholder={[t("stats.from"), t("stats.to")]}
          />
        </div>
        {select(t("stats.department"), department, setDepartment, options.data?.byDepartment)}
        {select(t("stats.item"), item, setItem, options.data?.byItem)}
        {select(t("stats.district"), district, setDistrict, options.data?.byDistrict)}
        <Button
          onClick={() => {
            setDepartment(ALL);
            setItem(ALL);
            setDistrict(ALL);
            setPeriod([dayjs().subtract(DEFAULT_DAYS - 1, "day"), dayjs()]);
          }}
        >
          {t("stats.reset")}
        </Button>
      </search>
      {stats.error ? <ProblemAlert error={stats.error} onRetry={stats.reload} /> : null}
      {stats.loading && !data ? (
        <div role="status" aria-live="polite">
          <span className="visually-hidden">{t("app.loading")}</span>
          <Skeleton active paragraph={{ rows: 10 }} />
        </div>
      ) : null}
      {data && totals ? (
        <div aria-busy={stats.loading}>
          <section className="figures-kpis" aria-label={t("stats.title")}>
            <Kpi title={t("stats.submitted")} value={String(totals.submitted)} testId="kpi-submitted" />
            <Kpi title={t("stats.concluded")} value={String(totals.concluded)} />
            <Kpi title={t("stats.onTimeRate")} value={percent(totals.onTimeRate)} testId="kpi-on-time" />
            <Kpi title={t("stats.avgDays")} value={decimal(totals.averageWorkingDays)} />
            <Kpi title={t("stats.visitsSaved")} value={String(totals.visitsSaved)} />
            <Kpi title={t("stats.exchangeShare")} value={percent(totals.materials.exchangeShare)} />
            <Kpi title={t("stats.satisfaction")} value={percent(totals.ratings.satisfactionRate)} />
            <Kpi title={t("stats.averageScore")} value={decimal(totals.ratings.average)} />
          </section>
          {totals.submitted + totals.concluded === 0 ? <Empty description={t("stats.none")} /> : null}
          <div className="figures-charts">
            <ChartCard
              title={t("stats.volumeChart")}
              option={volume}
              height={280}
              testId="chart-volume"
              wide
            />
            <ChartCard
              title={t("stats.onTimeChart")}
              option={onTime}
              height={Math.max(240, 28 * data.byDepartment.length + 40)}
              testId="chart-on-time"
            />
            <ChartCard title={t("stats.daysChart")} option={days} height={380} testId="chart-days" />
            <ChartCard
              title={t("stats.materialsChart")}
              option={materials}
              height={280}
              testId="chart-materials"
            />
            <ChartCard title={t("stats.ratingsChart")} option={ratings} height={280} testId="chart-ratings" />
          </div>
          <Card className="figures-card">
            <Tabs
              items={[
                {
                  key: "item",
                  label: t("stats.byItem"),
                  children: table(data.byItem, t("stats.item"), true),
                },
                {
                  key: "department",
                  label: t("stats.byDepartment"),
                  children: table(data.byDepartment, t("stats.department")),
                },
                {
                  key: "district",
                  label: t("stats.byDistrict"),
                  children: table(data.byDistrict, t("stats.district")),
                },
              ]}
            />
          </Card>
          <Card className="figures-card" title={<h2 className="card-heading">{t("stats.definitions")}</h2>}>
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
