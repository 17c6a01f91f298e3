import { SearchOutlined } from "@ant-design/icons";
import { Button, Empty, Input, Select, Skeleton } from "antd";
import { useMemo, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { useDepartmentsByCode } from "../rights/useDepartmentsByCode";
import { withQuery } from "../shared/api";
import {
  type CatalogueResource,
  type ItemList,
  SHARING_CLASS_LABELS,
  type SharingClass,
  type SubjectType,
} from "../shared/api-types";
import { PageHeading } from "../shared/components/PageHeading";
import { ProblemAlert } from "../shared/components/ProblemAlert";
import { DATA_CLASS_KEY, FREQUENCY_KEY, SUBJECT_TYPE_KEY } from "../shared/exchange/labels";
import { SharingClassTag } from "../shared/exchange/Tags";
import { useI18n } from "../shared/I18nProvider";
import { PublicShell } from "../shared/layout/PublicShell";
import { useApi } from "../shared/useApi";
import { useDebouncedValue } from "../shared/useDebouncedValue";
import { ResourceDrawer } from "./ResourceDrawer";

const ALL = "";
const SHARING_CLASSES: readonly SharingClass[] = ["unconditional", "conditional", "none"];
const SUBJECT_TYPES: readonly SubjectType[] = ["person", "organisation"];

function ResourceCard({
  resource,
  ownerName,
  onOpen,
}: {
  resource: CatalogueResource;
  ownerName: string;
  onOpen: () => void;
}) {
  const { t, pick } = useI18n();
  const headingId = `resource-${resource.id}`;
  return (
    <li>
      <article
        className="power-card resource-card"
        aria-labelledby={headingId}
        data-testid="resource-card"
        data-id={resource.id}
      >
        <header className="power-card__head">
          <div>
            <h2 className="power-card__title" id={headingId}>
              {pick(resource.name, resource.nameEn)}
            </h2>
            <p className="power-card__meta">
              <span className="code">{resource.code}</span>
            </p>
          </div>
          <div className="power-card__tags">
            <SharingClassTag value={resource.sharingClass} />
          </div>
        </header>
        <dl className="power-card__fields">
          <div className="power-card__row">
            <dt>{t("catalogue.owner")}</dt>
            <dd data-testid="resource-owner">{ownerName}</dd>
          </div>
          <div className="power-card__row">
            <dt>{t("catalogue.dataClass")}</dt>
            <dd>
              {t(DATA_CLASS_KEY[resource.dataClass])} · {t(SUBJECT_TYPE_KEY[resource.subjectType])}
            </dd>
          </div>
          <div className="power-card__row">
            <dt>{t("catalogue.frequency")}</dt>
            <dd>{t(FREQUENCY_KEY[resource.updateFrequency])}</dd>
          </div>
        </dl>
        <div className="resource-card__foot">
          <span className="muted small">{t("catalogue.fieldCount", { n: resource.fields.length })}</span>
          <Button
            onClick={onOpen}
            aria-label={t("catalogue.openLabel", { name: pick(resource.name, resource.nameEn) })}
          >
            {t("catalogue.open")}
          </Button>
        </div>
      </article>
    </li>
  );
}

/** /data/catalogue: the public data-resource catalogue (政务数据资源目录), searchable, no sign-in. */
export function CataloguePage() {
  const { t, pick } = useI18n();
  const departments = useDepartmentsByCode();
  const [params, setParams] = useSearchParams();
  const [query, setQuery] = useState(params.get("q") ?? "");
  const [owner, setOwner] = useState(params.get("owner") ?? ALL);
  const [sharingClass, setSharingClass] = useState<SharingClass | typeof ALL>(
    SHARING_CLASSES.find((c) => c === params.get("sharingClass")) ?? ALL,
  );
  const [subjectType, setSubjectType] = useState<SubjectType | typeof ALL>(
    SUBJECT_TYPES.find((c) => c === params.get("subjectType")) ?? ALL,
  );
  const q = useDebouncedValue(query.trim()).slice(0, 100);
  const list = useApi<ItemList<CatalogueResource>>(
    withQuery("/api/exchange/resources", { q, owner, sharingClass, subjectType }),
  );
  // The owner filter offers the departments that own something, from the unfiltered catalogue.
  const all = useApi<ItemList<CatalogueResource>>("/api/exchange/resources");
  const owners = useMemo(() => [...new Set((all.data?.items ?? []).map((r) => r.owner))], [all.data]);
  const openId = params.get("resource");
  const open = openId
    ? (list.data?.items.find((r) => r.id === openId) ?? all.data?.items.find((r) => r.id === openId))
    : undefined;

  const setOpen = (id: string | null) => {
    const copy = new URLSearchParams(params);
    if (id) {
      copy.set("resource", id);
    } else {
      copy.delete("resource");
    }
    setParams(copy);
  };

  const items = list.data?.items ?? [];

  return (
    <PublicShell
      overlay={
        open ? (
          <ResourceDrawer
            resource={open}
            ownerName={departments.name(open.owner)}
            onClose={() => setOpen(null)}
          />
        ) : null
      }
    >
      <PageHeading title={t("catalogue.title")} intro={t("catalogue.intro")} />
      <search className="toolbar rights-toolbar" aria-label={t("catalogue.filters")}>
        <Input
          className="rights-search"
          allowClear
          prefix={<SearchOutlined aria-hidden="true" />}
          aria-label={t("catalogue.search")}
          placeholder={t("catalogue.searchPlaceholder")}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          data-testid="catalogue-search"
        />
        <Select<string>
          className="toolbar__select"
          aria-label={t("catalogue.owner")}
          value={owner}
          onChange={setOwner}
          options={[
            { value: ALL, label: t("catalogue.allOwners") },
            ...owners.map((code) => ({ value: code, label: departments.name(code) })),
          ]}
        />
        <Select<SharingClass | typeof ALL>
          className="toolbar__select"
          aria-label={t("catalogue.sharingClass")}
          value={sharingClass}
          onChange={setSharingClass}
          options={[
            { value: ALL, label: t("catalogue.allSharing") },
            ...SHARING_CLASSES.map((value) => ({
              value,
              label: pick(SHARING_CLASS_LABELS[value].zh, SHARING_CLASS_LABELS[value].en),
            })),
          ]}
        />
        <Select<SubjectType | typeof ALL>
          className="toolbar__select"
          aria-label={t("catalogue.subjectType")}
          value={subjectType}
          onChange={setSubjectType}
          options={[
            { value: ALL, label: t("catalogue.allSubjects") },
            ...SUBJECT_TYPES.map((value) => ({ value, label: t(SUBJECT_TYPE_KEY[value]) })),
          ]}
        />
      </search>
      {list.error ? <ProblemAlert error={list.error} onRetry={list.reload} /> : null}
      {list.loading && !list.data ? (
        <div role="status" aria-live="polite">
          <span className="visually-hidden">{t("app.loading")}</span>
          <Skeleton active paragraph={{ rows: 8 }} />
        </div>
      ) : null}
      {list.data ? (
        <p className="muted" aria-live="polite" data-testid="catalogue-count">
          {t("catalogue.count", { total: items.length })}
        </p>
      ) : null}
      {list.data && items.length === 0 ? <Empty description={t("catalogue.none")} /> : null}
      <ul className="resource-grid" aria-label={t("catalogue.title")}>
        {items.map((resource) => (
          <ResourceCard
            key={resource.id}
            resource={resource}
            ownerName={departments.name(resource.owner)}
            onOpen={() => setOpen(resource.id)}
          />
        ))}
      </ul>
      <p className="muted small rights-note">{t("catalogue.note")}</p>
    </PublicShell>
  );
}
