import type { CedarPolicy } from "./policy.engine.js";

/** The ten kinds of administrative power in a 权力清单. */
export const POWER_TYPES = [
  "行政许可",
  "行政处罚",
  "行政强制",
  "行政征收",
  "行政给付",
  "行政检查",
  "行政确认",
  "行政奖励",
  "行政裁决",
  "其他行政权力",
] as const;
export type PowerType = (typeof POWER_TYPES)[number];

/** What exercising a power lets the department's staff do on the platform. */
export interface Grant {
  roles: string[];
  action: "read" | "decide";
  /** Data resource ids (read), or ignored for decide (applications to the department). */
  resources: string[];
}

/** One entry of a department's 权力清单 with its 责任清单 (duties and accountability). */
export interface Power {
  code: string;
  name: string;
  nameEn: string;
  type: PowerType;
  legalBasis: { law: string; article: string }[];
  department: string;
  level: "province" | "city" | "county" | "township";
  duties: string[];
  accountability: string;
  grants: Grant[];
}

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
