/**
 * The demo: 杭州市 (Hangzhou, where 最多跑一次 began) with its real districts and streets, real
 * department names, and fictitious people and organisations whose identifiers pass their checksums.
 */

export const DEMO_CITY = { code: "330100", name: "杭州市", provinceCode: "33" } as const;

export interface DemoDepartment {
  code: string;
  name: string;
  nameEn: string;
  divisionCode: string;
  /** Body of the organisation code (8 chars) for the department's credit code (11 = 机关). */
  org: string;
  units?: { code: string; name: string; nameEn: string }[];
}

export const DEMO_DEPARTMENTS: DemoDepartment[] = [
  {
    code: "HZ-GA",
    name: "杭州市公安局",
    nameEn: "Hangzhou Public Security Bureau",
    divisionCode: "330100",
    org: "00250001",
    units: [
      { code: "HZ-GA-HZ", name: "户政管理处", nameEn: "Household Registration Division" },
      { code: "HZ-GA-JJ", name: "交通警察支队", nameEn: "Traffic Police Detachment" },
      { code: "HZ-GA-CRJ", name: "出入境管理局", nameEn: "Exit and Entry Administration" },
    ],
  },
  {
    code: "HZ-SCJG",
    name: "杭州市市场监督管理局",
    nameEn: "Hangzhou Administration for Market Regulation",
    divisionCode: "330100",
    org: "00250002",
    units: [
      { code: "HZ-SCJG-DJ", name: "登记注册处", nameEn: "Business Registration Division" },
      { code: "HZ-SCJG-SP", name: "食品经营监督管理处", nameEn: "Food Business Supervision Division" },
    ],
  },
  {
    code: "HZ-RS",
    name: "杭州市人力资源和社会保障局",
    nameEn: "Hangzhou Human Resources and Social Security Bureau",
    divisionCode: "330100",
    org: "00250003",
    units: [
      { code: "HZ-RS-SB", name: "社会保险管理服务中心", nameEn: "Social Insurance Service Centre" },
      { code: "HZ-RS-JY", name: "就业管理服务中心", nameEn: "Employment Service Centre" },
    ],
  },
  {
    code: "HZ-WJ",
    name: "杭州市卫生健康委员会",
    nameEn: "Hangzhou Health Commission",
    divisionCode: "330100",
    org: "00250004",
    units: [{ code: "HZ-WJ-FY", name: "妇幼健康处", nameEn: "Maternal and Child Health Division" }],
  },
  {
    code: "HZ-YB",
    name: "杭州市医疗保障局",
    nameEn: "Hangzhou Healthcare Security Administration",
    divisionCode: "330100",
    org: "00250005",
  },
  {
    code: "HZ-JW",
    name: "杭州市城乡建设委员会",
    nameEn: "Hangzhou Urban and Rural Development Commission",
    divisionCode: "330100",
    org: "00250006",
  },
  {
    code: "HZ-FG",
    name: "杭州市住房保障和房产管理局",
    nameEn: "Hangzhou Housing Security and Real Estate Administration",
    divisionCode: "330100",
    org: "00250007",
    units: [{ code: "HZ-FG-DJ", name: "不动产登记服务中心", nameEn: "Real Estate Registration Centre" }],
  },
  {
    code: "HZ-ST",
    name: "杭州市生态环境局",
    nameEn: "Hangzhou Ecology and Environment Bureau",
    divisionCode: "330100",
    org: "00250008",
  },
  {
    code: "HZ-JT",
    name: "杭州市交通运输局",
    nameEn: "Hangzhou Transport Bureau",
    divisionCode: "330100",
    org: "00250009",
  },
  {
    code: "HZ-JY",
    name: "杭州市教育局",
    nameEn: "Hangzhou Education Bureau",
    divisionCode: "330100",
    org: "00250010",
  },
  {
    code: "HZ-MZ",
    name: "杭州市民政局",
    nameEn: "Hangzhou Civil Affairs Bureau",
    divisionCode: "330100",
    org: "00250011",
    units: [
      { code: "HZ-MZ-HY", name: "婚姻登记中心", nameEn: "Marriage Registration Centre" },
      { code: "HZ-MZ-SZ", name: "社会组织管理局", nameEn: "Social Organisations Administration" },
    ],
  },
  {
    code: "HZ-CG",
    name: "杭州市城市管理局",
    nameEn: "Hangzhou City Management Bureau",
    divisionCode: "330100",
    org: "00250012",
  },
  {
    code: "HZ-SJ",
    name: "杭州市数据资源管理局",
    nameEn: "Hangzhou Data Resources Administration",
    divisionCode: "330100",
    org: "00250013",
    units: [{ code: "HZ-SJ-ZW", name: "市民中心政务服务大厅", nameEn: "Citizen Centre Service Hall" }],
  },
  {
    code: "HZ-ZRZY",
    name: "杭州市规划和自然资源局",
    nameEn: "Hangzhou Planning and Natural Resources Bureau",
    divisionCode: "330100",
    org: "00250014",
  },
  {
    code: "HZ-SF",
    name: "杭州市司法局",
    nameEn: "Hangzhou Justice Bureau",
    divisionCode: "330100",
    org: "00250015",
  },
  {
    code: "HZ-BGT",
    name: "杭州市人民政府办公厅",
    nameEn: "General Office of the Hangzhou Municipal People's Government",
    divisionCode: "330100",
    org: "00250016",
    units: [
      { code: "HZ-BGT-12345", name: "12345政务服务便民热线", nameEn: "12345 Government Service Hotline" },
    ],
  },
  {
    code: "HZ-SW",
    name: "国家税务总局杭州市税务局",
    nameEn: "Hangzhou Municipal Tax Service, State Taxation Administration",
    divisionCode: "330100",
    org: "00250017",
  },
  {
    code: "HZ-GJJ",
    name: "杭州住房公积金管理中心",
    nameEn: "Hangzhou Housing Provident Fund Management Centre",
    divisionCode: "330100",
    org: "00250018",
  },
  // District counterparts.
  {
    code: "XH-GA",
    name: "杭州市公安局西湖区分局",
    nameEn: "Xihu District Branch, Hangzhou Public Security Bureau",
    divisionCode: "330106",
    org: "00260001",
  },
  {
    code: "XH-SCJG",
    name: "杭州市西湖区市场监督管理局",
    nameEn: "Xihu District Administration for Market Regulation",
    divisionCode: "330106",
    org: "00260002",
  },
  {
    code: "XH-RS",
    name: "杭州市西湖区人力资源和社会保障局",
    nameEn: "Xihu District Human Resources and Social Security Bureau",
    divisionCode: "330106",
    org: "00260003",
  },
  {
    code: "XH-MZ",
    name: "杭州市西湖区民政局",
    nameEn: "Xihu District Civil Affairs Bureau",
    divisionCode: "330106",
    org: "00260004",
  },
  {
    code: "SC-GA",
    name: "杭州市公安局上城区分局",
    nameEn: "Shangcheng District Branch, Hangzhou Public Security Bureau",
    divisionCode: "330102",
    org: "00270001",
  },
  {
    code: "SC-SCJG",
    name: "杭州市上城区市场监督管理局",
    nameEn: "Shangcheng District Administration for Market Regulation",
    divisionCode: "330102",
    org: "00270002",
  },
  // Street level (乡镇街道).
  {
    code: "XH-BS",
    name: "西湖区北山街道办事处",
    nameEn: "Beishan Subdistrict Office, Xihu",
    divisionCode: "330106002",
    org: "00280001",
    units: [
      {
        code: "XH-BS-BM",
        name: "北山街道便民服务中心",
        nameEn: "Beishan Subdistrict Citizen Service Centre",
      },
    ],
  },
  {
    code: "SC-HB",
    name: "上城区湖滨街道办事处",
    nameEn: "Hubin Subdistrict Office, Shangcheng",
    divisionCode: "330102003",
    org: "00280002",
  },
];

