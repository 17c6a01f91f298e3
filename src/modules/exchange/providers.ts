import { DomainError } from "../../platform/errors.js";
import type { CatalogueResource } from "./catalogue.service.js";
import type { RegistryProvider } from "./provider.js";

/** The registry that answers for a resource: built in, or the owner's own system over HTTP. */
export function providerFor(resource: CatalogueResource): RegistryProvider {
  return {
    lookup: async () => {
      throw new DomainError("PROVIDER_UNAVAILABLE", `${resource.name} has no registry connected`, undefined, {
        reason: "unreachable",
      });
    },
  };
}
