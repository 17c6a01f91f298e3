import type { Power, PowerGrant } from "../../../shared/policy/rights.js";
import type { CedarPolicy } from "./policy.engine.js";

export type { Power, PowerType } from "../../../shared/policy/rights.js";
export { POWER_TYPES } from "../../../shared/policy/rights.js";

/** A grant of a power (see shared/policy/rights.ts). */
export type Grant = PowerGrant;

const cedarString = (s: string) => JSON.stringify(s);
const roleCondition = (roles: string[]) =>
  `principal.roles.containsAny([${roles.map(cedarString).join(", ")}])`;

/** Compiles a department's powers into Cedar permit policies, one per power, grant and resource. */
export function compilePowers(powers: Power[]): CedarPolicy[] {
  const policies: CedarPolicy[] = [];
  for (const power of powers) {
    power.grants.forEach((grant, g) => {
      const base = `power:${power.code}:${g}`;
      const scope = `principal.departments.contains(${cedarString(power.department)}) && ${roleCondition(grant.roles)}`;
      if (grant.action === "read") {
        for (const resource of grant.resources) {
          policies.push({
            id: `${base}:${resource}`,
            cedar: `permit (principal, action == Yimen::Action::"read", resource == Yimen::DataResource::${cedarString(resource)})
when { ${scope} };`,
          });
        }
      } else {
        policies.push({
          id: `${base}:decide`,
          cedar: `permit (principal, action == Yimen::Action::"decide", resource is Yimen::Application)
when { resource.department == ${cedarString(power.department)} && ${scope} };`,
        });
      }
    });
  }
  return policies;
}