export interface DemoPerson {
  key: string;
  name: string;
  regionCode: string;
  birthDate: string;
  sequence: number;
  mobile: string;
  divisionCode: string;
}

export const DEMO_PERSONS: DemoPerson[] = [
  {
    key: "citizen",
    name: "林晓雨",
    regionCode: "330106",
    birthDate: "1992-05-17",
    sequence: 124,
    mobile: "13857160218",
    divisionCode: "330106002",
  },
  {
    key: "spouse",
    name: "陈浩然",
    regionCode: "330102",
    birthDate: "1990-11-03",
    sequence: 215,
    mobile: "13905712346",
    divisionCode: "330106002",
  },
  {
    key: "agent",
    name: "王建国",
    regionCode: "330105",
    birthDate: "1978-02-28",
    sequence: 37,
    mobile: "13588020471",
    divisionCode: "330105",
  },
  {
    key: "elder",
    name: "周桂英",
    regionCode: "330127",
    birthDate: "1951-08-09",
    sequence: 62,
    mobile: "13706810395",
    divisionCode: "330127",
  },
  {
    key: "student",
    name: "赵子涵",
    regionCode: "330108",
    birthDate: "2006-02-10",
    sequence: 48,
    mobile: "15167123980",
    divisionCode: "330108",
  },
  {
    key: "worker",
    name: "孙立强",
    regionCode: "330109",
    birthDate: "1985-12-31",
    sequence: 11,
    mobile: "18758102637",
    divisionCode: "330109",
  },
  {
    key: "officer1",
    name: "黄敏",
    regionCode: "330106",
    birthDate: "1987-07-21",
    sequence: 88,
    mobile: "13757109824",
    divisionCode: "330106",
  },
  {
    key: "officer2",
    name: "刘洋",
    regionCode: "330103",
    birthDate: "1989-04-12",
    sequence: 151,
    mobile: "13867443210",
    divisionCode: "330102",
  },
];

