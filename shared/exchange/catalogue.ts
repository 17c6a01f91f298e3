/**
 * The data-resource catalogue (政务信息资源目录) as both the server and the web client see it.
 * Sharing classes follow 《政务信息资源共享管理暂行办法》 (国发〔2016〕51号) 第九条; sensitivity levels
 * follow the four-level grading common to provincial 公共数据分类分级 rules (e.g. 浙江省 DB33/T 2351).
 */

/** 共享属性: 无条件共享, 有条件共享, 不予共享. */
export type SharingClass = "unconditional" | "conditional" | "none";
/** 开放属性 (公共数据开放): 无条件开放, 有条件开放, 不予开放. */
export type OpenDataClass = "open" | "conditional" | "closed";
/** What policies distinguish about a resource's content. */
export type DataClass = "general" | "personal" | "sensitive" | "health";
/** Field sensitivity: 1 公开, 2 内部, 3 敏感, 4 高度敏感. */
export type Sensitivity = 1 | 2 | 3 | 4;
/** How a field is masked when the consumer is not cleared to see it in full. */
export type MaskKind = "name" | "idNumber" | "creditCode" | "mobile" | "address" | "date" | "redact";
export type FieldType = "string" | "date" | "datetime" | "number" | "boolean" | "string[]";
export type UpdateFrequency = "realtime" | "daily" | "weekly" | "monthly" | "quarterly" | "yearly";
export type SubjectType = "person" | "organisation";

export interface ResourceField {
  name: string;
  label: string;
  labelEn: string;
  type: FieldType;
  sensitivity: Sensitivity;
  mask: MaskKind;
}

export interface DataResourceDefinition {
  /** Stable id, e.g. "household-register". */
  id: string;
  /** 资源代码 in the catalogue's own numbering. */
  code: string;
  name: string;
  nameEn: string;
  description: string;
  descriptionEn: string;
  /** Owning department code, e.g. HZ-GA. */
  owner: string;
  subjectType: SubjectType;
  sharingClass: SharingClass;
  /** For 有条件共享: the conditions a consumer must meet; for 不予共享: why. */
  conditions: string;
  legalBasis: { law: string; article: string }[];
  openDataClass: OpenDataClass;
  dataClass: DataClass;
  /** For health data: the only purposes it may be read for. */
  purposes: string[];
  updateFrequency: UpdateFrequency;
  fields: ResourceField[];
}

export const SHARING_CLASS_LABELS: Record<SharingClass, { zh: string; en: string }> = {
  unconditional: { zh: "无条件共享", en: "Shared without conditions" },
  conditional: { zh: "有条件共享", en: "Shared on conditions" },
  none: { zh: "不予共享", en: "Not shared" },
};

export const SENSITIVITY_LABELS: Record<Sensitivity, { zh: string; en: string }> = {
  1: { zh: "公开", en: "Public" },
  2: { zh: "内部", en: "Internal" },
  3: { zh: "敏感", en: "Sensitive" },
  4: { zh: "高度敏感", en: "Highly sensitive" },
};
