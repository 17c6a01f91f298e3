import { Card, DatePicker, Grid, Segmented, Select, Table, type TableColumnsType } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { withQuery } from "../../shared/api";
import type { ExchangeUsage, UsageDimension } from "../../shared/api-types";
import { ProblemAlert } from "../../shared/components/ProblemAlert";
import { formatDay, USAGE_DIMENSION_KEY, USAGE_DIMENSIONS } from "../../shared/exchange/labels";
import type { Catalogue } from "../../shared/exchange/useCatalogue";
import { useI18n } from "../../shared/I18nProvider";
import { OUTCOME_KEY, type Outcome } from "../../shared/ledger/entry";
import { useApi } from "../../shared/useApi";

type Row = ExchangeUsage["rows"][number];
const OUTCOMES: readonly string[] = ["success", "denied", "failure"];

/** A number with a bar the length of its share of the largest (no chart library: a styled span). */
function Bar({ value, max, label }: { value: number; max: number; label: string }) {
  const { locale } = useI18n();
  const width = max > 0 ? Math.max(2, Math.round((value / max) * 100)) : 0;
  return (
    <div className="usage-bar" title={label}>
      <span className="usage-bar__value">{value.toLocaleString(locale)}</span>
      <span className="usage-bar__track" aria-hidden="true">
        <span className="usage-bar__fill" style={{ width: `${width}%` }} />
      </span>
    </div>
  );
}

/** Gateway calls in a period grouped by department, resource, purpose, day or outcome. */
export function UsageCard({
  catalogue,
  departmentName,
}: {
  catalogue: Catalogue;
  departmentName: (code: string) => string;
}) {
  const { t, locale } = useI18n();
  const narrow = !Grid.useBreakpoint().sm;
  const [by, setBy] = useState<UsageDimension>("department");
  const [period, setPeriod] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [from, to] = period ?? [];
  const usage = useApi<ExchangeUsage>(
    withQuery("/api/exchange/usage", {
      by,
      // Whole days in China time, the way the platform counts them.
      from: from ? `${from.format("YYYY-MM-DD")}T00:00:00+08:00` : undefined,
      to: to ? `${to.add(1, "day").format("YYYY-MM-DD")}T00:00:00+08:00` : undefined,
    }),
  );
  const dayOf = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(iso));
  const rows = usage.data?.rows ?? [];
  const max = rows.reduce((m, r) => Math.max(m, r.calls), 0);
  const total = rows.reduce((sum, r) => sum + r.calls, 0);

  const keyLabel = (key: string | null): string => {
    if (key === null) {
      return t("supervision.unknown");
    }
    switch (by) {
      case "department":
        return departmentName(key);
      case "resource":
        return catalogue.name(key);
      case "day":
        return formatDay(key, locale);
      case "outcome":
        return OUTCOMES.includes(key) ? t(OUTCOME_KEY[key as Outcome]) : key;
      case "purpose":
        return key;
    }
  };

  const columns: TableColumnsType<Row> = [
    {
      key: "key",
      title: t(USAGE_DIMENSION_KEY[by]),
      render: (_, row) => <span className="strong">{keyLabel(row.key)}</span>,
    },
    {
      key: "calls",
      title: t("supervision.calls"),
      width: narrow ? undefined : "32%",
      render: (_, row) => (
        <>
          <Bar value={row.calls} max={max} label={t("supervision.callsOf", { n: row.calls, total })} />
          {narrow ? (
            <span className="use-card__meta">
              {t("supervision.outcomesLine", {
                success: row.success,
                denied: row.denied,
                failure: row.failure,
              })}
              {" · "}
              {t("supervision.subjectsLine", { n: row.subjects })}
            </span>
          ) : null}
        </>
      ),
    },
  ];
  const wideColumns: TableColumnsType<Row> = [
    { key: "success", dataIndex: "success", title: t("ledger.outcome.success"), align: "right" },
    {
      key: "denied",
      title: t("ledger.outcome.denied"),
      align: "right",
      render: (_, row) => <span className={row.denied > 0 ? "usage-bad" : undefined}>{row.denied}</span>,
    },
    {
      key: "failure",
      title: t("ledger.outcome.failure"),
      align: "right",
      render: (_, row) => <span className={row.failure > 0 ? "usage-bad" : undefined}>{row.failure}</span>,
    },
  ];
  const subjectsColumn: TableColumnsType<Row> = [
    { key: "subjects", dataIndex: "subjects", title: t("supervision.subjects"), align: "right" },
  ];

  return (
    <Card
      className="ledger-card"
      title={
        <h2 className="card-heading" id="usage-title">
          {t("supervision.usageTitle")}
        </h2>
      }
    >
      <div className="toolbar">
        {narrow ? (
          <Select<UsageDimension>
            className="toolbar__select"
            aria-label={t("supervision.groupBy")}
            value={by}
            onChange={setBy}
            options={USAGE_DIMENSIONS.map((value) => ({ value, label: t(USAGE_DIMENSION_KEY[value]) }))}
          />
        ) : (
          <Segmented<UsageDimension>
            aria-label={t("supervision.groupBy")}
            value={by}
            onChange={setBy}
            options={USAGE_DIMENSIONS.map((value) => ({ value, label: t(USAGE_DIMENSION_KEY[value]) }))}
          />
        )}
        <DatePicker.RangePicker
          aria-label={t("supervision.period")}
          value={period}
          onChange={(value) => setPeriod(value)}
          placeholder={[t("supervision.from"), t("supervision.to")]}
        />
      </div>
      {usage.data ? (
        <p className="muted small" aria-live="polite">
          {t("supervision.periodLine", {
            from: dayOf(usage.data.from),
            to: dayOf(usage.data.to),
            total,
          })}
        </p>
      ) : null}
      {usage.error ? <ProblemAlert error={usage.error} onRetry={usage.reload} /> : null}
      <div className="table-scroll">
        <Table<Row>
          size="small"
          rowKey={(row) => row.key ?? "—"}
          columns={narrow ? columns : [...columns, ...wideColumns, ...subjectsColumn]}
          dataSource={rows}
          loading={usage.loading}
          pagination={false}
          locale={{ emptyText: <span className="muted">{t("supervision.usageNone")}</span> }}
          data-testid="usage-table"
          aria-labelledby="usage-title"
        />
      </div>
    </Card>
  );
}
