import { Alert, Button, Card, Checkbox, Empty, Input, Select, Skeleton } from "antd";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Link } from "react-router-dom";
import type {
  PublicRequest,
  PublicRequestFilters,
  PublicRequestPage,
} from "../../../../shared/requests/public";
import type { RequestStatus } from "../../../../shared/requests/types";
import { ApiError, api, withQuery } from "../../shared/api";
import { PageHeading } from "../../shared/components/PageHeading";
import { ProblemAlert } from "../../shared/components/ProblemAlert";
import { useI18n } from "../../shared/I18nProvider";
import type { MessageKey } from "../../shared/i18n";
import { PublicShell } from "../../shared/layout/PublicShell";
import { useApi } from "../../shared/useApi";
import { useDebouncedValue } from "../../shared/useDebouncedValue";
import { StatusTag } from "../labels";
import { fitView, type MapView, PublicRequestsMap, viewBox } from "./PublicRequestsMap";
import "../requests.css";
import "./public.css";

const PAGE = 20;

function useNarrow(): boolean {
  const query = "(max-width: 768px)";
  const [narrow, setNarrow] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const change = () => setNarrow(list.matches);
    list.addEventListener("change", change);
    return () => list.removeEventListener("change", change);
  }, []);
  return narrow;
}

/** The category as a path in Chinese; in English its own name (the tree's upper levels have no English path). */
export function categoryLabel(category: NonNullable<PublicRequest["category"]>, locale: string): string {
  return locale === "en" ? category.nameEn : category.path.join(" / ");
}

/** The generalised address, with the district in front when the address does not name it. */
export function placeOf(item: PublicRequest): string {
  if (item.district && !item.address?.includes(item.district.name)) {
    return [item.district.name, item.address].filter(Boolean).join(" ");
  }
  return item.address ?? "";
}

type Option<T> = { value: T; label: string } | { label: string; options: { value: T; label: string }[] };

/** A labelled select of the filter bar ("all" when cleared). */
function FilterSelect<T extends string>({
  id,
  label,
  value,
  onChange,
  options,
  search = false,
}: {
  id: string;
  label: string;
  value: T | undefined;
  onChange: (value: T | undefined) => void;
  options: Option<T>[];
  search?: boolean;
}) {
  const { t } = useI18n();
  return (
    <div className="public-requests__field">
      <label htmlFor={id}>{label}</label>
      <Select<T>
        id={id}
        allowClear
        {...(search ? { showSearch: { optionFilterProp: "label" } } : {})}
        value={value}
        onChange={(v) => onChange(v ?? undefined)}
        options={options}
        placeholder={t("publicRequests.all")}
      />
    </div>
  );
}

/** One request in the list: what, where, who handles it, how far it got. */
export function PublicRequestCard({ item }: { item: PublicRequest }) {
  const { t, pick, dateTime, locale } = useI18n();
  const heading =
    item.title ?? (item.category ? pick(item.category.name, item.category.nameEn) : item.number);
  return (
    <Card className="request-card" size="small" data-testid="public-request">
      <div className="request-card__head">
        <h3 className="request-card__title">
          <Link to={`/requests/public/${item.id}`}>{heading}</Link>
        </h3>
        <StatusTag status={item.status} />
      </div>
      <p className="request-card__text">{item.description}</p>
      <div className="request-card__meta">
        {item.category ? <span>{categoryLabel(item.category, locale)}</span> : null}
        <span>
          {t("publicRequests.handledBy", {
            name: item.department
              ? pick(item.department.name, item.department.nameEn)
              : t("publicRequests.undispatched"),
          })}
        </span>
        {placeOf(item) ? <span>{placeOf(item)}</span> : null}
        <span>{t("publicRequests.filed", { date: dateTime(item.createdAt) })}</span>
      </div>
    </Card>
  );
}

