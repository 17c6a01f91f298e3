import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { NEGATIVE_LIST } from "./negative-list.js";
import { CEDAR_SCHEMA, type DecisionRequest } from "./policy.schema.js";

export interface CedarPolicy {
  id: string;
  cedar: string;
}

export interface Decision {
  allow: boolean;
  /** The policies that decided: the permits that allowed, or the forbids that denied. */
  decidedBy: string[];
  /** Why a request was denied when no policy matched or evaluation failed. */
  reason: "permitted" | "forbidden" | "no-permit" | "evaluation-error";
  errors: string[];
}

export class PolicyValidationError extends Error {
  constructor(readonly problems: { policyId: string; message: string }[]) {
    super(`Policy validation failed: ${problems.map((p) => `${p.policyId}: ${p.message}`).join("; ")}`);
    this.name = "PolicyValidationError";
  }
}

const SCHEMA_NAME = "yimen";
let schemaLoaded = false;
let nextSetId = 0;

function loadSchema(): void {
  if (!schemaLoaded) {
    const answer = cedar.preparseSchema(SCHEMA_NAME, CEDAR_SCHEMA);
    if (answer.type !== "success") {
      throw new Error(`the Cedar schema does not parse: ${answer.errors.map((e) => e.message).join("; ")}`);
    }
    schemaLoaded = true;
  }
}

/** Checks policies against the schema in strict mode; throws PolicyValidationError listing every problem. */
export function validatePolicies(policies: CedarPolicy[]): void {
  const ids = new Set<string>();
  for (const p of policies) {
    if (ids.has(p.id)) {
      throw new PolicyValidationError([{ policyId: p.id, message: "duplicate policy id" }]);
    }
    ids.add(p.id);
  }
  const answer = cedar.validate({
    schema: CEDAR_SCHEMA,
    policies: { staticPolicies: Object.fromEntries(policies.map((p) => [p.id, p.cedar])) },
    validationSettings: { mode: "strict" },
  });
  if (answer.type === "failure") {
    throw new PolicyValidationError(answer.errors.map((e) => ({ policyId: "(set)", message: e.message })));
  }
  if (answer.validationErrors.length > 0) {
    throw new PolicyValidationError(
      answer.validationErrors.map((e) => ({ policyId: e.policyId, message: e.error.message })),
    );
  }
}

/**
 * The policy decision point: a validated, pre-parsed Cedar policy set (the rights lists' permits
 * plus the negative list's forbids). Any evaluation error denies: Cedar skips an erroring forbid
 * rule silently, which would turn a broken prohibition into a permission.
 */
export class PolicyEngine {
  private constructor(
    private readonly setId: string,
    readonly policies: readonly CedarPolicy[],
  ) {}

  static create(
    permits: CedarPolicy[],
    forbids: CedarPolicy[] = NEGATIVE_LIST.map((r) => ({ id: r.id, cedar: r.cedar })),
  ): PolicyEngine {
    loadSchema();
    const policies = [...permits, ...forbids];
    validatePolicies(policies);
    const setId = `set-${nextSetId++}`;
    const answer = cedar.preparsePolicySet(setId, {
      staticPolicies: Object.fromEntries(policies.map((p) => [p.id, p.cedar])),
    });
    if (answer.type !== "success") {
      throw new PolicyValidationError(answer.errors.map((e) => ({ policyId: "(set)", message: e.message })));
    }
    return new PolicyEngine(setId, policies);
  }

  decide(request: DecisionRequest): Decision {
    const principalUid = { type: "Yimen::Account", id: request.principal.id };
    const principal = {
      uid: principalUid,
      attrs: { roles: request.principal.roles, departments: request.principal.departments },
      parents: [],
    };
    const call =
      request.action === "read"
        ? {
            resource: { type: "Yimen::DataResource", id: request.resource.id },
            entities: [
              principal,
              {
                uid: { type: "Yimen::DataResource", id: request.resource.id },
                attrs: {
                  owner: request.resource.owner,
                  sharingClass: request.resource.sharingClass,
                  dataClass: request.resource.dataClass,
                  purposes: request.resource.purposes,
                },
                parents: [],
              },
            ],
            context: { ...request.context },
          }
        : {
            resource: { type: "Yimen::Application", id: request.resource.id },
            entities: [
              principal,
              {
                uid: { type: "Yimen::Application", id: request.resource.id },
                attrs: {
                  applicant: { __entity: { type: "Yimen::Account", id: request.resource.applicant } },
                  department: request.resource.department,
                },
                parents: [],
              },
            ],
            context: {},
          };
    const answer = cedar.statefulIsAuthorized({
      principal: principalUid,
      action: { type: "Yimen::Action", id: request.action },
      resource: call.resource,
      context: call.context,
      entities: call.entities,
      preparsedSchemaName: SCHEMA_NAME,
      preparsedPolicySetId: this.setId,
      validateRequest: true,
    });
    if (answer.type === "failure") {
      return {
        allow: false,
        decidedBy: [],
        reason: "evaluation-error",
        errors: answer.errors.map((e) => e.message),
      };
    }
    const { decision, diagnostics } = answer.response;
    if (diagnostics.errors.length > 0) {
      return {
        allow: false,
        decidedBy: diagnostics.errors.map((e) => e.policyId),
        reason: "evaluation-error",
        errors: diagnostics.errors.map((e) => `${e.policyId}: ${e.error.message}`),
      };
    }
    // Cedar reports the deciding policies in no fixed order; sorted, the answer is stable.
    const decidedBy = [...diagnostics.reason].sort();
    if (decision === "allow") {
      return { allow: true, decidedBy, reason: "permitted", errors: [] };
    }
    return {
      allow: false,
      decidedBy,
      reason: diagnostics.reason.length > 0 ? "forbidden" : "no-permit",
      errors: [],
    };
  }
}
