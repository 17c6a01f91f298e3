/** The catalog module's public face: the service catalogue (政务服务事项) and one-thing bundles. */
export { catalogRoutes } from "./catalog.routes.js";
export {
  type AssembledBundle,
  assembleBundle,
  type BundleQuery,
  type CatalogBundle,
  type CatalogItem,
  getBundle,
  getItem,
  type ItemQuery,
  type ItemRef,
  invalidateCatalog,
  itemDetail,
  itemRefsByPower,
  itemsForPower,
  listBundles,
  listItems,
  seedDemoServices,
  updateItem,
} from "./catalog.service.js";
export { compileForm } from "./form-schema.js";
