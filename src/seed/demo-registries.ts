import type { RegistryRows } from "../modules/registries/index.js";
import { DEMO_PERSONS, type DemoPerson } from "./demo-data.js";
import {
  demoDepartment,
  demoOrganisation,
  demoPerson,
  departmentCreditCode,
  organisationCreditCode,
  personIdNumber,
} from "./demo-ids.js";

/*
 * The departments' registries in the demo, one story: 林晓雨 and 陈浩然 married at the 西湖区婚姻登记处
 * in 2024, own their flat on 保俶北路 together, and their daughter 陈思语 was born on 18 November 2026
 * at 浙江大学医学院附属妇产科医院; her 出生医学证明 is issued, her 户口 is not registered yet (the
 * 出生一件事 the exchange serves). Addresses are real streets with fictitious house numbers.
 */

const id = (key: string): string => personIdNumber(demoPerson(key));
const code = (key: string): string => organisationCreditCode(demoOrganisation(key));
const gender = (p: DemoPerson): "男" | "女" => (p.sequence % 2 === 1 ? "男" : "女");

/** A relative outside the demo's persons (王建国's wife), with a number that passes GB 11643 too. */
const LI_HONGMEI = {
  name: "李红梅",
  idNumber: personIdNumber({ ...demoPerson("agent"), birthDate: "1980-06-14", sequence: 46 }),
};

const HOME = "杭州市西湖区北山街道保俶北路 35 号 2 幢 1 单元 802 室";

/** 户籍: where each demo person's 户口 is, in the street (乡镇街道) of their division. */
const HOUSEHOLDS: Record<
  string,
  { household: string; head: string; relation: string; address: string; division: string; ethnicity: string }
> = {
  spouse: {
    household: "102617384",
    head: "陈浩然",
    relation: "户主",
    address: HOME,
    division: "330106002",
    ethnicity: "汉族",
  },
  citizen: {
    household: "102617384",
    head: "陈浩然",
    relation: "妻",
    address: HOME,
    division: "330106002",
    ethnicity: "汉族",
  },
  agent: {
    household: "100482951",
    head: "王建国",
    relation: "户主",
    address: "杭州市拱墅区湖墅街道湖墅南路 186 号 5 幢 1 单元 601 室",
    division: "330105002",
    ethnicity: "汉族",
  },
  elder: {
    household: "207315046",
    head: "周桂英",
    relation: "户主",
    address: "杭州市淳安县千岛湖镇新安东路 298 号 3 幢 201 室",
    division: "330127100",
    ethnicity: "汉族",
  },
  student: {
    household: "300921577",
    head: "赵立新",
    relation: "女",
    address: "杭州市滨江区长河街道长河路 475 号 6 幢 2 单元 1502 室",
    division: "330108002",
    ethnicity: "满族",
  },
  worker: {
    household: "401736280",
    head: "孙立强",
    relation: "户主",
    address: "杭州市萧山区城厢街道人民路 99 号 2 幢 3 单元 401 室",
    division: "330109001",
    ethnicity: "汉族",
  },
  officer1: {
    household: "102584613",
    head: "黄敏",
    relation: "户主",
    address: "杭州市西湖区翠苑街道文三路 259 号 4 幢 2 单元 302 室",
    division: "330106005",
    ethnicity: "回族",
  },
  officer2: {
    household: "110395724",
    head: "刘洋",
    relation: "户主",
    address: "杭州市上城区湖滨街道东坡路 7 号 1 幢 602 室",
    division: "330102003",
    ethnicity: "汉族",
  },
};

const SCIENCE = demoOrganisation("enterprise");
const RESTAURANT = demoOrganisation("restaurant");
const FACTORY = demoOrganisation("factory");
const POLICE = demoDepartment("HZ-GA");
const MARKET = demoDepartment("HZ-SCJG");
const ENTERPRISE_PENSION = ["企业职工基本养老保险", "失业保险", "工伤保险"];
const PUBLIC_PENSION = ["机关事业单位基本养老保险", "失业保险", "工伤保险"];

