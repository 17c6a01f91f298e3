import { Alert, Descriptions, Drawer, Tag } from "antd";
import type { ReactNode } from "react";
import { useI18n } from "../shared/I18nProvider";
import { ActionName } from "../shared/ledger/ActionName";
import {
  actorIdentity,
  actorName,
  knownRole,
  type LedgerEntryV1,
  purposeKey,
  type ShownEntry,
  SUBJECT_TYPE_KEY,
  shortHash,
  VIA_KEY,
} from "../shared/ledger/entry";
import { OutcomeTag } from "../shared/ledger/OutcomeTag";
import { RawEntry } from "../shared/ledger/RawEntry";
import { useVerification, VerifyButton, VerifyOutcome } from "../shared/ledger/VerifyEntry";
import { ROLE_COLOUR, roleLabel } from "../shared/roles";

type DetailValue = LedgerEntryV1["details"][string];

function None() {
  const { t } = useI18n();
  return <span className="muted">{t("ledgerEntry.none")}</span>;
}

function RoleTags({ roles }: { roles: readonly string[] }) {
  const { t } = useI18n();
  if (roles.length === 0) {
    return <None />;
  }
  return (
    <>
      {roles.map((role) => {
        const known = knownRole(role);
        return (
          <Tag key={role} color={known ? ROLE_COLOUR[known] : undefined}>
            {known ? t(roleLabel(known)) : role}
          </Tag>
        );
      })}
    </>
  );
}

