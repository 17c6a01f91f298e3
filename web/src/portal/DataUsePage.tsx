import { ReloadOutlined } from "@ant-design/icons";
import { Button, Card, Empty, Pagination, Segmented, Skeleton, Tag } from "antd";
import { type ReactNode, useEffect, useMemo, useRef } from "react";
import { useSearchParams } from "react-router-dom";
import { useDepartmentsByCode } from "../rights/useDepartmentsByCode";
import { useMe } from "../shared/AuthProvider";
import { withQuery } from "../shared/api";
import type { LedgerEntryItem, LedgerIdentity, Me, Page } from "../shared/api-types";
import { PageHeading } from "../shared/components/PageHeading";
import { ProblemAlert } from "../shared/components/ProblemAlert";
import { SubPageTrail } from "../shared/components/SubPageTrail";
import { type Catalogue, useCatalogue } from "../shared/exchange/useCatalogue";
import { useI18n } from "../shared/I18nProvider";
import type { MessageKey } from "../shared/i18n";
import { useActionName } from "../shared/ledger/ActionName";
import {
  actorIdentity,
  actorName,
  knownRole,
  purposeKey,
  type ShownEntry,
  toShown,
} from "../shared/ledger/entry";
import { OutcomeTag } from "../shared/ledger/OutcomeTag";
import { useRawEntryToggle } from "../shared/ledger/RawEntry";
import { useDepartmentNames } from "../shared/ledger/useDepartmentNames";
import { useVerification, VerifyButton, VerifyOutcome } from "../shared/ledger/VerifyEntry";
import { roleLabel } from "../shared/roles";
import { useApi } from "../shared/useApi";
import { ExchangeFacts } from "./ExchangeFacts";

const PAGE_SIZE = 10;
const PENDING_RETRY_MS = 2000;
const PENDING_RETRIES = 5;

/** What of the reader's an entry touched: their account, their personal record, their enterprise. */
function aboutLabel(
  identity: LedgerIdentity,
  me: Me,
  t: (key: MessageKey, values?: Record<string, string>) => string,
) {
  switch (identity.type) {
    case "account":
      return t("dataUse.yourAccount");
    case "person":
      return t("dataUse.yourPerson");
    case "organisation":
      return t("dataUse.yourOrganisation", { name: me.organisation?.name ?? identity.label ?? "" });
  }
}

// The parts are written to sit inside a sentence ("your account and your personal record").
function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function EntryCard({
  row,
  departmentName,
  departmentByCode,
  catalogue,
}: {
  row: ShownEntry;
  departmentName: (id: string) => string;
  departmentByCode: (code: string) => string;
  catalogue: Catalogue;
}) {
  const me = useMe();
  const { t, locale, dateTime } = useI18n();
  const actionName = useActionName();
  const verification = useVerification(row.index, row.body);
  const raw = useRawEntryToggle(row.body);
  const entry = row.entry;
  const actor = actorIdentity(row);
  const byMe = actor?.type === "account" && actor.id === me.id;
  const about = [
    ...new Map(
      row.identities
        .filter((identity) => identity.kind === "subject")
        .map((identity) => [identity.type, aboutLabel(identity, me, t)]),
    ).values(),
  ];
  const knownPurpose = entry?.purpose ? purposeKey(entry.purpose) : null;
  const purpose = knownPurpose ? t(knownPurpose) : entry?.purpose;
  const headingId = `data-use-${row.seq}`;
  const actorMeta =
    entry && !byMe
      ? [
          ...entry.actor.departments.map(departmentName),
          ...entry.actor.roles.map((role) => {
            const known = knownRole(role);
            return known ? t(roleLabel(known)) : role;
          }),
        ]
      : [];

  return (
    <li>
      <article className={byMe ? "use-card" : "use-card use-card--other"} aria-labelledby={headingId}>
        <div className="use-card__head">
          <h2 className="use-card__title" id={headingId}>
            {entry ? actionName(entry.action) : t("ledger.unlabelled")}
          </h2>
          {entry ? <OutcomeTag outcome={entry.outcome} /> : null}
          {entry ? (
            <time className="use-card__time" dateTime={entry.time}>
              <span className="visually-hidden">{t("dataUse.when")} </span>
              {dateTime(entry.time)}
            </time>
          ) : null}
        </div>
        <dl className="use-card__facts">
          <div>
            <dt>{t("dataUse.who")}</dt>
            <dd data-testid="data-use-who">
              <span className={byMe || !actor ? "" : "strong"}>
                {byMe ? t("dataUse.you") : actorName(row, t)}
              </span>
              {actorMeta.length > 0 ? <span className="use-card__meta">{actorMeta.join(" · ")}</span> : null}
            </dd>
          </div>
          <div>
            <dt>{t("dataUse.why")}</dt>
            <dd>
              {purpose ?? <span className="muted">—</span>}
              {entry?.legalBasis ? (
                <span className="use-card__meta">{t("dataUse.legalBasis", { basis: entry.legalBasis })}</span>
              ) : null}
            </dd>
          </div>
          <div>
            <dt>{t("dataUse.about")}</dt>
            <dd>
              {about.length > 0 ? (
                capitalise(new Intl.ListFormat(locale, { type: "conjunction" }).format(about))
              ) : (
                <span className="muted">—</span>
              )}
            </dd>
          </div>
        </dl>
        {entry ? (
          <ExchangeFacts entry={entry} catalogue={catalogue} departmentName={departmentByCode} />
        ) : null}
        <div className="use-card__foot">
          {row.index === null ? (
            <Tag className="pending-tag">{t("ledger.pending")}</Tag>
          ) : (
            <span className="code muted small">
              <span className="visually-hidden">{t("ledgerEntry.index")} </span>
              {t("ledger.indexValue", { index: row.index })}
            </span>
          )}
          <VerifyButton index={row.index} verification={verification} />
          {raw.toggle}
        </div>
        <VerifyOutcome verification={verification} />
        {raw.panel}
      </article>
    </li>
  );
}

