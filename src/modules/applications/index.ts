/** The applications module's public face: 办件 from draft to conclusion, ratings and statistics. */

export { applicationsRoutes } from "./applications.routes.js";
export * as applications from "./applications.service.js";
export { type DemoApplicant, seedDemoHistory } from "./ratings.demo.js";
export { ratingsRoutes } from "./ratings.routes.js";
export * as ratings from "./ratings.service.js";
export { statsRoutes } from "./stats.routes.js";
export { applicationStats } from "./stats.service.js";
