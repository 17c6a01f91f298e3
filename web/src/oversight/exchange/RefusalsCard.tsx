import { Card, Grid, Table, type TableColumnsType } from "antd";
import { useState } from "react";
import { Link } from "react-router-dom";
import { withQuery } from "../../shared/api";
import { type ExchangeRefusal, type ExchangeRefusals, PROBLEM_CODES } from "../../shared/api-types";
import { ProblemAlert } from "../../shared/components/ProblemAlert";
import { useI18n } from "../../shared/I18nProvider";
import { OutcomeTag } from "../../shared/ledger/OutcomeTag";
import { useApi } from "../../shared/useApi";

const PAGE_SIZE = 10;

/** Refused and failed gateway calls, newest first, with the reason in words. */
export function RefusalsCard() {
  const { t, pick, dateTime } = useI18n();
  const narrow = !Grid.useBreakpoint().sm;
  const [page, setPage] = useState(1);
  const list = useApi<ExchangeRefusals>(
    withQuery("/api/exchange/refusals", { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
  );
  const rows = list.data?.items ?? [];
  const consumer = (row: ExchangeRefusal) =>
    row.consumerName && row.consumerNameEn ? pick(row.consumerName, row.consumerNameEn) : null;

  const reason = (row: ExchangeRefusal) => {
    const known = PROBLEM_CODES.find((code) => code === row.errorCode);
    return (
      <>
        <OutcomeTag outcome={row.outcome} />{" "}
        <span>{known ? t(`problem.${known}`) : (row.errorCode ?? "—")}</span>
        {row.errorCode ? <span className="code muted action-code">{row.errorCode}</span> : null}
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
            {dateTime(row.at)} ·{" "}
            <Link className="code" to={`/oversight/ledger?seqs=${row.ledgerSeq}`}>
              #{row.ledgerSeq}
            </Link>
          </span>
          <span className="strong">{pick(row.resourceName, row.resourceNameEn)}</span>
          <span>
            {consumer(row) ?? "—"} · <span lang="zh-CN">{row.purpose}</span>
          </span>
          {row.account ? <span className="muted small">{row.account}</span> : null}
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
      render: (_, row) => consumer(row) ?? <span className="muted">—</span>,
    },
    {
      key: "account",
      title: t("supervision.account"),
      render: (_, row) => row.account ?? <span className="muted">—</span>,
    },
    {
      key: "resource",
      title: t("supervision.resource"),
      render: (_, row) => pick(row.resourceName, row.resourceNameEn),
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
      render: (_, row) => (
        <Link className="code" to={`/oversight/ledger?seqs=${row.ledgerSeq}`}>
          {row.ledgerSeq}
        </Link>
      ),
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
            total: list.data?.total ?? 0,
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