/** 谁用了我的数据: every ledger entry about the signed-in person, account or enterprise, each verifiable. */
export function DataUsePage() {
  const me = useMe();
  const { t } = useI18n();
  const departments = useDepartmentNames();
  // Exchange entries name departments by code and resources and fields by id: both are public.
  const departmentsByCode = useDepartmentsByCode();
  const catalogue = useCatalogue();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get("page")) || 1);
  // What others did with one's data first; one's own sign-ins and changes only when asked for.
  const showAll = params.get("show") === "all";
  // A link from elsewhere (a pre-filled field's source, an application's history) names its entries.
  const seqs = /^[0-9]{1,15}(,[0-9]{1,15}){0,99}$/.test(params.get("seqs") ?? "") ? params.get("seqs") : null;
  const list = useApi<Page<LedgerEntryItem>>(
    withQuery("/api/ledger/mine", {
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
      ...(showAll || seqs ? {} : { others: "true" }),
      seqs,
    }),
  );
  const rows = useMemo(() => toShown(list.data?.items ?? []), [list.data]);
  const pending = rows.some((row) => row.index === null);

  // Entries join the tree within a second or two; look again a few times rather than show "pending" for good.
  const retries = useRef(0);
  useEffect(() => {
    if (!pending || list.loading || retries.current >= PENDING_RETRIES) {
      return;
    }
    const timer = setTimeout(() => {
      retries.current += 1;
      list.reload();
    }, PENDING_RETRY_MS);
    return () => clearTimeout(timer);
  }, [pending, list.loading, list.reload]);

  const intro = (
    <>
      {t("dataUse.intro")}
      {me.organisation ? ` ${t("dataUse.introOrganisation", { name: me.organisation.name })}` : null}
    </>
  );

  let body: ReactNode;
  if (list.error) {
    body = <ProblemAlert error={list.error} onRetry={list.reload} />;
  } else if (!list.data) {
    body = (
      <div role="status" aria-live="polite">
        <span className="visually-hidden">{t("app.loading")}</span>
        <Skeleton active paragraph={{ rows: 3 }} />
        <Skeleton active paragraph={{ rows: 3 }} />
      </div>
    );
  } else if (rows.length === 0) {
    body = (
      <Card>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("dataUse.empty")} />
      </Card>
    );
  } else {
    body = (
      <>
        {pending && retries.current < PENDING_RETRIES ? (
          <p className="muted small" role="status">
            {t("dataUse.pendingRefresh")}
          </p>
        ) : null}
        <ul className="use-list" aria-label={t("dataUse.list")} data-testid="data-use-list">
          {rows.map((row) => (
            <EntryCard
              key={row.seq}
              row={row}
              departmentName={departments.name}
              departmentByCode={departmentsByCode.name}
              catalogue={catalogue}
            />
          ))}
        </ul>
        <Pagination
          className="use-pagination"
          current={page}
          pageSize={PAGE_SIZE}
          total={list.data.total}
          hideOnSinglePage
          showSizeChanger={false}
          showTotal={(total) => t("app.total", { total })}
          onChange={(next) =>
            setParams({ ...(next > 1 ? { page: String(next) } : {}), ...(showAll ? { show: "all" } : {}) })
          }
        />
      </>
    );
  }

  return (
    <>
      <SubPageTrail section={t("portal.title")} sectionTo="/portal" page={t("portal.dataUse")} />
      <PageHeading
        title={t("portal.dataUse")}
        intro={intro}
        extra={
          <Button
            icon={<ReloadOutlined aria-hidden="true" />}
            onClick={list.reload}
            loading={list.loading && !!list.data}
          >
            {t("ledgerPage.refresh")}
          </Button>
        }
      />
      {seqs ? (
        <p className="use-filter">
          <Tag data-testid="data-use-seqs-filter">
            {t("ledgerPage.seqsFilter", { seqs: seqs.split(",").join(", ") })}
          </Tag>
          <Button type="link" size="small" onClick={() => setParams({})}>
            {t("ledgerPage.seqsClear")}
          </Button>
        </p>
      ) : (
        <Segmented
          className="use-filter"
          aria-label={t("dataUse.filter")}
          value={showAll ? "all" : "others"}
          onChange={(value) => setParams(value === "all" ? { show: "all" } : {})}
          options={[
            { value: "others", label: t("dataUse.filterOthers") },
            { value: "all", label: t("dataUse.filterAll") },
          ]}
        />
      )}
      {body}
    </>
  );
}
