import type { ServiceContext } from "../../platform/context.js";
import type { ConclusionHooks } from "./applications.service.js";

/**
 * What happens inside an officer's action when a task or an application concludes: e-certificates
 * for approved items that issue one, and notifications to the applicant.
 */
export function conclusionHooks(_ctx: ServiceContext): ConclusionHooks {
  return {};
}
