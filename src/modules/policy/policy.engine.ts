import { createHash } from "node:crypto";
import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { ASSIST_PERMITS } from "./assist-policies.js";
import { NEGATIVE_LIST } from "./negative-list.js";
import { CEDAR_SCHEMA, type DecisionRequest, type PolicyAction, RESOURCE_TYPE } from "./policy.schema.js";
import { type CedarRequest, type RequestChecker, requestChecker } from "./request-check.js";
import { ROUTE_PERMITS } from "./route-policies.js";

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

let checker: RequestChecker | null = null;

/** How the negative list's daily cap compares the count (see PolicyEngine.decide). */
const CAP_COMPARISON = "context.readsToday >= context.dailyLimit";
/** Decisions kept per policy set; past this many, the memory starts again. */
const MAX_MEMO = 20_000;

/** The schema's request checker, read once (and so the schema is known to parse before any policy loads). */
function requests(): RequestChecker {
  checker ??= requestChecker(CEDAR_SCHEMA, "Yimen");
  return checker;
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

/** What a policy's scope admits, read from Cedar's own parse of it (policyToJson). */
interface Scope {
  /** The one action it applies to; null when it may apply to several (`action`, `action in …`). */
  action: string | null;
  /** The resource type its scope requires (`resource is T`, `resource == T::"x"`), else null. */
  resourceType: string | null;
  /** The one resource it applies to (`resource == T::"x"`), else null. */
  resourceId: string | null;
}

// Scopes by policy text: most policies recur from one policy set to the next.
const scopes = new Map<string, Scope>();
const MAX_SCOPES = 10_000;

function scopeOf(policy: CedarPolicy): Scope {
  const known = scopes.get(policy.cedar);
  if (known) {
    return known;
  }
  const answer = cedar.policyToJson(policy.cedar);
  if (answer.type !== "success") {
    throw new PolicyValidationError(answer.errors.map((e) => ({ policyId: policy.id, message: e.message })));
  }
  const { action, resource } = answer.json;
  const uid = (e: cedar.EntityUidJson) => ("__entity" in e ? e.__entity : e);
  const scope: Scope = { action: null, resourceType: null, resourceId: null };
  if (action.op === "==" && "entity" in action) {
    scope.action = uid(action.entity).id;
  }
  if (resource.op === "==" && "entity" in resource) {
    scope.resourceType = uid(resource.entity).type;
    scope.resourceId = uid(resource.entity).id;
  } else if (resource.op === "is") {
    scope.resourceType = resource.entity_type;
  }
  if (scopes.size >= MAX_SCOPES) {
    scopes.clear();
  }
  scopes.set(policy.cedar, scope);
  return scope;
}

/** Whether a policy with this scope can apply to the action on a resource of the type (and id, if named). */
function admits(scope: Scope, action: string, type: string, id: string | null): boolean {
  return (
    (scope.action === null || scope.action === action) &&
    (scope.resourceType === null || scope.resourceType === type) &&
    (scope.resourceId === null || scope.resourceId === id)
  );
}

/**
 * The policy decision point: a validated, pre-parsed Cedar policy set (the rights lists' permits,
 * the route-level permits and the negative list's forbids). Any evaluation error denies: Cedar
 * skips an erroring forbid rule silently, which would turn a broken prohibition into a permission.
 *
 * Cedar evaluates every policy of a set on every request, a large part of a decision's cost. So
 * the set is pre-parsed in slices, when first needed: one per action and resource named in a
 * policy's scope (plus one per action for all other resources), each holding every policy whose
 * scope can match such a request. A policy left out of a slice has a scope that is false for the
 * slice's requests, so Cedar would neither evaluate its conditions nor let it decide: the decision,
 * its reasons and its errors are the same (policy.slices.test.ts checks this against Cedar).
 */
export class PolicyEngine {
  /** Pre-parsed slice ids by `action|resource id`, and `action|` for resources no scope names. */
  private readonly slices = new Map<string, string>();
  /** Decisions taken by this policy set, by their request (see `memoKey`). */
  private readonly memo = new Map<string, Decision>();
  /**
   * Whether the policies look at `context.readsToday` only through `context.readsToday >=
   * context.dailyLimit`: then a read's decision depends on the count only through that comparison.
   */
  private readonly capOnly: boolean;

  private constructor(
    readonly policies: readonly CedarPolicy[],
    private readonly scoped: readonly { policy: CedarPolicy; scope: Scope }[],
    /** The resource ids named in a scope (`resource == …`), by resource type. */
    private readonly named: ReadonlyMap<string, ReadonlySet<string>>,
  ) {
    this.capOnly = policies.every((p) => {
      const mentions = p.cedar.split("readsToday").length - 1;
      return mentions === p.cedar.split(CAP_COMPARISON).length - 1;
    });
  }

  /**
   * Builds the decision point from permits (the compiled rights lists) and the platform's own
   * policies: by default the route-level permits, who may apply for another person, and the
   * negative list's forbids.
   */
  static create(
    permits: CedarPolicy[],
    forbids: CedarPolicy[] = [
      ...ROUTE_PERMITS,
      ...ASSIST_PERMITS,
      ...NEGATIVE_LIST.map((r) => ({ id: r.id, cedar: r.cedar })),
    ],
  ): PolicyEngine {
    requests();
    const policies = [...permits, ...forbids];
    validatePolicies(policies);
    const scoped = policies.map((p) => ({ policy: p, scope: scopeOf(p) }));
    const named = new Map<string, Set<string>>();
    for (const { scope } of scoped) {
      if (scope.resourceType !== null && scope.resourceId !== null) {
        named.set(scope.resourceType, (named.get(scope.resourceType) ?? new Set()).add(scope.resourceId));
      }
    }
    return new PolicyEngine(policies, scoped, named);
  }

  /** The slice that decides an action on a resource, pre-parsed when first needed. */
  private sliceFor(action: PolicyAction, resourceId: string): string {
    const type = RESOURCE_TYPE[action];
    const id = this.named.get(type)?.has(resourceId) ? resourceId : null;
    const key = `${action}|${id ?? ""}`;
    let slice = this.slices.get(key);
    if (slice === undefined) {
      slice = preparse(this.scoped.filter((s) => admits(s.scope, action, type, id)).map((s) => s.policy));
      this.slices.set(key, slice);
    }
    return slice;
  }

  /**
   * Decides a request. A decision is a function of the request and the policy set, so each engine
   * (one per policy set) keeps the decisions it took: a request repeated, field for field, is
   * answered from memory. Reads differ in the count of persons read today, which grows with every
   * read; when the policies see it only through `readsToday >= dailyLimit`, the key holds that
   * comparison rather than the count (the decision cannot differ between two counts on the same
   * side of the limit), so a system's reads share a few keys.
   */
  decide(request: DecisionRequest): Decision {
    const key = this.memoKey(request);
    const known = this.memo.get(key);
    if (known) {
      return known;
    }
    const fresh = this.evaluate(request);
    const decision = Object.freeze({
      ...fresh,
      decidedBy: Object.freeze(fresh.decidedBy) as string[],
      errors: Object.freeze(fresh.errors) as string[],
    });
    if (this.memo.size >= MAX_MEMO) {
      this.memo.clear();
    }
    this.memo.set(key, decision);
    return decision;
  }

  private memoKey(request: DecisionRequest): string {
    if (
      request.action === "read" &&
      this.capOnly &&
      Number.isSafeInteger(request.context.readsToday) &&
      Number.isSafeInteger(request.context.dailyLimit)
    ) {
      const over = request.context.readsToday >= request.context.dailyLimit;
      // A stand-in count on the same side of the limit (the limit itself, or 0 below it).
      return JSON.stringify({
        ...request,
        context: { ...request.context, readsToday: over ? request.context.dailyLimit : 0 },
      });
    }
    return JSON.stringify(request);
  }

  private evaluate(request: DecisionRequest): Decision {
    const cedarRequest = toCedarRequest(request);
    // Checked here against the schema rather than by Cedar (see request-check.ts): a request the
    // schema refuses is refused, as Cedar's validateRequest would.
    const problems = requests().check(cedarRequest);
    if (problems.length > 0) {
      return { allow: false, decidedBy: [], reason: "evaluation-error", errors: problems };
    }
    let slice: string;
    try {
      slice = this.sliceFor(request.action, request.resource.id);
    } catch (error) {
      // The policies validated as a set, so a slice of them parses; should it not, refuse.
      return { allow: false, decidedBy: [], reason: "evaluation-error", errors: [String(error)] };
    }
    return decisionOf(cedar.statefulIsAuthorized({ ...cedarRequest, preparsedPolicySetId: slice }));
  }
}

/** A decision request as Cedar takes it: the principal, action and resource, their entities and the context. */
export function toCedarRequest(request: DecisionRequest): CedarRequest {
  const action = { type: "Yimen::Action", id: request.action };
  if (request.action === "call") {
    return callRequest(request, action);
  }
  const principalUid = { type: "Yimen::Account", id: request.principal.id };
  const principal = {
    uid: principalUid,
    attrs: { roles: request.principal.roles, departments: request.principal.departments },
    parents: [],
  };
  if (request.action === "read") {
    const resource = { type: RESOURCE_TYPE.read, id: request.resource.id };
    return {
      principal: principalUid,
      action,
      resource,
      context: { ...request.context },
      entities: [
        principal,
        {
          uid: resource,
          attrs: {
            owner: request.resource.owner,
            sharingClass: request.resource.sharingClass,
            dataClass: request.resource.dataClass,
            purposes: request.resource.purposes,
          },
          parents: [],
        },
      ],
    };
  }
  const resource = { type: RESOURCE_TYPE[request.action], id: request.resource.id };
  return {
    principal: principalUid,
    action,
    resource,
    context: {},
    entities: [
      principal,
      {
        uid: resource,
        attrs: {
          applicant: { __entity: { type: "Yimen::Account", id: request.resource.applicant } },
          department: request.resource.department,
        },
        parents: [],
      },
    ],
  };
}

function callRequest(
  request: Extract<DecisionRequest, { action: "call" }>,
  action: { type: string; id: string },
): CedarRequest {
  const route = request.resource;
  const resource = { type: RESOURCE_TYPE.call, id: route.id };
  const attrs: cedar.EntityJson["attrs"] = {
    public: route.public,
    anyRole: route.anyRole,
    roles: route.roles,
  };
  if (route.scope !== undefined) {
    attrs.scope = route.scope;
  }
  const entities: CedarRequest["entities"] = [{ uid: resource, attrs, parents: [] }];
  // Nobody signed in is Anonymous, an entity without attributes (so none need crossing).
  let principal = { type: "Yimen::Anonymous", id: "anonymous" };
  if (request.principal) {
    principal = { type: "Yimen::Account", id: request.principal.id };
    entities.push({
      uid: principal,
      attrs: { roles: request.principal.roles, departments: request.principal.departments },
      parents: [],
    });
  }
  return { principal, action, resource, context: { ...request.context }, entities };
}

/** Cedar's answer as a Decision: any error denies, naming the policies that erred. */
export function decisionOf(answer: cedar.AuthorizationAnswer): Decision {
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

/** The ids of the sets this process has pre-parsed (content-addressed, so never stale). */
const preparsed = new Set<string>();

/**
 * Pre-parses a policy set under an id derived from its content, so that engines built again from
 * the same policies (each approval, each proposal checked) reuse Cedar's cached set rather than
 * adding to it: Cedar keeps pre-parsed sets for the life of the process.
 */
function preparse(policies: CedarPolicy[]): string {
  const hash = createHash("sha256");
  for (const p of policies) {
    hash.update(`${p.id}\0${p.cedar}\0`);
  }
  const id = `set-${hash.digest("base64url")}`;
  if (preparsed.has(id)) {
    return id;
  }
  const answer = cedar.preparsePolicySet(id, {
    staticPolicies: Object.fromEntries(policies.map((p) => [p.id, p.cedar])),
  });
  if (answer.type !== "success") {
    throw new PolicyValidationError(answer.errors.map((e) => ({ policyId: "(set)", message: e.message })));
  }
  preparsed.add(id);
  return id;
}
