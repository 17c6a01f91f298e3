import { useCallback, useEffect, useMemo, useState } from "react";
import { type ApiError, api } from "../api";
import type { CatalogueResource, ItemList, ResourceField } from "../api-types";
import { useI18n } from "../I18nProvider";
import type { useApi } from "../useApi";

/** One request for the catalogue shared by every component on the page, refreshed after a minute. */
const CACHE_MS = 60_000;
let shared: { at: number; answer: Promise<ItemList<CatalogueResource>> } | null = null;

function loadCatalogue(force: boolean): Promise<ItemList<CatalogueResource>> {
  if (!shared || force || Date.now() - shared.at > CACHE_MS) {
    const answer = api<ItemList<CatalogueResource>>("/api/exchange/resources");
    shared = { at: Date.now(), answer };
    // A failed answer is not kept: the next component asks again.
    answer.catch(() => {
      if (shared?.answer === answer) {
        shared = null;
      }
    });
  }
  return shared.answer;
}

export interface Catalogue {
  resources: CatalogueResource[];
  byId: Map<string, CatalogueResource>;
  /** The resource's name in the current language, or its id when unknown. */
  name: (id: string) => string;
  /** A field's label in the current language, or its name when unknown. */
  fieldLabel: (resourceId: string, field: string) => string;
  /** A field's definition, when the catalogue has it. */
  field: (resourceId: string, field: string) => ResourceField | undefined;
  loading: boolean;
  error: ReturnType<typeof useApi>["error"];
  reload: () => void;
}

/** The public data-resource catalogue, for names and field labels (GET /api/exchange/resources). */
export function useCatalogue(): Catalogue {
  const { pick } = useI18n();
  const [generation, setGeneration] = useState(0);
  const [data, setData] = useState<ItemList<CatalogueResource>>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    let live = true;
    setLoading(true);
    loadCatalogue(generation > 0).then(
      (answer) => {
        if (live) {
          setData(answer);
          setError(undefined);
          setLoading(false);
        }
      },
      (cause: ApiError) => {
        if (live) {
          setError(cause);
          setLoading(false);
        }
      },
    );
    return () => {
      live = false;
    };
  }, [generation]);
  const list = { data, error, loading, reload: () => setGeneration((g) => g + 1) };
  const resources = useMemo(() => list.data?.items ?? [], [list.data]);
  const byId = useMemo(() => new Map(resources.map((r) => [r.id, r])), [resources]);
  const name = useCallback(
    (id: string) => {
      const r = byId.get(id);
      return r ? pick(r.name, r.nameEn) : id;
    },
    [byId, pick],
  );
  const field = useCallback(
    (resourceId: string, fieldName: string) => byId.get(resourceId)?.fields.find((f) => f.name === fieldName),
    [byId],
  );
  const fieldLabel = useCallback(
    (resourceId: string, fieldName: string) => {
      const f = field(resourceId, fieldName);
      return f ? pick(f.label, f.labelEn) : fieldName;
    },
    [field, pick],
  );
  return {
    resources,
    byId,
    name,
    fieldLabel,
    field,
    loading: list.loading,
    error: list.error,
    reload: list.reload,
  };
}
