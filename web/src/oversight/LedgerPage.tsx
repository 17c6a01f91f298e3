import { ReloadOutlined } from "@ant-design/icons";
import { Button, Card, Empty, Grid, Table, type TableColumnsType, Tag } from "antd";
import { useMemo, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { withQuery } from "../shared/api";
import type { LedgerEntryItem, Page } from "../shared/api-types";
import { PageHeading } from "../shared/components/PageHeading";
import { ProblemAlert } from "../shared/components/ProblemAlert";
import { SubPageTrail } from "../shared/components/SubPageTrail";
import { useI18n } from "../shared/I18nProvider";
import { useActionName } from "../shared/ledger/ActionName";
import { actorIdentity, actorName, knownRole, type ShownEntry, toShown } from "../shared/ledger/entry";
import { OutcomeTag } from "../shared/ledger/OutcomeTag";
import { useDepartmentNames } from "../shared/ledger/useDepartmentNames";
import { roleLabel } from "../shared/roles";
import { useApi } from "../shared/useApi";
import { LedgerEntryDrawer } from "./LedgerEntryDrawer";
import { LedgerExportCard } from "./LedgerExportCard";
import { LedgerSearchForm } from "./LedgerSearchForm";
import { apiQuery, filtersFromParams, paramsFromFilters } from "./ledger-filters";

const PAGE_SIZE = 20;
const SUBJECTS_SHOWN = 2;

/** 透明账本: auditors search the ledger with clear identities, open an entry, verify it, export a range. */
export function LedgerPage() {
  const { t, dateTime } = useI18n();
  const actionName = useActionName();
  const departments = useDepartmentNames();
  const [params, setParams] = useSearchParams();
  const paramsKey = params.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the query string is the identity of the filters
  const filters = useMemo(() => filtersFromParams(params), [paramsKey]);
  const page = Math.max(1, Number(params.get("page")) || 1);
  const [open, setOpen] = useState<ShownEntry | null>(null);
  const narrow = !Grid.useBreakpoint().sm;

  const list = useApi<Page<LedgerEntryItem>>(
    withQuery("/api/ledger/entries", {
      ...apiQuery(filters),
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    }),
  );
  const rows = useMemo(() => toShown(list.data?.items ?? []), [list.data]);

  const goToPage = (next: number) => {
    const copy = new URLSearchParams(params);
    if (next > 1) {
      copy.set("page", String(next));
    } else {
      copy.delete("page");
    }
    setParams(copy);
  };

  const openButton = (row: ShownEntry) => {
    const name = row.entry ? actionName(row.entry.action) : t("ledger.unlabelled");
    return (
      <Button
        type="link"
        className="link-cell"
        aria-label={t("ledgerPage.openEntry", {
          action: name,
          time: row.entry ? dateTime(row.entry.time) : "",
        })}
        aria-haspopup="dialog"
        onClick={(event) => {
          event.stopPropagation();
          setOpen(row);
        }}
      >
        {name}
      </Button>
    );
  };

  const actorCell = (row: ShownEntry) => (
    <div className="actor-cell">
      <div className={actorIdentity(row) ? "actor-cell__name" : "actor-cell__name muted"}>
        {actorName(row, t)}
      </div>
      {row.entry && (row.entry.actor.roles.length > 0 || row.entry.actor.departments.length > 0) ? (
        <div className="muted small">
          {[
            ...row.entry.actor.roles.map((role) => {
              const known = knownRole(role);
              return known ? t(roleLabel(known)) : role;
            }),
            ...row.entry.actor.departments.map(departments.name),
          ].join(" · ")}
        </div>
      ) : null}
    </div>
  );

  const indexCell = (row: ShownEntry) =>
    row.index === null ? (
      <Tag className="pending-tag">{t("ledger.pending")}</Tag>
    ) : (
      <span className="code">{t("ledger.indexValue", { index: row.index })}</span>
    );

  // A phone gets two columns that fit, rather than a table to scroll sideways.
  const narrowColumns: TableColumnsType<ShownEntry> = [
    {
      title: t("ledgerEntry.action"),
      key: "entry",
      render: (_, row) => (
        <div className="entry-cell">
          {openButton(row)}
          <div className="muted small">{row.entry ? dateTime(row.entry.time) : null}</div>
          <div className="entry-cell__tags">
            {row.entry ? <OutcomeTag outcome={row.entry.outcome} /> : null}
            <span className="small">{indexCell(row)}</span>
          </div>
        </div>
      ),
    },
    { title: t("ledgerPage.actorColumn"), key: "actor", render: (_, row) => actorCell(row) },
  ];

  const columns: TableColumnsType<ShownEntry> = [
    {
      title: t("ledgerPage.time"),
      key: "time",
      width: 150,
      render: (_, row) => <span className="small">{row.entry ? dateTime(row.entry.time) : "—"}</span>,
    },
    {
      title: t("ledgerEntry.action"),
      key: "action",
      width: 170,
      render: (_, row) => openButton(row),
    },
    {
      title: t("ledgerPage.actorColumn"),
      key: "actor",
      render: (_, row) => actorCell(row),
    },
    {
      title: t("ledgerPage.subjects"),
      key: "subjects",
      render: (_, row) => {
        const subjects = row.identities.filter((identity) => identity.kind === "subject");
        const total = Math.max(subjects.length, row.entry?.subjects.length ?? 0);
        if (total === 0) {
          return <span className="muted">—</span>;
        }
        return (
          <div className="small">
            {subjects.slice(0, SUBJECTS_SHOWN).map((identity) => (
              <div key={`${identity.type}:${identity.id}`}>{identity.label ?? t("ledger.unlabelled")}</div>
            ))}
            {total > SUBJECTS_SHOWN ? (
              <div className="muted">
                {t("ledgerPage.moreSubjects", { count: total - Math.min(SUBJECTS_SHOWN, subjects.length) })}
              </div>
            ) : null}
          </div>
        );
      },
    },
    {
      title: t("ledgerPage.outcome"),
      key: "outcome",
      width: 80,
      render: (_, row) => (row.entry ? <OutcomeTag outcome={row.entry.outcome} /> : null),
    },
    {
      title: t("ledgerPage.index"),
      key: "index",
      width: 90,
      render: (_, row) => indexCell(row),
    },
  ];

  return (
    <>
      <SubPageTrail section={t("oversight.title")} sectionTo="/oversight" page={t("oversight.ledger")} />
      <PageHeading title={t("oversight.ledger")} intro={t("ledgerPage.intro")} />

      <Card
        className="admin-card ledger-card"
        title={<h2 className="card-heading">{t("ledgerPage.searchTitle")}</h2>}
      >
        <LedgerSearchForm
          filters={filters}
          departments={departments}
          onSearch={(next) => setParams(paramsFromFilters(next))}
          onReset={() => setParams(new URLSearchParams())}
        />
        {filters.seqs ? (
          <p className="ledger-card__note">
            <Tag data-testid="ledger-seqs-filter">
              {t("ledgerPage.seqsFilter", { seqs: filters.seqs.split(",").join(", ") })}
            </Tag>
            <Button
              type="link"
              size="small"
              onClick={() => setParams(paramsFromFilters({ ...filters, seqs: undefined }))}
            >
              {t("ledgerPage.seqsClear")}
            </Button>
          </p>
        ) : null}
        <p className="muted small ledger-card__note">{t("ledgerPage.searchRecorded")}</p>
      </Card>

      <Card
        className="admin-card ledger-card"
        title={<h2 className="card-heading">{t("ledgerPage.results")}</h2>}
        extra={
          <Button
            icon={<ReloadOutlined aria-hidden="true" />}
            onClick={list.reload}
            loading={list.loading}
            size="small"
          >
            {t("ledgerPage.refresh")}
          </Button>
        }
      >
        {list.error ? (
          <ProblemAlert error={list.error} onRetry={list.reload} />
        ) : (
          <div data-testid="ledger-results" aria-busy={list.loading}>
            <Table<ShownEntry>
              rowKey="seq"
              size="middle"
              columns={narrow ? narrowColumns : columns}
              dataSource={rows}
              loading={list.loading}
              scroll={narrow ? undefined : { x: 820 }}
              rowClassName="clickable-row"
              onRow={(row) => ({ onClick: () => setOpen(row) })}
              locale={{
                emptyText: (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("ledgerPage.noResults")} />
                ),
              }}
              pagination={{
                current: page,
                pageSize: PAGE_SIZE,
                total: list.data?.total ?? 0,
                showSizeChanger: false,
                hideOnSinglePage: true,
                showTotal: (total) => t("app.total", { total }),
                onChange: goToPage,
              }}
            />
          </div>
        )}
      </Card>

      <LedgerExportCard />

      {open ? (
        <LedgerEntryDrawer item={open} departmentName={departments.name} onClose={() => setOpen(null)} />
      ) : null}
    </>
  );
}
