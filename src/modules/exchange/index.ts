/** The exchange module's public face: the catalogue, agreements, the gateway, consent and supervision. */
export * as agreements from "./agreements.service.js";
export * as catalogue from "./catalogue.service.js";
export * as consents from "./consent.service.js";
export { exchangeRoutes } from "./exchange.routes.js";
export * as gateway from "./gateway.service.js";
export * as supervision from "./supervision.service.js";
