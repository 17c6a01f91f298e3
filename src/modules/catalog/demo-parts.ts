import type {
  FormProperty,
  FormUiHint,
  PrefillRule,
  ServiceForm,
  ServiceMaterial,
  ServiceStep,
  StepKind,
} from "../../../shared/services/catalogue.js";

/*
 * The building blocks of the demo catalogue. A form property, a material and a pre-fill source are
 * each defined once here and used by name, so that every item asking for "childName" asks for the
 * same thing: that is what lets a one-thing bundle put its items behind one form.
 */

const ID_NUMBER = "^[0-9]{17}[0-9X]$";
const CREDIT_CODE = "^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$";
const text = (title: string, titleEn: string, maxLength = 100): FormProperty => ({
  type: "string",
  title,
  titleEn,
  minLength: 1,
  maxLength,
});
const choice = (title: string, titleEn: string, values: string[]): FormProperty => ({
  type: "string",
  title,
  titleEn,
  enum: values,
});
const date = (title: string, titleEn: string): FormProperty => ({
  type: "string",
  title,
  titleEn,
  format: "date",
});

/** Every form property of the demo catalogue, by name. */
export const PROPERTIES = {
  // The applicant (a person).
  applicantName: { ...text("申请人姓名", "Applicant's name", 30), minLength: 2 },
  applicantIdNumber: {
    type: "string",
    title: "申请人公民身份号码",
    titleEn: "Applicant's citizen ID number",
    pattern: ID_NUMBER,
  },
  applicantMobile: {
    type: "string",
    title: "联系电话",
    titleEn: "Mobile phone",
    pattern: "^1[3-9][0-9]{9}$",
  },
  householdAddress: text("户籍地址", "Registered household address", 200),
  householdNumber: { type: "string", title: "户号", titleEn: "Household number", pattern: "^[0-9]{6,12}$" },
  householdHead: text("户主姓名", "Head of household", 30),
  // A newborn (出生医学证明).
  relationToChild: choice("申请人与新生儿关系", "Relation to the child", ["母亲", "父亲", "其他监护人"]),
  childName: { ...text("新生儿姓名", "Child's name", 30), minLength: 2 },
  childGender: choice("新生儿性别", "Child's sex", ["男", "女"]),
  childBirthTime: { type: "string", title: "出生时间", titleEn: "Time of birth", format: "date-time" },
  childBirthPlace: text("出生地点", "Place of birth", 100),
  birthCertificateNumber: {
    type: "string",
    title: "出生医学证明编号",
    titleEn: "Birth medical certificate number",
    pattern: "^[A-Z][0-9]{9}$",
  },
  motherName: text("母亲姓名", "Mother's name", 30),
  motherIdNumber: {
    type: "string",
    title: "母亲公民身份号码",
    titleEn: "Mother's ID number",
    pattern: ID_NUMBER,
  },
  fatherName: text("父亲姓名", "Father's name", 30),
  fatherIdNumber: {
    type: "string",
    title: "父亲公民身份号码",
    titleEn: "Father's ID number",
    pattern: ID_NUMBER,
  },
  childEthnicity: text("新生儿民族", "Child's ethnicity", 20),
  childRelationToHead: choice("新生儿与户主关系", "Child's relation to the head of household", [
    "子",
    "女",
    "孙子",
    "孙女",
    "外孙子",
    "外孙女",
    "其他",
  ]),
  vaccinationClinic: text("预防接种单位", "Immunisation clinic", 100),
  cardDelivery: choice("领卡方式", "How to receive the card", ["邮寄到家", "到银行网点领取"]),
  deliveryAddress: text("邮寄地址", "Delivery address", 200),
  cardBank: choice("社会保障卡合作银行", "Bank of the social security card", [
    "中国工商银行",
    "中国农业银行",
    "中国银行",
    "中国建设银行",
    "交通银行",
    "杭州银行",
    "杭州联合农村商业银行",
  ]),
  // Another child (义务教育入学).
  childIdNumber: {
    type: "string",
    title: "儿童公民身份号码",
    titleEn: "Child's ID number",
    pattern: ID_NUMBER,
  },
  preferredSchool: text("意向学校", "Preferred school", 100),
  // Property and housing.
  propertyLocation: text("房屋坐落", "Location of the property", 200),
  realEstateCertificateNumber: text("不动产权证书号", "Real estate title certificate number", 60),
  buyerName: text("买受人姓名", "Buyer's name", 30),
  buyerIdNumber: {
    type: "string",
    title: "买受人公民身份号码",
    titleEn: "Buyer's ID number",
    pattern: ID_NUMBER,
  },
  contractNumber: text("存量房买卖合同网签备案号", "Registered sale contract number", 40),
  transactionPrice: { type: "number", title: "成交价格（元）", titleEn: "Price (CNY)", minimum: 1 },
  withdrawalAmount: {
    type: "number",
    title: "提取金额（元）",
    titleEn: "Amount to withdraw (CNY)",
    minimum: 1,
  },
  newAddress: text("迁入地址", "Address moved to", 200),
  moveReason: choice("迁移原因", "Reason for moving", ["购房", "投靠亲属", "工作调动", "其他"]),
  // Work, insurance and pensions.
  lastEmployer: text("原缴费单位", "Last employer", 100),
  monthsPaid: { type: "integer", title: "累计缴费月数", titleEn: "Months paid", minimum: 0, maximum: 1200 },
  insuredSince: date("首次参保日期", "Insured since"),
  separationDate: date("劳动关系终止日期", "Employment ended on"),
  separationReason: choice("终止原因", "Reason the employment ended", [
    "劳动合同期满终止",
    "用人单位解除劳动合同",
    "协商一致解除劳动合同",
    "其他非本人意愿中断就业",
  ]),
  retirementDate: date("退休日期", "Retirement date"),
  bankAccount: {
    type: "string",
    title: "收款银行账号（社会保障卡金融账户）",
    titleEn: "Bank account (social security card)",
    pattern: "^[0-9]{12,19}$",
  },
  contributionGrade: choice("缴费档次", "Contribution grade", ["60%", "80%", "100%", "200%", "300%"]),
  filingType: choice("备案类型", "Kind of filing", [
    "异地长期居住",
    "常驻异地工作",
    "异地转诊",
    "临时外出就医",
  ]),
  destinationCity: text("就医地（省、市）", "Where treated (province, city)", 60),
  startDate: date("开始日期", "Starting on"),
  // Marriage and assistance.
  spouseName: text("对方姓名", "Other party's name", 30),
  spouseIdNumber: {
    type: "string",
    title: "对方公民身份号码",
    titleEn: "Other party's ID number",
    pattern: ID_NUMBER,
  },
  appointmentDate: date("预约登记日期", "Appointment date"),
  householdSize: {
    type: "integer",
    title: "共同生活家庭成员人数",
    titleEn: "Household members",
    minimum: 1,
    maximum: 20,
  },
  monthlyIncome: {
    type: "number",
    title: "家庭月收入合计（元）",
    titleEn: "Household monthly income (CNY)",
    minimum: 0,
  },
  hardshipStatement: text("申请理由", "Reasons", 1000),
  // Professions.
  qualificationNumber: text("医师资格证书编码", "Physician qualification certificate number", 40),
  practiceCategory: choice("执业类别", "Category", ["临床", "中医", "口腔", "公共卫生"]),
  practiceScope: text("执业范围", "Scope of practice", 100),
  practiceInstitution: text("执业机构", "Institution of practice", 100),
  // Identity documents.
  idCardReason: choice("申领原因", "Reason", ["首次申领", "有效期满换领", "损坏换领", "遗失补领"]),
  reissueReason: choice("补发原因", "Reason for reissue", ["遗失", "损毁", "信息更正"]),
  // A new enterprise (企业开办: the enterprise does not exist yet).
  companyName: { ...text("企业名称", "Enterprise name", 100), minLength: 4 },
  entityType: choice("企业类型", "Entity type", [
    "有限责任公司（自然人投资或控股）",
    "有限责任公司（自然人独资）",
    "股份有限公司",
    "个人独资企业",
    "合伙企业",
  ]),
  registeredCapital: {
    type: "number",
    title: "注册资本（万元）",
    titleEn: "Registered capital (10,000 CNY)",
    minimum: 0,
  },
  companyAddress: text("住所", "Registered address", 200),
  businessScope: text("经营范围", "Business scope", 2000),
  legalRepresentative: text("法定代表人", "Legal representative", 30),
  legalRepIdNumber: {
    type: "string",
    title: "法定代表人公民身份号码",
    titleEn: "Legal representative's ID number",
    pattern: ID_NUMBER,
  },
  sealFinance: { type: "boolean", title: "同时刻制财务专用章", titleEn: "Also a finance seal" },
  sealInvoice: { type: "boolean", title: "同时刻制发票专用章", titleEn: "Also an invoice seal" },
  sealContract: { type: "boolean", title: "同时刻制合同专用章", titleEn: "Also a contract seal" },
  sealEngraver: text("刻章企业", "Seal engraver", 100),
  taxpayerType: choice("纳税人类型", "Taxpayer type", ["小规模纳税人", "一般纳税人"]),
  invoiceKind: choice("领用发票种类", "Invoices needed", [
    "数电发票（普通发票）",
    "数电发票（增值税专用发票和普通发票）",
  ]),
  employeeCount: { type: "integer", title: "参保职工人数", titleEn: "Employees to insure", minimum: 0 },
  providentFundRate: {
    type: "integer",
    title: "住房公积金缴存比例（%）",
    titleEn: "Provident fund rate (%)",
    minimum: 5,
    maximum: 12,
  },
  // An existing enterprise (looked up by credit code).
  creditCode: {
    type: "string",
    title: "统一社会信用代码",
    titleEn: "Unified social credit code",
    pattern: CREDIT_CODE,
  },
  changeItem: choice("变更事项", "What changes", ["名称", "住所", "法定代表人", "注册资本", "经营范围"]),
  changeDescription: text("变更后内容", "After the change", 1000),
  cancellationReason: choice("注销原因", "Reason for deregistration", [
    "章程规定的营业期限届满",
    "股东会决议解散",
    "依法被吊销营业执照后清算完毕",
  ]),
  liquidationCompletedOn: date("清算完结日期", "Liquidation completed on"),
  premisesAddress: text("经营场所", "Premises", 200),
  premisesArea: { type: "number", title: "经营场所面积（平方米）", titleEn: "Floor area (m²)", minimum: 1 },
  foodBusinessItem: choice("经营项目", "Food business", [
    "预包装食品销售",
    "散装食品销售",
    "热食类食品制售",
    "冷食类食品制售",
    "糕点类食品制售",
    "自制饮品制售",
  ]),
  foodSafetyManager: text("食品安全管理人员", "Food safety manager", 30),
  institutionName: text("医疗机构名称", "Name of the institution", 100),
  institutionType: choice("医疗机构类别", "Kind of institution", ["门诊部", "诊所", "医院"]),
  bedCount: { type: "integer", title: "床位数", titleEn: "Beds", minimum: 0 },
  projectName: text("项目名称", "Project", 100),
  buildingArea: { type: "number", title: "建筑面积（平方米）", titleEn: "Floor area (m²)", minimum: 1 },
} satisfies Record<string, FormProperty>;