export interface DemoOrganisation {
  key: string;
  kind: "enterprise" | "social_organisation" | "media";
  name: string;
  prefix: string;
  regionCode: string;
  org: string;
  legalRepresentative: string;
  divisionCode: string;
  address: string;
  registeredOn: string;
  mediaLicence?: string;
}

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  {
    key: "enterprise",
    kind: "enterprise",
    name: "杭州云栖数智科技有限公司",
    prefix: "91",
    regionCode: "330106",
    org: "MA2H7Q3K",
    legalRepresentative: "王建国",
    divisionCode: "330106",
    address: "杭州市西湖区云栖小镇云栖路 8 号",
    registeredOn: "2019-03-15",
  },
  {
    key: "restaurant",
    kind: "enterprise",
    name: "杭州知味西溪餐饮管理有限公司",
    prefix: "91",
    regionCode: "330106",
    org: "MA2J1C8R",
    legalRepresentative: "孙立强",
    divisionCode: "330106",
    address: "杭州市西湖区文二西路 66 号",
    registeredOn: "2021-07-01",
  },
  {
    key: "factory",
    kind: "enterprise",
    name: "杭州钱塘精密制造有限公司",
    prefix: "91",
    regionCode: "330114",
    org: "MA27XW4N",
    legalRepresentative: "陈浩然",
    divisionCode: "330114",
    address: "杭州市钱塘区白杨街道 6 号大街 18 号",
    registeredOn: "2016-11-20",
  },
  {
    key: "socialorg",
    kind: "social_organisation",
    name: "杭州市西湖区青年志愿者协会",
    prefix: "51",
    regionCode: "330106",
    org: "MJ8745X2",
    legalRepresentative: "林晓雨",
    divisionCode: "330106",
    address: "杭州市西湖区北山街道保俶路 12 号",
    registeredOn: "2015-05-04",
  },
  {
    key: "media",
    kind: "media",
    name: "杭州城市之声融媒体中心",
    prefix: "12",
    regionCode: "330100",
    org: "47004215",
    legalRepresentative: "周文博",
    divisionCode: "330100",
    address: "杭州市上城区解放东路 18 号",
    registeredOn: "2003-09-01",
    mediaLicence: "浙新出报刊证字第 0107 号",
  },
];

