/**
 * The Cedar schema every policy is validated against (strict mode) before it can be saved or loaded.
 * Principals are accounts (or, calling a public route, nobody: Anonymous); resources are data
 * resources (the exchange's catalogue), applications (what citizens submit: decided by officers, or
 * made for another person by an assisting account, 帮办代办) and the platform's HTTP routes (each
 * route's declared access rule, for the route-level decision).
 */
export const CEDAR_SCHEMA = `namespace Yimen {
  entity Account = {
    "roles": Set<String>,
    "departments": Set<String>
  };
  entity DataResource = {
    "owner": String,
    "sharingClass": String,
    "dataClass": String,
    "purposes": Set<String>
  };
  entity Application = {
    "applicant": Account,
    "department": String
  };
  entity Anonymous;
  entity Route = {
    "public": Bool,
    "anyRole": Bool,
    "roles": Set<String>,
    "scope"?: String
  };
  type ReadContext = {
    "purpose": String,
    "legalBasis": String,
    "viaExchange": Bool,
    "relatedToSubject": Bool,
    "readsToday": Long,
    "dailyLimit": Long
  };
  action "read" appliesTo { principal: [Account], resource: [DataResource], context: ReadContext };
  type CallContext = {
    "viaToken": Bool,
    "scopes": Set<String>
  };
  action "decide" appliesTo { principal: [Account], resource: [Application], context: {} };
  action "assist" appliesTo { principal: [Account], resource: [Application], context: {} };
  action "call" appliesTo { principal: [Account, Anonymous], resource: [Route], context: CallContext };
}`;

/** 共享属性 of a data resource (政务信息资源共享管理暂行办法). */
export type SharingClass = "unconditional" | "conditional" | "none";
/** Data classes that policies distinguish. */
export type DataClass = "general" | "personal" | "sensitive" | "health";
export type PolicyAction = "read" | "decide" | "assist" | "call";

/** The one resource type each action applies to (as in the schema's `appliesTo`). */
export const RESOURCE_TYPE: Record<PolicyAction, string> = {
  read: "Yimen::DataResource",
  decide: "Yimen::Application",
  assist: "Yimen::Application",
  call: "Yimen::Route",
};

export interface PrincipalAttrs {
  id: string;
  roles: string[];
  /** Department codes, e.g. HZ-GA. */
  departments: string[];
}

export interface DataResourceAttrs {
  id: string;
  owner: string;
  sharingClass: SharingClass;
  dataClass: DataClass;
  /** Purposes for which health records may be read. */
  purposes: string[];
}

export interface ApplicationAttrs {
  id: string;
  /** Account id of the applicant. */
  applicant: string;
  department: string;
}

export interface ReadContext {
  purpose: string;
  legalBasis: string;
  viaExchange: boolean;
  relatedToSubject: boolean;
  readsToday: number;
  dailyLimit: number;
}

/** An HTTP route's declared access rule (its `config.auth`), as a Cedar entity. */
export interface RouteAttrs {
  /** `METHOD /url`, e.g. `GET /api/me`. */
  id: string;
  public: boolean;
  /** Every signed-in account may call it (`roles: "any"`). */
  anyRole: boolean;
  /** Roles that may call it with a session. */
  roles: string[];
  /** The scope an API token needs to call it; without one, tokens may not. */
  scope?: string | undefined;
}

/** The credential a route is called with. */
export interface CallContext {
  viaToken: boolean;
  /** The API token's scopes (empty for sessions). */
  scopes: string[];
}

export type DecisionRequest =
  | { action: "read"; principal: PrincipalAttrs; resource: DataResourceAttrs; context: ReadContext }
  | { action: "decide"; principal: PrincipalAttrs; resource: ApplicationAttrs }
  /** Applying for another person (帮办代办): the application about to be made, the caller its applicant. */
  | { action: "assist"; principal: PrincipalAttrs; resource: ApplicationAttrs }
  /** A principal of null is nobody signed in. */
  | { action: "call"; principal: PrincipalAttrs | null; resource: RouteAttrs; context: CallContext };