export type PropertyName = keyof typeof PROPERTIES;

const HINTS: Partial<Record<PropertyName, FormUiHint>> = {
  applicantIdNumber: { widget: "idNumber" },
  applicantMobile: { widget: "mobile", help: "用于接收办理进度短信", helpEn: "For progress messages" },
  relationToChild: { widget: "radio" },
  childGender: { widget: "radio" },
  motherIdNumber: { widget: "idNumber" },
  fatherIdNumber: { widget: "idNumber" },
  childEthnicity: { help: "随父亲或母亲的民族", helpEn: "The father's or the mother's" },
  childRelationToHead: { widget: "select" },
  vaccinationClinic: {
    help: "户籍地或居住地所在社区卫生服务中心的预防接种门诊",
    helpEn: "The immunisation clinic of your community health centre",
  },
  cardDelivery: { widget: "radio" },
  deliveryAddress: { widget: "textarea", help: "选择邮寄时填写", helpEn: "When the card is posted" },
  cardBank: { widget: "select" },
  childIdNumber: { widget: "idNumber" },
  buyerIdNumber: { widget: "idNumber" },
  spouseIdNumber: { widget: "idNumber" },
  legalRepIdNumber: { widget: "idNumber" },
  creditCode: { widget: "creditCode" },
  businessScope: {
    widget: "textarea",
    help: "按《经营范围登记管理规定》从经营范围规范表述目录中选择",
    helpEn: "Chosen from the standard wording catalogue of business scopes",
  },
  changeDescription: { widget: "textarea" },
  hardshipStatement: { widget: "textarea" },
  entityType: { widget: "select" },
  moveReason: { widget: "select" },
  separationReason: { widget: "select" },
  filingType: { widget: "select" },
  foodBusinessItem: { widget: "select" },
  invoiceKind: { widget: "radio" },
  taxpayerType: { widget: "radio" },
  sealEngraver: {
    help: "从公安机关备案的刻章企业中选择，费用由企业与刻章企业结算（杭州市新办企业首套印章由政府购买服务）",
    helpEn: "One of the engravers recorded by the police",
  },
};

