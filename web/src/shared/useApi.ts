import { useCallback, useEffect, useState } from "react";
import { ApiError, api } from "./api";

export interface ApiState<T> {
  /** The latest answer; kept while a new path loads, so tables do not flash empty. */
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

interface Settled {
  key: string;
  error: ApiError | undefined;
}

/** Fetches a GET endpoint and re-fetches when the path changes; pass null to fetch nothing. */
export function useApi<T>(path: string | null): ApiState<T> {
  const [generation, setGeneration] = useState(0);
  const [data, setData] = useState<T>();
  const [settled, setSettled] = useState<Settled | null>(null);
  // What is being asked for now; "loading" is derived from it, so the render in which the path
  // changes already says so (an effect would say it one frame late).
  const key = path === null ? null : `${generation} ${path}`;

  useEffect(() => {
    if (path === null || key === null) {
      return;
    }
    const controller = new AbortController();
    api<T>(path, { signal: controller.signal })
      .then((result) => {
        if (controller.signal.aborted) {
          return;
        }
        setData(result);
        setSettled({ key, error: undefined });
      })
      .catch((cause: unknown) => {
        if (controller.signal.aborted) {
          return;
        }
        setSettled({
          key,
          error:
            cause instanceof ApiError
              ? cause
              : new ApiError({ type: "about:blank", title: String(cause), status: 0 }),
        });
      });
    return () => controller.abort();
  }, [path, key]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const current = key !== null && settled?.key === key;
  return {
    data,
    error: current ? settled.error : undefined,
    loading: key !== null && !current,
    reload,
  };
}
