import { useCallback, useState } from "react";
import { useApi } from "../useApi";
import type { ApplicationDetail } from "./types";

/**
 * One application (GET /api/applications/:id); `update` takes the answer of a change (save, pre-fill,
 * submit, an officer's action), which is newer than the last load until the next load arrives.
 */
export function useApplication(id: string | null) {
  const loaded = useApi<ApplicationDetail>(id ? `/api/applications/${encodeURIComponent(id)}` : null);
  const [fresh, setFresh] = useState<{
    base: ApplicationDetail | undefined;
    detail: ApplicationDetail;
  } | null>(null);
  const base = loaded.data;
  const update = useCallback((detail: ApplicationDetail) => setFresh({ base, detail }), [base]);
  const latest = fresh && fresh.base === base ? fresh.detail : base;
  return {
    application: latest && latest.id === id ? latest : undefined,
    error: loaded.error,
    loading: loaded.loading,
    reload: loaded.reload,
    update,
  };
}
