/** The policy module's public face: the one decision point and the rights lists. */
export { type Decision, PolicyEngine } from "./policy.engine.js";
export type { RawReadFacts } from "./policy.repository.js";
export { policyRoutes } from "./policy.routes.js";
export {
  authorizeRead,
  chinaDay,
  decide,
  declareRelation,
  evaluateRead,
  explainDecision,
  NO_ACCOUNT,
  noteReadSql,
  noteReadsSql,
  readFactsSql,
  rightsInForce,
  seedDemoRights,
} from "./policy.service.js";
export { routeAuthorizer } from "./route-authorizer.js";
