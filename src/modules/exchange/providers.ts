import { DomainError } from "../../platform/errors.js";
import { providerFor as builtinProvider, httpProvider } from "../registries/index.js";
import type { CatalogueResource } from "./catalogue.service.js";
import type { RegistryProvider } from "./provider.js";

/** HTTP providers keep their circuit breaker's state, so each resource version has one. */
const connected = new Map<string, { version: number; provider: RegistryProvider }>();

/** The registry that answers for a resource: built in, or the owner's own system over HTTP. */
export function providerFor(resource: CatalogueResource): RegistryProvider {
  const config = resource.provider;
  if (config.kind === "http") {
    const hit = connected.get(resource.id);
    if (hit && hit.version === resource.version) {
      return hit.provider;
    }
    const provider = httpProvider({
      openapi: config.openapi,
      operationId: config.operationId,
      baseUrl: config.baseUrl,
      timeoutMs: config.timeoutMs,
    });
    connected.set(resource.id, { version: resource.version, provider });
    return provider;
  }
  const builtin = builtinProvider(resource.id);
  if (!builtin) {
    throw new DomainError("PROVIDER_UNAVAILABLE", `${resource.name} has no registry connected`, undefined, {
      reason: "unreachable",
    });
  }
  return builtin;
}
