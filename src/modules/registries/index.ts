/** The registries module's public face: the demo's registries as providers for the exchange. */
export type { RegistryRows } from "./registries.repository.js";
export { builtinProviders, providedFields, providerFor, seedRegistries } from "./registries.service.js";
