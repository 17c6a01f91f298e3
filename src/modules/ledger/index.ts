/** The ledger module's public face: every module records its sensitive actions through `ctx.ledger.record`. */
export { type LedgerKeys, loadLedgerKeys } from "./ledger.keys.js";
export type { Companion } from "./ledger.repository.js";
export { ledgerRoutes } from "./ledger.routes.js";
export {
  type Actor,
  ANONYMOUS,
  createLedger,
  integrate,
  integrateAll,
  type Ledger,
  type RecordInput,
  SYSTEM,
  startIntegrator,
} from "./ledger.service.js";
