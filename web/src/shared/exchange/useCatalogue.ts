import { useCallback, useMemo } from "react";
import type { CatalogueResource, ItemList, ResourceField } from "../api-types";
import { useI18n } from "../I18nProvider";
import { useApi } from "../useApi";

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
  const list = useApi<ItemList<CatalogueResource>>("/api/exchange/resources");
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
