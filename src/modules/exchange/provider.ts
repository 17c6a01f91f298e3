import type { ServiceContext } from "../../platform/context.js";

/** Who a query is about: a person by 身份证号 or an organisation by 统一社会信用代码. */
export type SubjectKey = { type: "person"; idNumber: string } | { type: "organisation"; creditCode: string };

/** One record a registry holds about a subject (a person may own several properties, for example). */
export interface ProviderRecord {
  /** Field name (as in the catalogue) → value; only the fields asked for. */
  values: Record<string, string | number | boolean | null | string[]>;
  /** When the registry last updated this record (ISO 8601). */
  updatedAt: string;
}

/**
 * A registry that answers the gateway: the demo's own registries, or a department's system reached
 * over HTTP. Returns every record the registry holds about the subject, restricted to `fields`
 * (an empty array when it holds none). Throws DomainError("PROVIDER_UNAVAILABLE") when it cannot
 * answer (timeout, open circuit, bad response), never a partial answer.
 */
export interface RegistryProvider {
  lookup(ctx: ServiceContext, subject: SubjectKey, fields: readonly string[]): Promise<ProviderRecord[]>;
}