/** The entry's fields, in words, for an auditor. */
function EntryFacts({
  item,
  entry,
  departmentName,
}: {
  item: ShownEntry;
  entry: LedgerEntryV1;
  departmentName: (id: string) => string;
}) {
  const { t, locale } = useI18n();
  const fullTime = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "medium" });
  const subjects = item.identities.filter((identity) => identity.kind === "subject");
  const text = (value: string | null) => (value ? value : <None />);

  // Details are machine facts; departments and roles in them get their names.
  const detail = (key: string, value: DetailValue): ReactNode => {
    if (Array.isArray(value)) {
      if (key === "departments") {
        return value.length ? value.map(departmentName).join("、") : <None />;
      }
      if (key === "roles") {
        return <RoleTags roles={value} />;
      }
      return value.length ? <span className="code">{value.join(", ")}</span> : <None />;
    }
    return value === null ? <None /> : <span className="code">{String(value)}</span>;
  };
  const details = Object.entries(entry.details);
  const knownPurpose = entry.purpose ? purposeKey(entry.purpose) : null;
  const purpose = knownPurpose ? t(knownPurpose) : entry.purpose;

  const items: { key: string; label: string; children: ReactNode }[] = [
    {
      key: "time",
      label: t("ledgerEntry.time"),
      children: (
        <>
          <div>{fullTime.format(new Date(entry.time))}</div>
          <div className="code muted small">{entry.time}</div>
        </>
      ),
    },
    { key: "action", label: t("ledgerEntry.action"), children: <ActionName action={entry.action} /> },
    { key: "outcome", label: t("ledgerEntry.outcome"), children: <OutcomeTag outcome={entry.outcome} /> },
    {
      key: "actor",
      label: t("ledgerEntry.actor"),
      children: (
        <span className={actorIdentity(item) ? "strong" : "muted"} data-testid="entry-actor">
          {actorName(item, t)}
        </span>
      ),
    },
    { key: "roles", label: t("ledgerEntry.roles"), children: <RoleTags roles={entry.actor.roles} /> },
    {
      key: "departments",
      label: t("ledgerEntry.departments"),
      children: entry.actor.departments.length ? (
        <ul className="plain-list">
          {entry.actor.departments.map((id) => (
            <li key={id}>{departmentName(id)}</li>
          ))}
        </ul>
      ) : (
        <None />
      ),
    },
    { key: "via", label: t("ledgerEntry.via"), children: t(VIA_KEY[entry.actor.via]) },
    {
      key: "accountHash",
      label: t("ledgerEntry.accountHash"),
      children: entry.actor.account ? (
        <span className="code" title={entry.actor.account}>
          {shortHash(entry.actor.account)}
        </span>
      ) : (
        <None />
      ),
    },
    {
      key: "subjects",
      label: t("ledgerEntry.subjects"),
      children:
        entry.subjects.length === 0 && subjects.length === 0 ? (
          <None />
        ) : (
          <ul className="plain-list">
            {subjects.map((identity) => (
              <li key={`${identity.type}:${identity.id}`}>
                <Tag>{t(SUBJECT_TYPE_KEY[identity.type])}</Tag>
                {identity.label ?? t("ledger.unlabelled")}
              </li>
            ))}
            {entry.subjects.length > subjects.length ? (
              <li className="muted">
                {t("ledgerPage.moreSubjects", { count: entry.subjects.length - subjects.length })}
              </li>
            ) : null}
          </ul>
        ),
    },
    {
      key: "resource",
      label: t("ledgerEntry.resource"),
      children: entry.resource ? <span className="code">{entry.resource}</span> : <None />,
    },
    { key: "purpose", label: t("ledgerEntry.purpose"), children: text(purpose) },
    { key: "legalBasis", label: t("ledgerEntry.legalBasis"), children: text(entry.legalBasis) },
    { key: "reference", label: t("ledgerEntry.reference"), children: text(entry.reference) },
    {
      key: "policies",
      label: t("ledgerEntry.policies"),
      children: entry.policies.length ? (
        entry.policies.map((policy) => (
          <Tag key={policy} className="code">
            {policy}
          </Tag>
        ))
      ) : (
        <None />
      ),
    },
    {
      key: "details",
      label: t("ledgerEntry.details"),
      children: details.length ? (
        <dl className="detail-list">
          {details.map(([key, value]) => (
            <div key={key}>
              <dt className="code">{key}</dt>
              <dd>{detail(key, value)}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <None />
      ),
    },
    {
      key: "requestId",
      label: t("ledgerEntry.requestId"),
      children: entry.requestId ? <span className="code">{entry.requestId}</span> : <None />,
    },
    { key: "seq", label: t("ledgerEntry.seq"), children: <span className="code">{item.seq}</span> },
    {
      key: "index",
      label: t("ledgerEntry.index"),
      children:
        item.index === null ? (
          <Tag className="pending-tag">{t("ledger.pending")}</Tag>
        ) : (
          <span className="code">{t("ledger.indexValue", { index: item.index })}</span>
        ),
    },
  ];

  return <Descriptions column={1} size="small" bordered items={items} className="entry-facts" />;
}

/** One ledger entry for an auditor: its fields in words, an in-browser proof check and the raw JSON. */
export function LedgerEntryDrawer({
  item,
  departmentName,
  onClose,
}: {
  item: ShownEntry;
  departmentName: (id: string) => string;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const verification = useVerification(item.index, item.body);
  return (
    <Drawer
      open
      size={Math.min(720, window.innerWidth)}
      title={
        item.index === null ? t("ledgerEntry.title") : t("ledgerEntry.titleIndexed", { index: item.index })
      }
      extra={
        item.index === null ? null : <VerifyButton index={item.index} verification={verification} primary />
      }
      onClose={onClose}
      className="entry-drawer"
    >
      <div className="entry-drawer__verify">
        {item.index === null ? (
          <VerifyButton index={null} verification={verification} />
        ) : (
          <p className="muted small">{t("ledgerEntry.verifyIntro")}</p>
        )}
        <VerifyOutcome verification={verification} />
      </div>
      <section aria-labelledby="entry-facts-title">
        <h3 className="drawer-section-title" id="entry-facts-title">
          {t("ledgerEntry.summary")}
        </h3>
        {item.entry ? (
          <EntryFacts item={item} entry={item.entry} departmentName={departmentName} />
        ) : (
          <Alert type="warning" showIcon title={t("ledgerEntry.unreadable")} />
        )}
      </section>
      <section className="drawer-section">
        <RawEntry body={item.body} defaultOpen />
      </section>
    </Drawer>
  );
}
