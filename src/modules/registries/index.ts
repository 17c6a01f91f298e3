/** The registries module's public face: the demo's registries and department systems as providers for the exchange. */
export {
  CircuitBreaker,
  type CircuitBreakerOptions,
  CircuitOpenError,
  type CircuitState,
} from "./circuit-breaker.js";
export {
  type HttpProviderOptions,
  type HttpRegistryProvider,
  httpProvider,
  type UnavailableReason,
} from "./http-provider.js";
export { findSubjectOperation, type SubjectOperation } from "./openapi-operation.js";
export type { RegistryRows } from "./registries.repository.js";
export {
  builtinProviders,
  prefetchFor,
  providedFields,
  providerFor,
  type RegistryPrefetch,
  seedRegistries,
} from "./registries.service.js";
