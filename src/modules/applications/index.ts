/** The applications module's public face: 办件 from draft to conclusion. */

export { applicationsRoutes } from "./applications.routes.js";
export * as applications from "./applications.service.js";
