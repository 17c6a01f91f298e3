/**
 * The Cedar schema every policy is validated against (strict mode) before it can be saved or loaded.
 * Principals are accounts; resources are data resources (the exchange's catalogue), applications
 * (what citizens submit) and accounts (administration).
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
  type ReadContext = {
    "purpose": String,
    "legalBasis": String,
    "viaExchange": Bool,
    "relatedToSubject": Bool,
    "readsToday": Long,
    "dailyLimit": Long
  };
  action "read" appliesTo { principal: [Account], resource: [DataResource], context: ReadContext };
  action "decide" appliesTo { principal: [Account], resource: [Application], context: {} };
}`;

/** 共享属性 of a data resource (政务信息资源共享管理暂行办法). */
export type SharingClass = "unconditional" | "conditional" | "none";
/** Data classes that policies distinguish. */
export type DataClass = "general" | "personal" | "sensitive" | "health";
export type PolicyAction = "read" | "decide";

/** The one resource type each action applies to (as in the schema's `appliesTo`). */
export const RESOURCE_TYPE: Record<PolicyAction, string> = {
  read: "Yimen::DataResource",
  decide: "Yimen::Application",
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

export type DecisionRequest =
  | { action: "read"; principal: PrincipalAttrs; resource: DataResourceAttrs; context: ReadContext }
  | { action: "decide"; principal: PrincipalAttrs; resource: ApplicationAttrs };
