import type { FormInstance } from "antd";
import { useState } from "react";
import { ApiError } from "../shared/api";
import { showProblemOnField } from "../shared/formErrors";

/** A form's submission: busy while it runs; a problem goes under its field, else into `error`. */
export function useSubmit<T>(form?: FormInstance<T>, fields: readonly string[] = []) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = async (call: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await call();
    } catch (cause) {
      if (!(cause instanceof ApiError)) {
        throw cause;
      }
      if (!form || !showProblemOnField(form, cause, fields)) {
        setError(cause);
      }
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

/** The fields the citizen's form and the hotline screen share, as the API takes them. */
export function commonBody(values: {
  title?: string | undefined;
  description: string;
  category?: string[] | undefined;
  address?: string | undefined;
  lat?: number | null | undefined;
  lng?: number | null | undefined;
  anonymous?: boolean | undefined;
  publicView?: boolean | undefined;
}): Record<string, unknown> {
  return {
    ...(values.title ? { title: values.title } : {}),
    description: values.description,
    ...(values.category?.length ? { category: values.category[values.category.length - 1] } : {}),
    ...(values.address ? { address: values.address } : {}),
    ...(typeof values.lat === "number" && typeof values.lng === "number"
      ? { lat: values.lat, lng: values.lng }
      : {}),
    anonymous: values.anonymous ?? false,
    publicView: values.publicView ?? true,
  };
}
