import { SearchOutlined } from "@ant-design/icons";
import { Empty, Input, Select, Skeleton, Tag } from "antd";
import { useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { POWER_TYPE_COLOUR, POWER_TYPE_KEY } from "../rights/labels";
import { useDepartmentsByCode } from "../rights/useDepartmentsByCode";
import { withQuery } from "../shared/api";
import type { ItemList } from "../shared/api-types";
import { PageHeading } from "../shared/components/PageHeading";
import { ProblemAlert } from "../shared/components/ProblemAlert";
import { useI18n } from "../shared/I18nProvider";
import { PublicShell } from "../shared/layout/PublicShell";
import {
  type Audience,
  type BundleSummary,
  LIFE_EVENT_LABELS,
  LIFE_EVENTS,
  type LifeEvent,
  type ServiceSummary,
} from "../shared/services-api";
import { useApi } from "../shared/useApi";
import { useDebouncedValue } from "../shared/useDebouncedValue";
import { ApplyButton, LIFE_EVENT_ICON, LinkButton, useFee, usePromised, VisitsTag } from "./parts";
import "./services.css";

const ALL = "";
const AUDIENCES: readonly Audience[] = ["person", "organisation"];

function BundleCard({
  bundle,
  departmentName,
}: {
  bundle: BundleSummary;
  departmentName: (c: string) => string;
}) {
  const { t, pick } = useI18n();
  const promised = usePromised();
  const name = pick(bundle.name, bundle.nameEn);
  const departments = new Set(bundle.items.map((i) => i.department));
  return (
    <li>
      <article
        className="power-card bundle-card"
        aria-labelledby={`bundle-${bundle.code}`}
        data-testid="bundle-card"
        data-code={bundle.code}
      >
        <header className="power-card__head">
          <div>
            <h3 className="power-card__title" id={`bundle-${bundle.code}`}>
              {name}
            </h3>
            <p className="power-card__meta">
              {t("services.bundleItems", { n: bundle.items.length, departments: departments.size })} ·{" "}
              {promised(bundle.promisedDays)}
            </p>
          </div>
          <div className="power-card__tags">
            <Tag className="good-tag">{t("services.visits0")}</Tag>
          </div>
        </header>
        <p className="bundle-card__summary">{pick(bundle.summary, bundle.summaryEn)}</p>
        <ol className="bundle-card__items">
          {bundle.items.map((item) => (
            <li key={item.code}>
              <Link to={`/services/${encodeURIComponent(item.code)}`}>{pick(item.name, item.nameEn)}</Link>
              {item.department ? (
                <span className="muted small"> · {departmentName(item.department)}</span>
              ) : null}
            </li>
          ))}
        </ol>
        <div className="resource-card__foot">
          <LinkButton
            to={`/services/bundles/${encodeURIComponent(bundle.code)}`}
            aria-label={t("services.openBundleLabel", { name })}
          >
            {t("services.openBundle")}
          </LinkButton>
          <ApplyButton code={bundle.code} name={name} />
        </div>
      </article>
    </li>
  );
}

function ItemCard({ item, departmentName }: { item: ServiceSummary; departmentName: string }) {
  const { t, pick } = useI18n();
  const promised = usePromised();
  const fee = useFee();
  const name = pick(item.name, item.nameEn);
  return (
    <li>
      <article
        className="power-card resource-card service-card"
        aria-labelledby={`item-${item.code}`}
        data-testid="service-card"
        data-code={item.code}
      >
        <header className="power-card__head">
          <div>
            <h3 className="power-card__title" id={`item-${item.code}`}>
              {name}
            </h3>
            <p className="power-card__meta">
              <span data-testid="service-department">{departmentName}</span> ·{" "}
              <span className="code">{item.code}</span>
            </p>
          </div>
          <div className="power-card__tags">
            <Tag color={POWER_TYPE_COLOUR[item.itemType]}>{t(POWER_TYPE_KEY[item.itemType])}</Tag>
            <VisitsTag visits={item.visits} />
          </div>
        </header>
        <p className="service-card__summary">{pick(item.summary, item.summaryEn)}</p>
        <p className="service-card__facts muted small">
          {promised(item.promisedDays)} · {fee(item.fee)} ·{" "}
          {t("services.materialsShort", { total: item.materialsTotal, obtained: item.materialsObtained })}
        </p>
        <div className="resource-card__foot">
          <LinkButton
            to={`/services/${encodeURIComponent(item.code)}`}
            aria-label={t("services.openItemLabel", { name })}
          >
            {t("services.openItem")}
          </LinkButton>
          <ApplyButton code={item.code} name={name} />
        </div>
      </article>
    </li>
  );
}

/** /services: the public service catalogue (办事服务) by life event, department and text, bundles first. */
export function ServicesPage() {
  const { t, pick } = useI18n();
  const departments = useDepartmentsByCode();
  const [params, setParams] = useSearchParams();
  const [query, setQuery] = useState(params.get("q") ?? "");
  const lifeEvent = LIFE_EVENTS.find((e) => e === params.get("lifeEvent")) ?? ALL;
  const department = params.get("department") ?? ALL;
  const audience = AUDIENCES.find((a) => a === params.get("audience")) ?? ALL;
  const q = useDebouncedValue(query.trim()).slice(0, 100);
  const filters = { lifeEvent, department, audience, q };
  const items = useApi<ItemList<ServiceSummary>>(withQuery("/api/services", filters));
  const bundles = useApi<ItemList<BundleSummary>>(withQuery("/api/bundles", filters));
  // The department filter offers the departments that handle something, from the whole catalogue.
  const all = useApi<ItemList<ServiceSummary>>("/api/services");
  const handling = useMemo(
    () => [...new Set((all.data?.items ?? []).map((i) => i.department))].sort(),
    [all.data],
  );

  const setParam = (key: string, value: string) => {
    const copy = new URLSearchParams(params);
    if (value) {
      copy.set(key, value);
    } else {
      copy.delete(key);
    }
    setParams(copy, { replace: true });
  };

  const foundItems = items.data?.items ?? [];
  const foundBundles = bundles.data?.items ?? [];
  const error = items.error ?? bundles.error;
  const loaded = items.data && bundles.data;

  return (
    <PublicShell>
      <PageHeading title={t("services.title")} intro={t("services.intro")} />
      <nav className="life-events" aria-label={t("services.lifeEvents")}>
        <ul className="life-events__list">
          {[ALL, ...LIFE_EVENTS].map((event) => {
            const pressed = event === lifeEvent;
            return (
              <li key={event || "all"}>
                <button
                  type="button"
                  className={pressed ? "life-event life-event--on" : "life-event"}
                  aria-pressed={pressed}
                  onClick={() => setParam("lifeEvent", event)}
                  data-testid="life-event"
                  data-event={event || "all"}
                >
                  {event ? LIFE_EVENT_ICON[event as LifeEvent] : null}
                  <span>
                    {event
                      ? pick(
                          LIFE_EVENT_LABELS[event as LifeEvent].zh,
                          LIFE_EVENT_LABELS[event as LifeEvent].en,
                        )
                      : t("services.allLifeEvents")}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      </nav>
      <search className="toolbar rights-toolbar" aria-label={t("services.filters")}>
        <Input
          className="rights-search"
          allowClear
          prefix={<SearchOutlined aria-hidden="true" />}
          aria-label={t("services.search")}
          placeholder={t("services.searchPlaceholder")}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setParam("q", event.target.value.trim());
          }}
          data-testid="services-search"
        />
        <Select<string>
          className="toolbar__wide-select"
          aria-label={t("services.department")}
          value={department}
          onChange={(value) => setParam("department", value)}
          options={[
            { value: ALL, label: t("services.allDepartments") },
            ...handling.map((code) => ({ value: code, label: departments.name(code) })),
          ]}
          data-testid="services-department"
        />
        <Select<string>
          className="toolbar__select"
          aria-label={t("services.audience")}
          value={audience}
          onChange={(value) => setParam("audience", value)}
          options={[
            { value: ALL, label: t("services.allAudiences") },
            ...AUDIENCES.map((value) => ({ value, label: t(`services.audience.${value}`) })),
          ]}
        />
      </search>
      {error ? (
        <ProblemAlert
          error={error}
          onRetry={() => {
            items.reload();
            bundles.reload();
          }}
        />
      ) : null}
      {!loaded && !error ? (
        <div role="status" aria-live="polite">
          <span className="visually-hidden">{t("app.loading")}</span>
          <Skeleton active paragraph={{ rows: 8 }} />
        </div>
      ) : null}
      {loaded ? (
        <p className="muted" aria-live="polite" data-testid="services-count">
          {t("services.count", { bundles: foundBundles.length, items: foundItems.length })}
        </p>
      ) : null}
      {loaded && foundItems.length === 0 && foundBundles.length === 0 ? (
        <Empty description={t("services.none")} />
      ) : null}
      {foundBundles.length > 0 ? (
        <section className="services-group" aria-labelledby="bundles-title">
          <h2 className="section-title" id="bundles-title">
            {t("services.bundlesTitle")}
          </h2>
          <p className="muted services-group__intro">{t("services.bundlesIntro")}</p>
          <ul className="resource-grid bundle-grid">
            {foundBundles.map((bundle) => (
              <BundleCard key={bundle.code} bundle={bundle} departmentName={departments.name} />
            ))}
          </ul>
        </section>
      ) : null}
      {foundItems.length > 0 ? (
        <section className="services-group" aria-labelledby="items-title">
          <h2 className="section-title" id="items-title">
            {t("services.itemsTitle")}
          </h2>
          <ul className="resource-grid">
            {foundItems.map((item) => (
              <ItemCard key={item.code} item={item} departmentName={departments.name(item.department)} />
            ))}
          </ul>
        </section>
      ) : null}
    </PublicShell>
  );
}