/** /requests/public: the public view of requests — filters, a map and a list, personal data removed. */
export function PublicRequestsPage() {
  const { t, pick } = useI18n();
  const narrow = useNarrow();
  const mapHeight = narrow ? 260 : 440;
  const filters = useApi<PublicRequestFilters>("/api/public/requests/filters");
  const [text, setText] = useState("");
  const [category, setCategory] = useState<string>();
  const [status, setStatus] = useState<RequestStatus>();
  const [district, setDistrict] = useState<string>();
  const [inView, setInView] = useState(false);
  const [view, setView] = useState<MapView | null>(null);
  const [mapWidth, setMapWidth] = useState(360);
  const [selected, setSelected] = useState<string | null>(null);
  const [items, setItems] = useState<PublicRequest[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError>();
  const fitted = useRef(false);

  const debouncedText = useDebouncedValue(text.trim(), 400);
  const debouncedView = useDebouncedValue(view, 400);
  const bbox = inView && debouncedView ? viewBox(debouncedView, mapWidth, mapHeight) : undefined;
  const query = useMemo(
    () => ({ text: debouncedText, category, status, district, bbox, limit: PAGE }),
    [debouncedText, category, status, district, bbox],
  );

  const load = useCallback(
    async (after: string | null, signal?: AbortSignal) => {
      setLoading(true);
      try {
        const page = await api<PublicRequestPage>(
          withQuery("/api/public/requests", { ...query, cursor: after ?? undefined }),
          signal ? { signal } : {},
        );
        if (signal?.aborted) {
          return;
        }
        setItems((previous) => (after ? [...previous, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setError(undefined);
      } catch (cause) {
        if (!signal?.aborted) {
          setError(
            cause instanceof ApiError
              ? cause
              : new ApiError({ type: "about:blank", title: String(cause), status: 0 }),
          );
        }
      } finally {
        if (!signal?.aborted) {
          setLoading(false);
        }
      }
    },
    [query],
  );

  useEffect(() => {
    const controller = new AbortController();
    setSelected(null);
    void load(null, controller.signal);
    return () => controller.abort();
  }, [load]);

  // The first answer decides where the map opens; later the reader moves it.
  useEffect(() => {
    if (!fitted.current && !loading) {
      fitted.current = true;
      setView(
        fitView(
          items.flatMap((i) => (i.location ? [i.location] : [])),
          mapWidth,
          mapHeight,
        ),
      );
    }
  }, [items, loading, mapWidth, mapHeight]);

  const shown = selected
    ? items.filter((i) => i.location && `${i.location.lat},${i.location.lng}` === selected)
    : items;

  const categoryOptions = useMemo(() => {
    const list = filters.data?.categories ?? [];
    return list
      .filter((c) => c.level === 1)
      .map((root) => ({
        label: pick(root.name, root.nameEn),
        options: [
          { value: root.code, label: `${pick(root.name, root.nameEn)} · ${t("publicRequests.all")}` },
          ...list
            .filter((c) => c.parent === root.code)
            .map((c) => ({ value: c.code, label: pick(c.name, c.nameEn) })),
        ],
      }))
      .filter((group) => group.options.length > 1);
  }, [filters.data, pick, t]);

  return (
    <PublicShell>
      <PageHeading title={t("publicRequests.title")} intro={t("publicRequests.intro")} />
      <section className="public-requests__filters" aria-label={t("publicRequests.filters")}>
        <div className="public-requests__field public-requests__field--text">
          <label htmlFor="pr-text">{t("publicRequests.text")}</label>
          <Input.Search
            id="pr-text"
            allowClear
            value={text}
            maxLength={50}
            placeholder={t("publicRequests.textHint")}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <FilterSelect
          id="pr-category"
          label={t("publicRequests.category")}
          value={category}
          onChange={setCategory}
          options={categoryOptions}
          search
        />
        <FilterSelect
          id="pr-status"
          label={t("publicRequests.status")}
          value={status}
          onChange={setStatus}
          options={(filters.data?.statuses ?? []).map((s) => ({
            value: s,
            label: t(`requests.status.${s}` as MessageKey),
          }))}
        />
        <FilterSelect
          id="pr-district"
          label={t("publicRequests.district")}
          value={district}
          onChange={setDistrict}
          options={(filters.data?.districts ?? []).map((d) => ({ value: d.code, label: d.name }))}
        />
        <Checkbox
          className="public-requests__inview"
          checked={inView}
          onChange={(e) => setInView(e.target.checked)}
        >
          {t("publicRequests.inView")}
        </Checkbox>
      </section>
      <div className="public-requests">
        <div className="public-requests__map">
          {view ? (
            <PublicRequestsMap
              items={items}
              view={view}
              onView={setView}
              height={mapHeight}
              selected={selected}
              onSelect={setSelected}
              onSize={setMapWidth}
            />
          ) : (
            <Skeleton.Node active style={{ width: "100%", height: mapHeight }} />
          )}
        </div>
        <section className="public-requests__list" aria-labelledby="pr-results" aria-busy={loading}>
          <h2 id="pr-results" className="section-title">
            {t("publicRequests.results")}
          </h2>
          {error ? <ProblemAlert error={error} onRetry={() => void load(null)} /> : null}
          {selected ? (
            <Alert
              type="info"
              showIcon
              title={t("publicRequests.atPoint", { count: shown.length })}
              action={
                <Button size="small" onClick={() => setSelected(null)}>
                  {t("publicRequests.showAll")}
                </Button>
              }
            />
          ) : null}
          {loading && items.length === 0 ? <Skeleton active /> : null}
          {!loading && items.length === 0 && !error ? <Empty description={t("publicRequests.none")} /> : null}
          <ol className="request-list" data-testid="public-request-list">
            {shown.map((item) => (
              <li key={item.id}>
                <PublicRequestCard item={item} />
              </li>
            ))}
          </ol>
          {cursor && !selected ? (
            <Button block loading={loading} onClick={() => void load(cursor)} data-testid="public-more">
              {t("publicRequests.more")}
            </Button>
          ) : null}
          <Alert
            className="public-requests__privacy"
            type="info"
            title={t("publicRequests.privacyTitle")}
            description={t("publicRequests.privacy")}
          />
        </section>
      </div>
    </PublicShell>
  );
}
