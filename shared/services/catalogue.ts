/**
 * The service catalogue (政务服务事项目录) as both the server and the web client see it: service items,
 * each exercising one power of a department's rights list, and one-thing bundles (一件事一次办) that put
 * several items of several departments behind one form and one submission.
 */
import type { PowerLevel, PowerType } from "../policy/rights.js";

/** Life events (人生事件 / 企业生命周期) by which citizens and enterprises look for services. */
export const LIFE_EVENTS = [
  "birth",
  "education",
  "employment",
  "marriage",
  "housing",
  "business",
  "retirement",
  "health",
  "social-security",
  "travel",
] as const;
export type LifeEvent = (typeof LIFE_EVENTS)[number];

export const LIFE_EVENT_LABELS: Record<LifeEvent, { zh: string; en: string }> = {
  birth: { zh: "出生", en: "Birth" },
  education: { zh: "入学", en: "Education" },
  employment: { zh: "就业", en: "Employment" },
  marriage: { zh: "婚姻", en: "Marriage" },
  housing: { zh: "置业", en: "Housing" },
  business: { zh: "开办企业", en: "Starting a business" },
  retirement: { zh: "退休", en: "Retirement" },
  health: { zh: "医疗", en: "Health care" },
  "social-security": { zh: "社保", en: "Social security" },
  travel: { zh: "出行", en: "Travel" },
};

/** Who may apply: a person, or an organisation through its agent. */
export type Audience = "person" | "organisation";
/** 办理渠道. */
export type Channel = "online" | "mobile" | "window" | "self-service";

/**
 * A material (申请材料). When `obtainedVia` is set, the platform obtains it itself through the
 * exchange (with the applicant's consent) and the applicant need not upload it.
 */
export interface ServiceMaterial {
  /** Stable id within the catalogue, e.g. "birth-medical-certificate"; bundles share materials by id. */
  id: string;
  name: string;
  nameEn: string;
  required: boolean;
  /** 原件/复印件/电子, number of copies, who issues it: one sentence for the applicant. */
  note?: string;
  obtainedVia?: {
    /** Exchange resource id, e.g. "birth-certificates". */
    resource: string;
    fields: string[];
  };
}

/**
 * A form field filled from a registry through the exchange: form property `field` takes the value of
 * `sourceField` of `resource`, looked up for the applicant (person by 身份证号, organisation by credit code).
 */
export interface PrefillRule {
  field: string;
  resource: string;
  sourceField: string;
}

/**
 * The application form as JSON Schema (draft 2020-12 subset: object of string/number/integer/boolean
 * properties with title, format, enum, pattern, minLength, maxLength, minimum, maximum) with UI hints.
 */
export interface ServiceForm {
  schema: {
    type: "object";
    required: string[];
    properties: Record<string, FormProperty>;
  };
  /** Field order and presentation. */
  ui: { order: string[]; hints?: Record<string, FormUiHint> };
}

export interface FormProperty {
  type: "string" | "number" | "integer" | "boolean";
  /** Label in Chinese. */
  title: string;
  /** Label in English (our own keyword; JSON Schema validators ignore unknown keywords). */
  titleEn: string;
  format?: "date" | "date-time" | "email";
  enum?: string[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

export interface FormUiHint {
  widget?: "textarea" | "select" | "radio" | "date" | "idNumber" | "creditCode" | "mobile" | "division";
  placeholder?: string;
  help?: string;
  helpEn?: string;
}

/** Workflow steps (办理环节). */
export const STEP_KINDS = ["accept", "review", "inspect", "decide", "publicise", "conclude"] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const STEP_LABELS: Record<StepKind, { zh: string; en: string }> = {
  accept: { zh: "受理", en: "Acceptance" },
  review: { zh: "审查", en: "Review" },
  inspect: { zh: "踏勘", en: "Site inspection" },
  decide: { zh: "决定", en: "Decision" },
  publicise: { zh: "公示", en: "Public notice" },
  conclude: { zh: "办结", en: "Conclusion" },
};

export interface ServiceStep {
  kind: StepKind;
  /** Handling department code; defaults to the item's department. */
  department?: string;
  level?: PowerLevel;
}

/** 电子证照 issued on approval. */
export interface CertificateKind {
  /** 证照类型代码, e.g. "birth-registration". */
  type: string;
  name: string;
  nameEn: string;
}

export interface ServiceItem {
  /** 事项编码, e.g. "330100-GA-QR-001-01": the power's code and a two-digit 办理项 number. */
  code: string;
  name: string;
  nameEn: string;
  summary: string;
  summaryEn: string;
  /** The power of the rights list this item exercises (权力清单 code). */
  powerCode: string;
  itemType: PowerType;
  legalBasis: { law: string; article: string }[];
  /** 受理条件. */
  conditions: string[];
  materials: ServiceMaterial[];
  form: ServiceForm;
  prefill: PrefillRule[];
  /** Fee in yuan; 0 is free. */
  fee: { amount: number; basis?: string };
  /** 承诺办结时限, in working days. */
  promisedDays: number;
  /** 法定办结时限, in working days. */
  statutoryDays: number;
  /** 到现场次数: 0 or at most 1. */
  visits: 0 | 1;
  department: string;
  level: PowerLevel;
  channels: Channel[];
  lifeEvents: LifeEvent[];
  audience: Audience;
  steps: ServiceStep[];
  certificate?: CertificateKind;
}

/** One item of a bundle: runs in parallel with the others unless it waits for `after`. */
export interface BundleItem {
  code: string;
  after?: string[];
}

/**
 * 一件事: several items behind one form (the union of the items' forms; a property with one name means
 * one thing in every item), one set of materials (deduplicated by id) and one submission.
 */
export interface ServiceBundle {
  code: string;
  name: string;
  nameEn: string;
  summary: string;
  summaryEn: string;
  /** The policy that set the bundle up, e.g. 国办发〔2024〕3号. */
  basis: { title: string; reference: string }[];
  /** 牵头部门: accepts the application and answers the applicant. */
  leadDepartment: string;
  lifeEvents: LifeEvent[];
  audience: Audience;
  items: BundleItem[];
  /** Items' promised days taken together, as published (often shorter than their sum). */
  promisedDays: number;
}