/** Every row the demo loads into the registries. */
export const DEMO_REGISTRY_ROWS: RegistryRows = {
  registry_household: DEMO_PERSONS.map((p) => {
    const h = HOUSEHOLDS[p.key];
    if (!h) {
      throw new Error(`no household register entry for demo person ${p.key}`);
    }
    return {
      id_number: personIdNumber(p),
      name: p.name,
      gender: gender(p),
      ethnicity: h.ethnicity,
      birth_date: p.birthDate,
      household_number: h.household,
      household_head: h.head,
      relation_to_head: h.relation,
      address: h.address,
      division_code: h.division,
      updated_at:
        p.key === "citizen" || p.key === "spouse" ? "2024-06-03T10:15:00+08:00" : "2023-03-14T09:00:00+08:00",
    };
  }),

  registry_enterprises: [
    {
      credit_code: organisationCreditCode(SCIENCE),
      name: SCIENCE.name,
      entity_type: "有限责任公司（自然人投资或控股）",
      legal_representative: SCIENCE.legalRepresentative,
      registered_capital: 1000,
      established_on: SCIENCE.registeredOn,
      address: SCIENCE.address,
      business_scope:
        "一般项目：技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；软件开发；数据处理服务；人工智能应用软件开发；信息系统集成服务（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）。",
      status: "存续",
      registration_authority: "杭州市西湖区市场监督管理局",
      updated_at: "2025-04-22T14:30:00+08:00",
    },
    {
      credit_code: organisationCreditCode(RESTAURANT),
      name: RESTAURANT.name,
      entity_type: "有限责任公司（自然人独资）",
      legal_representative: RESTAURANT.legalRepresentative,
      registered_capital: 200,
      established_on: RESTAURANT.registeredOn,
      address: RESTAURANT.address,
      business_scope:
        "许可项目：餐饮服务；食品销售（依法须经批准的项目，经相关部门批准后方可开展经营活动）。一般项目：餐饮管理；食品销售（仅销售预包装食品）。",
      status: "存续",
      registration_authority: "杭州市西湖区市场监督管理局",
      updated_at: "2021-07-01T16:05:00+08:00",
    },
    {
      credit_code: organisationCreditCode(FACTORY),
      name: FACTORY.name,
      entity_type: "有限责任公司（自然人投资或控股）",
      legal_representative: FACTORY.legalRepresentative,
      registered_capital: 5000,
      established_on: FACTORY.registeredOn,
      address: FACTORY.address,
      business_scope:
        "一般项目：通用零部件制造；机械零件、零部件加工；模具制造；金属切削加工服务；技术进出口；货物进出口（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）。",
      status: "存续",
      registration_authority: "杭州市钱塘区市场监督管理局",
      updated_at: "2022-02-18T11:20:00+08:00",
    },
  ],

  registry_social_insurance: [
    {
      id_number: id("citizen"),
      name: "林晓雨",
      insurance_types: ENTERPRISE_PENSION,
      employer_name: SCIENCE.name,
      employer_credit_code: code("enterprise"),
      insured_since: "2014-07-01",
      months_paid: 148,
      contribution_base: 12000,
      status: "正常参保",
      updated_at: "2026-11-01T02:00:00+08:00",
    },
    {
      id_number: id("spouse"),
      name: "陈浩然",
      insurance_types: ENTERPRISE_PENSION,
      employer_name: FACTORY.name,
      employer_credit_code: code("factory"),
      insured_since: "2012-08-01",
      months_paid: 171,
      contribution_base: 24060,
      status: "正常参保",
      updated_at: "2026-11-01T02:00:00+08:00",
    },
    {
      id_number: id("agent"),
      name: "王建国",
      insurance_types: ENTERPRISE_PENSION,
      employer_name: SCIENCE.name,
      employer_credit_code: code("enterprise"),
      insured_since: "2000-09-01",
      months_paid: 302,
      contribution_base: 24060,
      status: "正常参保",
      updated_at: "2026-11-01T02:00:00+08:00",
    },
    {
      id_number: id("worker"),
      name: "孙立强",
      insurance_types: ENTERPRISE_PENSION,
      employer_name: RESTAURANT.name,
      employer_credit_code: code("restaurant"),
      insured_since: "2008-03-01",
      months_paid: 212,
      contribution_base: 8500,
      status: "正常参保",
      updated_at: "2026-11-01T02:00:00+08:00",
    },
    {
      id_number: id("elder"),
      name: "周桂英",
      insurance_types: ["企业职工基本养老保险"],
      employer_name: null,
      employer_credit_code: null,
      insured_since: "1992-01-01",
      months_paid: 116,
      contribution_base: null,
      status: "退休（按月领取养老金）",
      updated_at: "2026-11-01T02:00:00+08:00",
    },
    {
      id_number: id("officer1"),
      name: "黄敏",
      insurance_types: PUBLIC_PENSION,
      employer_name: POLICE.name,
      employer_credit_code: departmentCreditCode(POLICE),
      insured_since: "2010-08-01",
      months_paid: 195,
      contribution_base: 15800,
      status: "正常参保",
      updated_at: "2026-11-01T02:00:00+08:00",
    },
    {
      id_number: id("officer2"),
      name: "刘洋",
      insurance_types: PUBLIC_PENSION,
      employer_name: MARKET.name,
      employer_credit_code: departmentCreditCode(MARKET),
      insured_since: "2012-07-01",
      months_paid: 172,
      contribution_base: 14200,
      status: "正常参保",
      updated_at: "2026-11-01T02:00:00+08:00",
    },
  ],

  registry_birth_certificates: [
    {
      certificate_number: "U330486127",
      child_name: "陈思语",
      child_gender: "女",
      birth_time: "2026-11-18T09:42:00+08:00",
      birth_place: "浙江省杭州市上城区",
      weight_grams: 3350,
      mother_name: "林晓雨",
      mother_id_number: id("citizen"),
      father_name: "陈浩然",
      father_id_number: id("spouse"),
      issued_by: "浙江大学医学院附属妇产科医院",
      updated_at: "2026-11-18T15:20:00+08:00",
    },
  ],

  registry_real_estate: [
    ...(["spouse", "citizen"] as const).map((key) => ({
      certificate_number: "浙(2024)杭州市不动产权第0213587号",
      owner_name: demoPerson(key).name,
      owner_id_number: id(key),
      location: "杭州市西湖区保俶北路 35 号 2 幢 1 单元 802 室",
      area_sqm: 89.46,
      usage: "住宅",
      share: "共同共有",
      registered_on: "2024-09-12",
      mortgaged: true,
      updated_at: "2024-09-12T16:40:00+08:00",
    })),
    {
      certificate_number: "浙(2017)杭州市不动产权第0045021号",
      owner_name: "王建国",
      owner_id_number: id("agent"),
      location: "杭州市拱墅区湖墅南路 186 号 5 幢 1 单元 601 室",
      area_sqm: 118.72,
      usage: "住宅",
      share: "单独所有",
      registered_on: "2017-06-30",
      mortgaged: false,
      updated_at: "2017-06-30T15:00:00+08:00",
    },
    {
      certificate_number: "浙(2019)杭州市不动产权第0187734号",
      owner_name: "王建国",
      owner_id_number: id("agent"),
      location: "杭州市拱墅区湖墅南路 186 号地下车库 B2-117 车位",
      area_sqm: 13.2,
      usage: "车位",
      share: "单独所有",
      registered_on: "2019-04-02",
      mortgaged: false,
      updated_at: "2019-04-02T10:30:00+08:00",
    },
    {
      certificate_number: "浙(2018)淳安县不动产权第0003126号",
      owner_name: "周桂英",
      owner_id_number: id("elder"),
      location: "杭州市淳安县千岛湖镇新安东路 298 号 3 幢 201 室",
      area_sqm: 76.3,
      usage: "住宅",
      share: "单独所有",
      registered_on: "2018-03-20",
      mortgaged: false,
      updated_at: "2018-03-20T09:45:00+08:00",
    },
  ],

  registry_marriages: [
    {
      certificate_number: "J330106-2024-001358",
      registration_type: "结婚登记",
      party_a_name: "陈浩然",
      party_a_id_number: id("spouse"),
      party_b_name: "林晓雨",
      party_b_id_number: id("citizen"),
      registered_on: "2024-05-20",
      registration_office: "杭州市西湖区婚姻登记处",
      updated_at: "2024-05-20T11:08:00+08:00",
    },
    {
      certificate_number: "J330105-2004-000812",
      registration_type: "结婚登记",
      party_a_name: "王建国",
      party_a_id_number: id("agent"),
      party_b_name: LI_HONGMEI.name,
      party_b_id_number: LI_HONGMEI.idNumber,
      registered_on: "2004-10-08",
      registration_office: "杭州市拱墅区婚姻登记处",
      updated_at: "2004-10-08T10:00:00+08:00",
    },
  ],

  registry_health_records: [
    {
      id_number: id("citizen"),
      name: "林晓雨",
      blood_type: "A",
      chronic_conditions: [],
      immunisations: ["乙肝疫苗（3剂）", "新冠病毒疫苗（3剂）", "百白破疫苗（孕期，2026-08）"],
      family_doctor: "北山街道社区卫生服务中心 张慧",
      updated_at: "2026-11-21T10:00:00+08:00",
    },
    {
      id_number: id("spouse"),
      name: "陈浩然",
      blood_type: "O",
      chronic_conditions: [],
      immunisations: ["乙肝疫苗（3剂）", "新冠病毒疫苗（3剂）", "流感疫苗（2026-10）"],
      family_doctor: "北山街道社区卫生服务中心 张慧",
      updated_at: "2026-10-15T14:30:00+08:00",
    },
    {
      id_number: id("agent"),
      name: "王建国",
      blood_type: "AB",
      chronic_conditions: ["高血压"],
      immunisations: ["新冠病毒疫苗（3剂）"],
      family_doctor: "湖墅街道社区卫生服务中心 陆明",
      updated_at: "2026-09-02T09:20:00+08:00",
    },
    {
      id_number: id("elder"),
      name: "周桂英",
      blood_type: "B",
      chronic_conditions: ["高血压", "2型糖尿病"],
      immunisations: ["流感疫苗（2026-10）", "23价肺炎球菌多糖疫苗（2025-11）"],
      family_doctor: "千岛湖镇社区卫生服务中心 方建华",
      updated_at: "2026-11-10T08:50:00+08:00",
    },
    {
      id_number: id("student"),
      name: "赵子涵",
      blood_type: "O",
      chronic_conditions: [],
      immunisations: ["乙肝疫苗（3剂）", "HPV疫苗（9价，3剂）"],
      family_doctor: null,
      updated_at: "2025-12-05T15:10:00+08:00",
    },
  ],

  // 不予共享 by law; nobody in the demo has a record.
  registry_criminal_records: DEMO_PERSONS.map((p) => ({
    id_number: personIdNumber(p),
    has_record: false,
    summary: null,
    updated_at: "2026-11-26T02:00:00+08:00",
  })),
};
