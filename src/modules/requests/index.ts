/** The requests module's public face (接诉即办): intake, dispatch, handling, return visits, Open311. */

export { CATEGORY_TREE, FIRST_LEVEL_LABELS } from "./categories.data.js";
export * as categories from "./categories.service.js";
export { insertPastRequests, type PastRequest, seedDemoRequestHistory } from "./demo-rates.js";
export { seedDemoRequests } from "./demo-requests.js";
export {
  type Classifier,
  fromLabelClassifier,
  keywordClassifier,
  type Proposal,
  plugClassifier,
  pluggedClassifier,
} from "./dispatch.js";
export * as handling from "./handling.service.js";
export { open311Routes } from "./open311.routes.js";
export * as open311 from "./open311.service.js";
export { publicRequestsRoutes } from "./public.routes.js";
export * as publicRequests from "./public.service.js";
export { ratesRoutes } from "./rates.routes.js";
export * as rates from "./rates.service.js";
export { requestsRoutes } from "./requests.routes.js";
export * as requests from "./requests.service.js";
export { redactText } from "./text.js";
