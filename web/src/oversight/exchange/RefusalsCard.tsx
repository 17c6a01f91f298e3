import { Card, Grid, Table, type TableColumnsType } from "antd";
import { useState } from "react";
import { withQuery } from "../../shared/api";
import { type ExchangeRefusal, type ItemList, PROBLEM_CODES } from "../../shared/api-types";
import { ProblemAlert } from "../../shared/components/ProblemAlert";
import type { Catalogue } from "../../shared/exchange/useCatalogue";
import { useI18n } from "../../shared/I18nProvider";
import { OutcomeTag } from "../../shared/ledger/OutcomeTag";
import { useApi } from "../../shared/useApi";

const PAGE_SIZE = 10;

/** Refused and failed gateway calls, newest first, with the reason in words. */
export function RefusalsCard({
  catalogue,
  departmentName,
}: {
  catalogue: Catalogue;
  departmentName: (code: string) => string;
}) {
  const { t, dateTime } = useI18n();
  const narrow = !Grid.useBreakpoint().sm;
  const [page, setPage] = useState(1);
  // The endpoint has no total: one more row than a page says whether there is a next one.
  const list = useApi<ItemList<ExchangeRefusal>>(
    withQuery("/api/exchange/refusals", { limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE }),
  );
  const rows = (list.data?.items ?? []).slice(0, PAGE_SIZE);
  const more = (list.data?.items.length ?? 0) > PAGE_SIZE;

  const reason = (row: ExchangeRefusal) => {
    const known = PROBLEM_CODES.find((code) => code === row.error_code);
    return (
      <>
        <OutcomeTag outcome={row.outcome} />{" "}
        <span>{known ? t(`problem.${known}`) : (row.error_code ?? "—")}</span>
        {row.error_code ? <span className="code muted action-code">{row.error_code}</span> : null}
      </>
    );
  };

  // On a phone one column tells the whole call, as the ledger page does.
  const narrowColumns: TableColumnsType<ExchangeRefusal> = [
    {
      key: "call",
      title: t("supervision.refusalsTitle"),
      render: (_, row) => (
        <div className="refusal-cell">
          <span className="muted small">
            {dateTime(row.at)} · <span className="code">#{row.ledger_seq}</span>
          </span>
          <span className="strong">{catalogue.name(row.resource_id)}</span>
          <span>
            {row.consumer_code ? departmentName(row.consumer_code) : "—"} ·{" "}
            <span lang="zh-CN">{row.purpose}</span>
          </span>
          <span>{reason(row)}</span>
        </div>
      ),
    },
  ];

  const columns: TableColumnsType<ExchangeRefusal> = [
    { key: "at", title: t("supervision.at"), render: (_, row) => dateTime(row.at) },
    {
      key: "who",
      title: t("supervision.department"),
      render: (_, row) =>
        row.consumer_code ? departmentName(row.consumer_code) : <span className="muted">—</span>,
    },
    {
      key: "resource",
      title: t("supervision.resource"),
      render: (_, row) => catalogue.name(row.resource_id),
    },
    {
      key: "purpose",
      title: t("supervision.purpose"),
      render: (_, row) => <span lang="zh-CN">{row.purpose}</span>,
    },
    { key: "outcome", title: t("supervision.reason"), render: (_, row) => reason(row) },
    {
      key: "seq",
      title: t("supervision.seq"),
      render: (_, row) => <span className="code">{row.ledger_seq}</span>,
    },
  ];

  return (
    <Card
      className="ledger-card"
      title={
        <h2 className="card-heading" id="refusals-title">
          {t("supervision.refusalsTitle")}
        </h2>
      }
    >
      {list.error ? <ProblemAlert error={list.error} onRetry={list.reload} /> : null}
      <div className="table-scroll">
        <Table<ExchangeRefusal>
          size="small"
          rowKey="id"
          columns={narrow ? narrowColumns : columns}
          dataSource={rows}
          loading={list.loading}
          locale={{ emptyText: <span className="muted">{t("supervision.refusalsNone")}</span> }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            // Enough to offer "next" when there is more, without a total from the server.
            total: (page - 1) * PAGE_SIZE + rows.length + (more ? 1 : 0),
            showSizeChanger: false,
            hideOnSinglePage: true,
            simple: true,
            onChange: setPage,
          }}
          data-testid="refusals-table"
          aria-labelledby="refusals-title"
        />
      </div>
    </Card>
  );
}
