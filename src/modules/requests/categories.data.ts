/**
 * The demo's own category tree for citizens' requests (诉求分类): the seven first-level labels that
 * request classifiers are trained on, with a second level written for this platform, each mapped to
 * the 杭州市 department responsible for it. `power` names an item of that department's 权责清单 when
 * the demo's responsibility list has one that covers the matter. Deadlines: contact the requester
 * within `contactHours`, resolve within `resolveDays` working days (inherited from the first level
 * when a second-level category does not set them). Keywords drive the built-in keyword dispatcher.
 */
export interface CategorySeed {
  code: string;
  name: string;
  nameEn: string;
  department: string;
  power?: string;
  contactHours?: number;
  resolveDays?: number;
  keywords: string[];
  children?: CategorySeed[];
}

export const FIRST_LEVEL_LABELS = [
  "城乡建设",
  "劳动和社会保障",
  "教育文体",
  "商贸旅游",
  "卫生计生",
  "环境保护",
  "交通运输",
] as const;

export const CATEGORY_TREE: CategorySeed[] = [
  {
    code: "construction",
    name: "城乡建设",
    nameEn: "Urban and rural development",
    department: "HZ-JW",
    contactHours: 24,
    resolveDays: 15,
    keywords: ["小区", "楼盘", "房屋"],
    children: [
      {
        code: "construction-property",
        name: "物业管理",
        nameEn: "Property management",
        department: "HZ-FG",
        keywords: ["物业", "业委会", "电梯", "物业费", "维修基金", "车位", "门禁"],
      },
      {
        code: "construction-housing",
        name: "住房保障与房产交易",
        nameEn: "Housing security and property sales",
        department: "HZ-FG",
        keywords: ["公租房", "保障房", "人才房", "购房", "交房", "开发商", "房产证", "不动产", "网签"],
      },
      {
        code: "construction-sites",
        name: "建筑施工",
        nameEn: "Construction sites",
        department: "HZ-JW",
        resolveDays: 10,
        keywords: ["工地", "施工", "渣土", "夜间施工", "脚手架", "塔吊", "围挡"],
      },
      {
        code: "construction-utilities",
        name: "供水供气与市政设施",
        nameEn: "Water, gas and municipal facilities",
        department: "HZ-CG",
        contactHours: 2,
        resolveDays: 5,
        keywords: ["停水", "水压", "自来水", "燃气", "路灯", "井盖", "下水道", "管道", "窨井"],
      },
      {
        code: "construction-cityscape",
        name: "市容环卫",
        nameEn: "Cityscape and sanitation",
        department: "HZ-CG",
        resolveDays: 5,
        keywords: ["垃圾", "占道", "违章搭建", "违建", "广告牌", "摊贩", "环卫", "公厕"],
      },
      {
        code: "construction-planning",
        name: "规划与土地",
        nameEn: "Planning and land",
        department: "HZ-ZRZY",
        keywords: ["规划", "用地", "土地", "宅基地", "红线", "容积率"],
      },
      {
        code: "construction-expropriation",
        name: "房屋征收",
        nameEn: "Housing expropriation",
        department: "HZ-FG",
        resolveDays: 20,
        keywords: ["征收", "拆迁", "安置", "补偿款", "回迁"],
      },
    ],
  },
  {
    code: "labour",
    name: "劳动和社会保障",
    nameEn: "Labour and social security",
    department: "HZ-RS",
    contactHours: 24,
    resolveDays: 15,
    keywords: ["劳动", "用人单位"],
    children: [
      {
        code: "labour-wages",
        name: "欠薪与劳动关系",
        nameEn: "Unpaid wages and employment relations",
        department: "HZ-RS",
        power: "330100-RS-JC-001",
        resolveDays: 10,
        keywords: ["欠薪", "拖欠工资", "工资", "劳动合同", "加班", "辞退", "仲裁", "工伤"],
      },
      {
        code: "labour-insurance",
        name: "社会保险",
        nameEn: "Social insurance",
        department: "HZ-RS",
        power: "330100-RS-QR-001",
        keywords: ["社保", "养老保险", "缴费", "参保", "社保卡", "退休金", "养老金"],
      },
      {
        code: "labour-unemployment",
        name: "失业保险",
        nameEn: "Unemployment insurance",
        department: "HZ-RS",
        power: "330100-RS-JF-001",
        keywords: ["失业金", "失业保险", "失业登记"],
      },
      {
        code: "labour-employment",
        name: "就业创业",
        nameEn: "Employment and start-ups",
        department: "HZ-RS",
        keywords: ["就业", "招聘", "创业", "职业培训", "人才引进", "补贴申领"],
      },
      {
        code: "labour-medical-insurance",
        name: "医疗保障",
        nameEn: "Medical insurance",
        department: "HZ-YB",
        keywords: ["医保", "报销", "医保卡", "异地就医", "门诊统筹", "大病保险"],
      },
      {
        code: "labour-welfare",
        name: "社会救助与养老服务",
        nameEn: "Social assistance and elderly care",
        department: "HZ-MZ",
        keywords: ["低保", "救助", "养老院", "养老服务", "残疾人", "困难家庭", "高龄津贴"],
      },
    ],
  },
  {
    code: "education",
    name: "教育文体",
    nameEn: "Education, culture and sport",
    department: "HZ-JY",
    contactHours: 24,
    resolveDays: 15,
    keywords: ["学生", "老师", "教育"],
    children: [
      {
        code: "education-enrolment",
        name: "入学招生",
        nameEn: "School places and admissions",
        department: "HZ-JY",
        keywords: ["入学", "招生", "学区", "幼儿园", "转学", "中考", "摇号", "学籍"],
      },
      {
        code: "education-schools",
        name: "学校管理与收费",
        nameEn: "School management and fees",
        department: "HZ-JY",
        keywords: ["学校", "收费", "校服", "食堂", "课后服务", "补课", "作业"],
      },
      {
        code: "education-training",
        name: "校外培训",
        nameEn: "Out-of-school tutoring",
        department: "HZ-JY",
        keywords: ["培训机构", "辅导班", "退费", "校外培训"],
      },
      {
        code: "education-culture",
        name: "文化体育",
        nameEn: "Culture and sport",
        department: "HZ-JY",
        keywords: ["体育馆", "图书馆", "健身", "运动场", "文化活动", "广场舞"],
      },
    ],
  },
  {
    code: "commerce",
    name: "商贸旅游",
    nameEn: "Commerce and tourism",
    department: "HZ-SCJG",
    contactHours: 24,
    resolveDays: 10,
    keywords: ["商家", "店铺", "消费"],
    children: [
      {
        code: "commerce-food",
        name: "食品安全",
        nameEn: "Food safety",
        department: "HZ-SCJG",
        power: "330100-SCJG-JC-001",
        contactHours: 12,
        resolveDays: 7,
        keywords: ["食品", "餐馆", "饭店", "变质", "过期", "外卖", "后厨", "食物中毒"],
      },
      {
        code: "commerce-consumer",
        name: "消费维权",
        nameEn: "Consumer rights",
        department: "HZ-SCJG",
        keywords: ["退款", "投诉商家", "假冒", "质量问题", "预付卡", "虚假宣传", "售后"],
      },
      {
        code: "commerce-business",
        name: "市场主体登记",
        nameEn: "Business registration",
        department: "HZ-SCJG",
        power: "330100-SCJG-XK-001",
        keywords: ["营业执照", "注册公司", "工商登记", "注销", "个体户"],
      },
      {
        code: "commerce-prices",
        name: "价格与收费",
        nameEn: "Prices and charges",
        department: "HZ-SCJG",
        keywords: ["价格", "乱收费", "涨价", "明码标价", "停车费"],
      },
      {
        code: "commerce-tourism",
        name: "旅游服务",
        nameEn: "Tourism services",
        department: "HZ-SCJG",
        keywords: ["旅游", "景区", "导游", "旅行社", "门票", "民宿"],
      },
    ],
  },
  {
    code: "health",
    name: "卫生计生",
    nameEn: "Health and family planning",
    department: "HZ-WJ",
    contactHours: 24,
    resolveDays: 15,
    keywords: ["医生", "患者", "卫生"],
    children: [
      {
        code: "health-medical",
        name: "医疗服务",
        nameEn: "Medical services",
        department: "HZ-WJ",
        power: "330100-WJ-XK-001",
        keywords: ["医院", "看病", "挂号", "诊所", "医疗纠纷", "急诊", "社区卫生"],
      },
      {
        code: "health-maternal",
        name: "妇幼与生育",
        nameEn: "Maternal and child health",
        department: "HZ-WJ",
        power: "330100-WJ-QR-001",
        keywords: ["出生医学证明", "生育", "产检", "二孩", "三孩", "计生", "疫苗接种"],
      },
      {
        code: "health-public",
        name: "公共卫生",
        nameEn: "Public health",
        department: "HZ-WJ",
        keywords: ["疾控", "传染病", "消毒", "卫生许可", "病媒", "老鼠", "蚊虫"],
      },
      {
        code: "health-practitioners",
        name: "医师执业",
        nameEn: "Medical practitioners",
        department: "HZ-WJ",
        power: "330100-WJ-XK-002",
        keywords: ["医师资格", "执业证", "非法行医", "医德"],
      },
    ],
  },
  {
    code: "environment",
    name: "环境保护",
    nameEn: "Environmental protection",
    department: "HZ-ST",
    contactHours: 12,
    resolveDays: 10,
    keywords: ["污染", "环保", "排放"],
    children: [
      {
        code: "environment-noise",
        name: "噪声污染",
        nameEn: "Noise",
        department: "HZ-ST",
        resolveDays: 5,
        keywords: ["噪音", "噪声", "扰民", "太吵", "鸣笛", "音响"],
      },
      {
        code: "environment-air",
        name: "大气污染",
        nameEn: "Air pollution",
        department: "HZ-ST",
        keywords: ["油烟", "异味", "废气", "烟尘", "扬尘", "臭味", "焚烧"],
      },
      {
        code: "environment-water",
        name: "水污染",
        nameEn: "Water pollution",
        department: "HZ-ST",
        keywords: ["污水", "排污", "河道", "黑臭", "水质"],
      },
      {
        code: "environment-waste",
        name: "固体废物",
        nameEn: "Solid waste",
        department: "HZ-ST",
        keywords: ["固废", "危险废物", "倾倒", "建筑垃圾", "垃圾分类"],
      },
      {
        code: "environment-greening",
        name: "园林绿化",
        nameEn: "Parks and greening",
        department: "HZ-CG",
        keywords: ["绿化", "树木", "砍树", "公园", "草坪", "修剪"],
      },
    ],
  },
  {
    code: "transport",
    name: "交通运输",
    nameEn: "Transport",
    department: "HZ-JT",
    contactHours: 24,
    resolveDays: 10,
    keywords: ["交通", "出行"],
    children: [
      {
        code: "transport-transit",
        name: "公交地铁",
        nameEn: "Buses and metro",
        department: "HZ-JT",
        keywords: ["公交", "地铁", "公交车", "站点", "线路", "班次", "司机"],
      },
      {
        code: "transport-taxi",
        name: "出租车与网约车",
        nameEn: "Taxis and ride-hailing",
        department: "HZ-JT",
        keywords: ["出租车", "网约车", "拒载", "绕路", "打车"],
      },
      {
        code: "transport-roads",
        name: "道路与桥梁",
        nameEn: "Roads and bridges",
        department: "HZ-JT",
        keywords: ["道路", "路面", "坑洼", "桥梁", "修路", "断头路"],
      },
      {
        code: "transport-traffic",
        name: "交通秩序与停车",
        nameEn: "Traffic order and parking",
        department: "HZ-GA-JJ",
        keywords: ["违停", "乱停", "红绿灯", "信号灯", "交警", "电动车", "停车难", "堵车"],
      },
      {
        code: "transport-freight",
        name: "货运与驾培",
        nameEn: "Freight and driving schools",
        department: "HZ-JT",
        keywords: ["货车", "驾校", "物流", "超载", "驾照"],
      },
    ],
  },
];
