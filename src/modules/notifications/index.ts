/**
 * The notifications module's public face: other modules call `notify` inside their own transaction;
 * the server runs the delivery worker.
 */
export { type DeliveryReport, deliverDue, startDeliveryWorker } from "./delivery.service.js";
export { seedDemoNotifications } from "./demo-notifications.js";
export { notificationRoutes } from "./notifications.routes.js";
export {
  type NotifyInput,
  type NotifyResult,
  notify,
  notifyAlong,
  notifyAlongMany,
  type SkipReason,
} from "./notifications.service.js";
