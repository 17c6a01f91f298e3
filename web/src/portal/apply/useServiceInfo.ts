import { useEffect, useState } from "react";
import { ApiError, api } from "../../shared/api";
import type { ServiceBundle, ServiceItem } from "../../shared/applications/types";

/** A service item, or a one-thing bundle with its items, as the catalogue describes it. */
export type ServiceInfo =
  | { kind: "item"; code: string; item: ServiceItem }
  | { kind: "bundle"; code: string; bundle: ServiceBundle; items: ServiceItem[] };

const path = (base: string, code: string) => `${base}/${encodeURIComponent(code)}`;

async function loadService(code: string, signal: AbortSignal): Promise<ServiceInfo> {
  try {
    const item = await api<ServiceItem>(path("/api/services", code), { signal });
    return { kind: "item", code, item };
  } catch (error) {
    // A code names an item or a bundle, never both.
    if (!(error instanceof ApiError) || error.status !== 404) {
      throw error;
    }
  }
  const bundle = await api<ServiceBundle>(path("/api/bundles", code), { signal });
  const items = await Promise.all(
    bundle.items.map((entry) => api<ServiceItem>(path("/api/services", entry.code), { signal })),
  );
  return { kind: "bundle", code, bundle, items };
}

/** What the 须知 step shows: GET /api/services/:code, else GET /api/bundles/:code and its items. */
export function useServiceInfo(code: string): {
  data: ServiceInfo | undefined;
  error: ApiError | undefined;
  reload: () => void;
} {
  const [generation, setGeneration] = useState(0);
  const [state, setState] = useState<{ key: string; data?: ServiceInfo; error?: ApiError }>();
  const key = `${generation} ${code}`;
  useEffect(() => {
    const controller = new AbortController();
    loadService(code, controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) {
          setState({ key, data });
        }
      },
      (cause: unknown) => {
        if (!controller.signal.aborted) {
          setState({
            key,
            error:
              cause instanceof ApiError
                ? cause
                : new ApiError({ type: "about:blank", title: String(cause), status: 0 }),
          });
        }
      },
    );
    return () => controller.abort();
  }, [code, key]);
  const current = state?.key === key ? state : undefined;
  return { data: current?.data, error: current?.error, reload: () => setGeneration((g) => g + 1) };
}

/** The materials of an item or of all a bundle's items (one entry per material id). */
export function serviceMaterials(info: ServiceInfo): ServiceItem["materials"] {
  const items = info.kind === "item" ? [info.item] : info.items;
  const seen = new Map<string, ServiceItem["materials"][number]>();
  for (const item of items) {
    for (const material of item.materials) {
      if (!seen.has(material.id)) {
        seen.set(material.id, material);
      }
    }
  }
  return [...seen.values()];
}
