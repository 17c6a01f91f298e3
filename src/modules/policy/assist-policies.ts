import type { CedarPolicy } from "./policy.engine.js";

/**
 * Who may apply for another person (帮办代办), with the authorisation that person gave: the
 * platform's own permits, beside the rights lists' and the routes', so the negative list's forbids
 * override them too. A 帮办员 (role `helper`) works at a 街道 or community service centre and
 * applies for residents who cannot do it themselves; a citizen may apply for a family member or a
 * ward. Officers who decide applications are not 帮办员: a service-hall officer who also assists
 * holds both roles, and the negative list still forbids deciding what they applied for.
 */
export const ASSIST_PERMITS: CedarPolicy[] = [
  {
    id: "policy:assist-helper",
    cedar: `permit (principal is Yimen::Account, action == Yimen::Action::"assist", resource is Yimen::Application)
when { principal.roles.contains("helper") && resource.applicant == principal };`,
  },
  {
    id: "policy:assist-citizen",
    cedar: `permit (principal is Yimen::Account, action == Yimen::Action::"assist", resource is Yimen::Application)
when { principal.roles.contains("citizen") && resource.applicant == principal };`,
  },
];
