/** The identity module's public face: other modules import only from here. */
export * as accounts from "./accounts.service.js";
export * as auth from "./auth.service.js";
export { makeCreditCode, parseCreditCode } from "./credit-code.js";
export * as directory from "./directory.service.js";
export { importDivisions } from "./divisions-import.js";
export { makeIdNumber, maskIdNumber, maskMobile, parseIdNumber } from "./id-number.js";
export { identityRoutes } from "./identity.routes.js";
export { ROLES, type Role } from "./identity.tables.js";
export { ROLE_INFO } from "./roles.js";
export { TOKEN_SCOPES } from "./scopes.js";