/** A form asking for `required` then `optional`, in that order, each property as defined above. */
export function form(required: PropertyName[], optional: PropertyName[] = []): ServiceForm {
  const order = [...required, ...optional];
  const hints = Object.fromEntries(
    order.flatMap((name) => (HINTS[name] ? [[name, HINTS[name] as FormUiHint]] : [])),
  );
  return {
    schema: {
      type: "object",
      required,
      properties: Object.fromEntries(order.map((name) => [name, PROPERTIES[name]])),
    },
    ui: { order, hints },
  };
}

/** Where a form property is filled from when the applicant consents (the applicant is looked up). */
const SOURCES: Partial<Record<PropertyName, { resource: string; sourceField: string }>> = {
  applicantName: { resource: "household-register", sourceField: "name" },
  applicantIdNumber: { resource: "household-register", sourceField: "idNumber" },
  householdAddress: { resource: "household-register", sourceField: "address" },
  householdNumber: { resource: "household-register", sourceField: "householdNumber" },
  householdHead: { resource: "household-register", sourceField: "householdHead" },
  childName: { resource: "birth-certificates", sourceField: "childName" },
  childGender: { resource: "birth-certificates", sourceField: "childGender" },
  childBirthTime: { resource: "birth-certificates", sourceField: "birthTime" },
  childBirthPlace: { resource: "birth-certificates", sourceField: "birthPlace" },
  birthCertificateNumber: { resource: "birth-certificates", sourceField: "certificateNumber" },
  motherName: { resource: "birth-certificates", sourceField: "motherName" },
  motherIdNumber: { resource: "birth-certificates", sourceField: "motherIdNumber" },
  fatherName: { resource: "birth-certificates", sourceField: "fatherName" },
  fatherIdNumber: { resource: "birth-certificates", sourceField: "fatherIdNumber" },
  lastEmployer: { resource: "social-insurance", sourceField: "employerName" },
  monthsPaid: { resource: "social-insurance", sourceField: "monthsPaid" },
  insuredSince: { resource: "social-insurance", sourceField: "insuredSince" },
  propertyLocation: { resource: "real-estate-register", sourceField: "location" },
  realEstateCertificateNumber: { resource: "real-estate-register", sourceField: "certificateNumber" },
  creditCode: { resource: "enterprise-register", sourceField: "creditCode" },
  companyName: { resource: "enterprise-register", sourceField: "name" },
  companyAddress: { resource: "enterprise-register", sourceField: "address" },
  legalRepresentative: { resource: "enterprise-register", sourceField: "legalRepresentative" },
  registeredCapital: { resource: "enterprise-register", sourceField: "registeredCapital" },
  businessScope: { resource: "enterprise-register", sourceField: "businessScope" },
};

