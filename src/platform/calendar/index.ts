export * from "./calendar.js";
export { calendarRoutes } from "./calendar.routes.js";
export { calendarFor } from "./calendar.service.js";
export * from "./holidays.js";