export interface DemoAccount {
  username: string;
  displayName: string;
  roles: (
    | "citizen"
    | "enterprise_agent"
    | "officer"
    | "dept_admin"
    | "leader"
    | "auditor"
    | "platform_admin"
    | "legal_reviewer"
    | "helper"
    | "system"
  )[];
  departments: string[];
  person?: string;
  organisation?: string;
  /** The address the holder gave for e-mail notifications. */
  email?: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: "citizen", displayName: "林晓雨", roles: ["citizen"], departments: [], person: "citizen" },
  {
    username: "citizen2",
    displayName: "周桂英",
    roles: ["citizen"],
    departments: [],
    person: "elder",
    email: "zhou.guiying@example.cn",
  },
  {
    username: "enterprise",
    displayName: "王建国（杭州云栖数智科技有限公司）",
    roles: ["enterprise_agent"],
    departments: [],
    person: "agent",
    organisation: "enterprise",
  },
  {
    username: "officer",
    displayName: "黄敏",
    roles: ["officer"],
    departments: ["HZ-GA"],
    person: "officer1",
  },
  {
    username: "officer2",
    displayName: "刘洋",
    roles: ["officer"],
    departments: ["HZ-SCJG"],
    person: "officer2",
  },
  { username: "officer3", displayName: "吴静", roles: ["officer"], departments: ["HZ-RS"] },
  { username: "officer4", displayName: "郑凯", roles: ["officer"], departments: ["XH-GA"] },
  { username: "officer5", displayName: "许文倩", roles: ["officer"], departments: ["HZ-YB"] },
  { username: "officer6", displayName: "蒋一鸣", roles: ["officer"], departments: ["HZ-WJ"] },
  { username: "deptadmin", displayName: "何志远", roles: ["dept_admin"], departments: ["HZ-SJ"] },
  { username: "leader", displayName: "马振华", roles: ["leader"], departments: ["HZ-BGT"] },
  { username: "auditor", displayName: "冯清", roles: ["auditor"], departments: [] },
  { username: "admin", displayName: "平台管理员", roles: ["platform_admin"], departments: [] },
  { username: "reviewer", displayName: "沈法明", roles: ["legal_reviewer"], departments: ["HZ-SF"] },
  { username: "gaadmin", displayName: "钱振宇", roles: ["dept_admin"], departments: ["HZ-GA"] },
  // 接诉即办: the 12345 centre's hotline agent and dispatcher, and officers of departments that handle requests.
  { username: "hotline", displayName: "王丽", roles: ["officer"], departments: ["HZ-BGT-12345"] },
  { username: "dispatcher", displayName: "陈立", roles: ["officer"], departments: ["HZ-BGT-12345"] },
  { username: "officer8", displayName: "杨帆", roles: ["officer"], departments: ["XH-SCJG"] },
  { username: "officer9", displayName: "许文", roles: ["officer"], departments: ["HZ-CG"] },
  { username: "officer7", displayName: "周婷", roles: ["officer"], departments: ["HZ-FG"] },
  // Officers of the 西湖区 offices where the catalogue's steps are taken (docs/applications.md), and
  // one of another district, whom those steps refuse.
  { username: "officer10", displayName: "汪丽华", roles: ["officer"], departments: ["XH-MZ"] },
  { username: "officer11", displayName: "方志强", roles: ["officer"], departments: ["XH-BS"] },
  { username: "officer12", displayName: "邵建明", roles: ["officer"], departments: ["SC-GA"] },
  // 帮办代办: a 帮办员 at the 北山街道 citizen service centre applies for residents who cannot do it themselves.
  { username: "helper", displayName: "陈雅琴", roles: ["helper"], departments: ["XH-BS-BM"] },
];

/** A department information system that calls the platform with an API token (no password). */
export const DEMO_SYSTEM_CLIENT = {
  username: "hz-gongan-system",
  displayName: "杭州市公安局人口信息系统",
  department: "HZ-GA",
};