/** Pre-fill rules for the named properties, each from its one source above. */
export function prefill(...fields: PropertyName[]): PrefillRule[] {
  return fields.map((field) => {
    const source = SOURCES[field];
    if (!source) {
      throw new Error(`no pre-fill source for ${field}`);
    }
    return { field, ...source };
  });
}

/** Pre-fill of the applicant's own name, number and household from the household register. */
export const APPLICANT_FILL: PropertyName[] = ["applicantName", "applicantIdNumber", "householdAddress"];
/** Pre-fill of a newborn's particulars from the 出生医学证明 (found by either parent's number). */
export const NEWBORN_FILL: PropertyName[] = [
  "childName",
  "childGender",
  "childBirthTime",
  "childBirthPlace",
  "birthCertificateNumber",
  "motherName",
  "motherIdNumber",
  "fatherName",
  "fatherIdNumber",
];
/** Pre-fill of an existing enterprise's registration (the applicant is the enterprise). */
export const ENTERPRISE_FILL: PropertyName[] = [
  "creditCode",
  "companyName",
  "companyAddress",
  "legalRepresentative",
];

const material = (
  id: string,
  name: string,
  nameEn: string,
  options: Partial<Pick<ServiceMaterial, "note" | "obtainedVia" | "required">> = {},
): ServiceMaterial => ({ id, name, nameEn, required: options.required ?? true, ...options });

/** Every material of the demo catalogue, by id; those with obtainedVia come through the exchange. */
export const MATERIALS = {
  applicantId: material("applicant-id-card", "申请人居民身份证", "Applicant's identity card", {
    note: "线上办理经实人认证后无需提交",
    obtainedVia: { resource: "household-register", fields: ["name", "idNumber", "gender", "birthDate"] },
  }),
  householdBooklet: material("household-booklet", "居民户口簿", "Household register booklet", {
    obtainedVia: {
      resource: "household-register",
      fields: ["householdNumber", "householdHead", "relationToHead", "address"],
    },
  }),
  birthCertificate: material("birth-medical-certificate", "出生医学证明", "Birth medical certificate", {
    note: "由助产机构签发；平台凭父母任一方身份证号调取",
    obtainedVia: {
      resource: "birth-certificates",
      fields: [
        "certificateNumber",
        "childName",
        "childGender",
        "birthTime",
        "birthPlace",
        "motherName",
        "motherIdNumber",
        "fatherName",
        "fatherIdNumber",
        "issuedBy",
      ],
    },
  }),
  parentsMarriage: material("parents-marriage-certificate", "父母结婚证", "Parents' marriage certificate", {
    note: "非婚生育的，提供相关说明即可",
    obtainedVia: {
      resource: "marriage-register",
      fields: ["registrationType", "spouseName", "spouseIdNumber", "registeredOn", "registrationOffice"],
    },
  }),
  childPhoto: material("child-photo", "新生儿近期照片", "Recent photo of the child", {
    required: false,
    note: "未满16周岁申领社会保障卡可不提供照片",
  }),
  socialInsuranceRecord: material(
    "social-insurance-record",
    "参保缴费记录",
    "Insurance contribution record",
    {
      obtainedVia: {
        resource: "social-insurance",
        fields: ["insuranceTypes", "employerName", "insuredSince", "monthsPaid", "status"],
      },
    },
  ),
  separationCertificate: material(
    "separation-certificate",
    "终止或者解除劳动关系的证明",
    "Certificate of the end of employment",
    { note: "由原用人单位出具，电子件" },
  ),
  titleCertificate: material("real-estate-title", "不动产权证书", "Real estate title certificate", {
    obtainedVia: {
      resource: "real-estate-register",
      fields: ["certificateNumber", "ownerName", "location", "areaSqm", "usage", "share", "mortgaged"],
    },
  }),
  saleContract: material("sale-contract", "存量房买卖合同", "Sale contract", {
    note: "经网签备案的合同，平台自动关联",
  }),
  taxPaymentProof: material("deed-tax-proof", "契税完税凭证", "Deed tax receipt", {
    note: "“一窗受理”时税务部门同步核税，无需另行提交",
    required: false,
  }),
  marriageDeclaration: material(
    "marriage-declaration",
    "本人无配偶以及与对方当事人没有直系血亲和三代以内旁系血亲关系的签字声明",
    "Signed declaration of no spouse and no prohibited kinship",
    { note: "在婚姻登记员面前亲自签署" },
  ),
  marriagePhoto: material("marriage-photo", "双方近期半身免冠合影照片", "Recent photo of the couple", {
    note: "2张，2寸",
  }),
  incomeStatement: material(
    "income-statement",
    "家庭收入和财产状况申报及授权核对书",
    "Statement of income and assets",
    {
      note: "在线签署，授权民政部门核对家庭经济状况",
    },
  ),
  qualificationCertificate: material(
    "physician-qualification",
    "医师资格证书",
    "Physician qualification certificate",
  ),
  healthCheck: material("health-certificate", "近6个月内的体检证明", "Medical examination within 6 months", {
    note: "县级以上医疗机构出具",
  }),
  idPhoto: material("id-photo", "现场采集的人像和指纹", "Portrait and fingerprints taken on site", {
    note: "在户籍地派出所或就近受理点现场采集",
  }),
  articles: material("articles-of-association", "公司章程", "Articles of association", {
    note: "全体股东电子签名；可选用标准化章程文本",
  }),
  residenceCommitment: material(
    "residence-commitment",
    "住所（经营场所）申报承诺",
    "Declaration of premises",
    {
      note: "浙江省实行住所申报承诺制，无需提交产权证明",
    },
  ),
  businessLicence: material("business-licence", "营业执照", "Business licence", {
    note: "企业开办时由登记机关同步推送",
    obtainedVia: {
      resource: "enterprise-register",
      fields: ["creditCode", "name", "entityType", "legalRepresentative", "address", "establishedOn"],
    },
  }),
  employeeRoster: material("employee-roster", "参保职工名册", "Roster of employees to insure", {
    note: "在线填报姓名、身份证号和用工日期",
  }),
  shareholderResolution: material(
    "shareholder-resolution",
    "股东会决议或股东决定",
    "Shareholders' resolution",
  ),
  liquidationReport: material("liquidation-report", "清算报告", "Liquidation report", {
    note: "经股东会确认；简易注销的提交全体投资人承诺书",
  }),
  premisesPlan: material(
    "premises-plan",
    "经营场所和设备布局、操作流程说明",
    "Layout of premises and processes",
  ),
  foodSafetyRules: material("food-safety-rules", "食品安全管理制度", "Food safety rules"),
  institutionDocuments: material(
    "institution-documents",
    "医疗机构执业登记申请书、房屋平面布局图、人员和设备清单",
    "Application, floor plan, staff and equipment lists",
  ),
  landCertificate: material(
    "land-use-certificate",
    "不动产权证书（土地使用权）",
    "Land use right certificate",
    {
      note: "登记机构内部调取土地使用权登记簿，提供证书号即可",
    },
  ),
  completionAcceptance: material(
    "completion-acceptance",
    "建设工程竣工验收备案材料",
    "Completion acceptance records",
    {
      note: "由住建部门共享，无需提交纸质件",
    },
  ),
  surveyReport: material("survey-report", "房屋测绘报告", "Building survey report"),
} satisfies Record<string, ServiceMaterial>;

/** Steps of the given kinds, all at the item's department unless overridden. */
export function steps(...kinds: (StepKind | ServiceStep)[]): ServiceStep[] {
  return kinds.map((k) => (typeof k === "string" ? { kind: k } : k));
}

/** 受理 审查 决定 办结. */
export const STANDARD_STEPS = steps("accept", "review", "decide", "conclude");
/** 即办: accepted and decided at once. */
export const IMMEDIATE_STEPS = steps("accept", "decide", "conclude");
