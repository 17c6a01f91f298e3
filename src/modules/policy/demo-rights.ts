import { DEMO_CATALOGUE } from "../exchange/demo-catalogue.js";
import type { Power } from "./rights-list.js";

/**
 * Real-world powers of ten municipal departments of 杭州市 and of the 西湖区 offices that handle steps
 * of their services, with their legal bases, as the demo's
 * 权力清单 and 责任清单. Data resource ids name the exchange's catalogue (issue 5); each item of the
 * service catalogue exercises one of these powers (src/modules/catalog/demo-services.ts).
 */
export const DEMO_POWERS: Power[] = [
  // 杭州市公安局
  {
    code: "330100-GA-QR-001",
    name: "户口登记",
    nameEn: "Household registration",
    type: "行政确认",
    legalBasis: [{ law: "中华人民共和国户口登记条例", article: "第三条" }],
    department: "HZ-GA",
    level: "city",
    duties: ["受理出生、迁入、迁出等户口登记", "核实申报材料的真实性", "依法保护公民个人信息"],
    accountability:
      "不履行或不正确履行登记职责的，依照《中华人民共和国人民警察法》《公安机关人民警察纪律条令》追究责任",
    grants: [
      {
        roles: ["officer", "system"],
        action: "read",
        resources: ["household-register", "birth-certificates", "marriage-register", "real-estate-register"],
      },
      { roles: ["officer"], action: "decide", resources: [] },
    ],
  },
  {
    code: "330100-GA-QR-002",
    name: "居民身份证核发",
    nameEn: "Issuing resident identity cards",
    type: "行政确认",
    legalBasis: [{ law: "中华人民共和国居民身份证法", article: "第八条" }],
    department: "HZ-GA",
    level: "city",
    duties: ["受理居民身份证申领、换领、补领", "在法定时限内签发"],
    accountability: "依照《中华人民共和国居民身份证法》第二十条追究责任",
    grants: [
      { roles: ["system"], action: "read", resources: ["household-register"] },
      { roles: ["officer"], action: "read", resources: ["household-register"] },
    ],
  },
  {
    code: "330100-GA-CF-001",
    name: "违反治安管理行为的处罚",
    nameEn: "Penalties for breaches of public-order administration",
    type: "行政处罚",
    legalBasis: [{ law: "中华人民共和国治安管理处罚法", article: "第七条、第九十一条" }],
    department: "HZ-GA",
    level: "city",
    duties: ["依法调查取证", "告知当事人陈述申辩权利", "依法作出处罚决定"],
    accountability: "违法实施处罚的，依照《中华人民共和国治安管理处罚法》第一百一十六条追究责任",
    grants: [{ roles: ["officer"], action: "read", resources: ["household-register", "criminal-records"] }],
  },
  {
    code: "330100-GA-QT-001",
    name: "印章刻制备案",
    nameEn: "Recording the engraving of official seals",
    type: "其他行政权力",
    legalBasis: [
      {
        law: "国务院关于第三批取消中央指定地方实施行政许可事项的决定（国发〔2017〕7号）",
        article: "附件：公章刻制审批取消，改为备案管理",
      },
    ],
    department: "HZ-GA",
    level: "city",
    duties: ["对新设立企业的印章刻制信息当日备案", "监督印章刻制企业如实登记、上传印模"],
    accountability: "违反规定办理备案或泄露备案信息的，依照《公安机关人民警察纪律条令》追究责任",
    grants: [
      { roles: ["system"], action: "read", resources: ["household-register", "enterprise-register"] },
      { roles: ["officer"], action: "read", resources: ["enterprise-register"] },
      { roles: ["officer"], action: "decide", resources: [] },
    ],
  },
  // 杭州市市场监督管理局
  {
    code: "330100-SCJG-XK-001",
    name: "市场主体设立、变更、注销登记",
    nameEn: "Registration of market entities",
    type: "行政许可",
    legalBasis: [
      { law: "中华人民共和国市场主体登记管理条例", article: "第三条" },
      { law: "中华人民共和国公司法", article: "第二十九条" },
    ],
    department: "HZ-SCJG",
    level: "city",
    duties: ["一次告知申请材料", "对申请材料进行形式审查", "在法定期限内作出登记决定"],
    accountability: "依照《中华人民共和国市场主体登记管理条例》第五十一条追究责任",
    grants: [
      { roles: ["system"], action: "read", resources: ["household-register", "enterprise-register"] },
      { roles: ["officer"], action: "read", resources: ["enterprise-register", "household-register"] },
      { roles: ["officer"], action: "decide", resources: [] },
    ],
  },
  {
    code: "330100-SCJG-XK-002",
    name: "食品经营许可",
    nameEn: "Food business licence",
    type: "行政许可",
    legalBasis: [{ law: "中华人民共和国食品安全法", article: "第三十五条" }],
    department: "HZ-SCJG",
    level: "city",
    duties: ["审查申请材料", "必要时现场核查", "在法定期限内作出许可决定"],
    accountability: "依照《中华人民共和国食品安全法》第一百四十四条追究责任",
    grants: [
      { roles: ["system"], action: "read", resources: ["enterprise-register"] },
      { roles: ["officer"], action: "read", resources: ["enterprise-register"] },
    ],
  },
  {
    code: "330100-SCJG-JC-001",
    name: "食品生产经营监督检查",
    nameEn: "Inspection of food production and business",
    type: "行政检查",
    legalBasis: [{ law: "中华人民共和国食品安全法", article: "第一百一十条" }],
    department: "HZ-SCJG",
    level: "city",
    duties: ["按照“双随机、一公开”实施检查", "记录检查情况并公开结果"],
    accountability: "依照《中华人民共和国食品安全法》第一百四十四条追究责任",
    grants: [{ roles: ["officer"], action: "read", resources: ["enterprise-register"] }],
  },
  // 杭州市人力资源和社会保障局
  {
    code: "330100-RS-QR-001",
    name: "社会保险登记",
    nameEn: "Social insurance registration",
    type: "行政确认",
    legalBasis: [{ law: "中华人民共和国社会保险法", article: "第五十七条" }],
    department: "HZ-RS",
    level: "city",
    duties: ["自收到申请之日起十五日内予以审核", "发给社会保险登记证件"],
    accountability: "依照《中华人民共和国社会保险法》第九十一条追究责任",
    grants: [
      { roles: ["system"], action: "read", resources: ["household-register", "enterprise-register"] },
      { roles: ["officer"], action: "read", resources: ["social-insurance", "enterprise-register"] },
      { roles: ["officer"], action: "decide", resources: [] },
    ],
  },
  {
    code: "330100-RS-JF-001",
    name: "失业保险金给付",
    nameEn: "Payment of unemployment insurance benefits",
    type: "行政给付",
    legalBasis: [{ law: "中华人民共和国社会保险法", article: "第四十五条" }],
    department: "HZ-RS",
    level: "city",
    duties: ["核定领取条件与期限", "按月足额发放"],
    accountability: "依照《中华人民共和国社会保险法》第九十二条追究责任",
    grants: [
      { roles: ["system"], action: "read", resources: ["household-register", "social-insurance"] },
      { roles: ["officer"], action: "read", resources: ["social-insurance", "household-register"] },
    ],
  },
  {
    code: "330100-RS-JC-001",
    name: "劳动保障监察",
    nameEn: "Labour and social security inspection",
    type: "行政检查",
    legalBasis: [{ law: "劳动保障监察条例", article: "第十一条" }],
    department: "HZ-RS",
    level: "city",
    duties: ["受理举报投诉", "依法调查并作出处理"],
    accountability: "依照《劳动保障监察条例》第三十一条追究责任",
    grants: [{ roles: ["officer"], action: "read", resources: ["social-insurance"] }],
  },
  {
    code: "330100-RS-QT-001",
    name: "社会保障卡申领",
    nameEn: "Issuing social security cards",
    type: "其他行政权力",
    legalBasis: [{ law: "中华人民共和国社会保险法", article: "第五十八条第三款" }],
    department: "HZ-RS",
    level: "city",
    duties: ["以公民身份号码作为社会保障号码制发社会保障卡", "按承诺时限制卡并告知领取方式"],
    accountability: "依照《中华人民共和国社会保险法》第九十二条追究责任",
    grants: [
      { roles: ["system"], action: "read", resources: ["birth-certificates", "household-register"] },
      { roles: ["officer"], action: "read", resources: ["household-register", "birth-certificates"] },
      { roles: ["officer"], action: "decide", resources: [] },
    ],
  },
  {
    code: "330100-RS-JF-002",
    name: "基本养老保险待遇核定与支付",
    nameEn: "Assessing and paying basic pensions",
    type: "行政给付",
    legalBasis: [
      { law: "中华人民共和国社会保险法", article: "第十六条" },
      { law: "国务院关于渐进式延迟法定退休年龄的办法", article: "第三条" },
    ],
    department: "HZ-RS",
    level: "city",
    duties: ["核定累计缴费年限和待遇标准", "自退休次月起按月足额发放基本养老金"],
    accountability: "依照《中华人民共和国社会保险法》第九十二条追究责任",
    grants: [
      { roles: ["system"], action: "read", resources: ["household-register", "social-insurance"] },
      { roles: ["officer"], action: "read", resources: ["social-insurance", "household-register"] },
    ],
  },
  // 杭州市卫生健康委员会
  {
    code: "330100-WJ-QR-001",
    name: "出生医学证明管理",
    nameEn: "Birth medical certificates",
    type: "行政确认",
    legalBasis: [{ law: "中华人民共和国母婴保健法", article: "第二十三条" }],
    department: "HZ-WJ",
    level: "city",
    duties: ["监督助产机构规范签发出生医学证明", "受理补发、换发申请"],
    accountability: "依照《中华人民共和国母婴保健法》第三十七条追究责任",
    grants: [
      { roles: ["system"], action: "read", resources: ["birth-certificates", "household-register"] },
      { roles: ["officer"], action: "read", resources: ["birth-certificates", "health-records"] },
      { roles: ["officer"], action: "decide", resources: [] },
    ],
  },
  {
    code: "330100-WJ-XK-001",
    name: "医疗机构执业登记",
    nameEn: "Registration of medical institutions",
    type: "行政许可",
    legalBasis: [{ law: "医疗机构管理条例", article: "第十五条" }],
    department: "HZ-WJ",
    level: "city",
    duties: ["审核执业登记申请", "在法定期限内作出决定"],
    accountability: "依照《医疗机构管理条例》追究责任",
    grants: [
      { roles: ["system"], action: "read", resources: ["enterprise-register"] },
      { roles: ["officer"], action: "read", resources: ["enterprise-register"] },
    ],
  },
  {
    code: "330100-WJ-XK-002",
    name: "医师执业注册",
    nameEn: "Registration of physicians",
    type: "行政许可",
    legalBasis: [{ law: "中华人民共和国医师法", article: "第十三条" }],
    department: "HZ-WJ",
    level: "city",
    duties: ["审核注册申请", "准予注册的发给医师执业证书"],
    accountability: "依照《中华人民共和国医师法》追究责任",
    grants: [
      { roles: ["system"], action: "read", resources: ["household-register"] },
      { roles: ["officer"], action: "read", resources: ["household-register"] },
    ],
  },
  {
    code: "330100-WJ-QT-001",
    name: "预防接种证办理",
    nameEn: "Issuing immunisation certificates",
    type: "其他行政权力",
    legalBasis: [{ law: "中华人民共和国疫苗管理法", article: "第四十七条" }],
    department: "HZ-WJ",
    level: "city",
    duties: ["指导接种单位和出生医院在儿童出生后一个月内为其办理预防接种证", "不得拒绝办理"],
    accountability: "依照《中华人民共和国疫苗管理法》第八十七条追究责任",
    grants: [
      { roles: ["system"], action: "read", resources: ["birth-certificates", "household-register"] },
      { roles: ["officer"], action: "read", resources: ["birth-certificates"] },
    ],
  },
  // 杭州市医疗保障局
  {
    code: "330100-YB-QR-001",
    name: "基本医疗保险参保登记",
    nameEn: "Basic medical insurance enrolment",
    type: "行政确认",
    legalBasis: [
      { law: "中华人民共和国社会保险法", article: "第二十五条" },
      { law: "中华人民共和国社会保险法", article: "第五十七条、第五十八条" },
    ],
    department: "HZ-YB",
    level: "city",
    duties: [
      "办理单位和城乡居民的基本医疗保险参保登记",
      "为新生儿参保提供出生即参保服务",
      "保护参保人个人信息",
    ],
    accountability: "依照《中华人民共和国社会保险法》第九十一条、《医疗保障基金使用监督管理条例》追究责任",
    grants: [
      {
        roles: ["system"],
        action: "read",
        resources: ["birth-certificates", "household-register", "enterprise-register"],
      },
      {
        roles: ["officer"],
        action: "read",
        resources: ["household-register", "birth-certificates", "enterprise-register"],
      },
      { roles: ["officer"], action: "decide", resources: [] },
    ],
  },
  {
    code: "330100-YB-QT-001",
    name: "异地就医备案",
    nameEn: "Registering medical treatment in another region",
    type: "其他行政权力",
    legalBasis: [{ law: "中华人民共和国社会保险法", article: "第二十九条" }],
    department: "HZ-YB",
    level: "city",
    duties: ["为参保人员办理异地就医直接结算备案", "备案即时生效，不得设置额外条件"],
    accountability: "依照《中华人民共和国社会保险法》第九十二条追究责任",
    grants: [
      { roles: ["system"], action: "read", resources: ["household-register"] },
      { roles: ["officer"], action: "read", resources: ["household-register"] },
    ],
  },
  // 杭州市民政局
  {
    code: "330100-MZ-QR-001",
    name: "婚姻登记",
    nameEn: "Marriage registration",
    type: "行政确认",
    legalBasis: [
      { law: "中华人民共和国民法典", article: "第一千零四十九条" },
      { law: "婚姻登记条例", article: "第四条" },
    ],
    department: "HZ-MZ",
    level: "city",
    duties: ["审查当事人的证件和声明", "对符合结婚条件的当场予以登记并发给结婚证", "保护当事人隐私"],
    accountability: "依照《婚姻登记条例》第十八条追究责任",
    grants: [
      { roles: ["system"], action: "read", resources: ["household-register"] },
      { roles: ["officer"], action: "read", resources: ["household-register", "marriage-register"] },
      { roles: ["officer"], action: "decide", resources: [] },
    ],
  },
  {
    code: "330100-MZ-JF-001",
    name: "最低生活保障审核确认",
    nameEn: "Assessing minimum living allowances",
    type: "行政给付",
    legalBasis: [
      { law: "社会救助暂行办法", article: "第九条" },
      { law: "社会救助暂行办法", article: "第十一条" },
    ],
    department: "HZ-MZ",
    level: "city",
    duties: ["指导乡镇街道受理、调查和公示", "核对申请家庭经济状况", "按月发放最低生活保障金"],
    accountability: "依照《社会救助暂行办法》第六十六条追究责任",
    grants: [
      { roles: ["system"], action: "read", resources: ["household-register", "real-estate-register"] },
      { roles: ["officer"], action: "read", resources: ["household-register", "real-estate-register"] },
      { roles: ["officer"], action: "decide", resources: [] },
    ],
  },
  // 杭州市教育局
  {
    code: "330100-JY-QT-001",
    name: "义务教育入学安排",
    nameEn: "Admission to compulsory education",
    type: "其他行政权力",
    legalBasis: [
      { law: "中华人民共和国义务教育法", article: "第十一条" },
      { law: "中华人民共和国义务教育法", article: "第十二条" },
    ],
    department: "HZ-JY",
    level: "city",
    duties: ["划定学区并公布招生办法", "保障适龄儿童在户籍所在地学校免试就近入学"],
    accountability: "依照《中华人民共和国义务教育法》第五十一条、第五十七条追究责任",
    grants: [
      { roles: ["system"], action: "read", resources: ["household-register", "real-estate-register"] },
      { roles: ["officer"], action: "read", resources: ["household-register", "real-estate-register"] },
      { roles: ["officer"], action: "decide", resources: [] },
    ],
  },
  // 杭州市住房保障和房产管理局（不动产登记服务中心）
  {
    code: "330100-FG-QR-001",
    name: "不动产登记",
    nameEn: "Real estate registration",
    type: "行政确认",
    legalBasis: [
      { law: "中华人民共和国民法典", article: "第二百一十条" },
      { law: "不动产登记暂行条例", article: "第十四条、第二十条" },
    ],
    department: "HZ-FG",
    level: "city",
    duties: ["查验申请材料", "必要时实地查看", "自受理之日起30个工作日内办结登记"],
    accountability: "依照《不动产登记暂行条例》第三十条追究责任",
    grants: [
      {
        roles: ["system"],
        action: "read",
        resources: ["household-register", "real-estate-register", "enterprise-register"],
      },
      {
        roles: ["officer"],
        action: "read",
        resources: ["real-estate-register", "household-register", "marriage-register"],
      },
      { roles: ["officer"], action: "decide", resources: [] },
    ],
  },
  // 杭州住房公积金管理中心
  {
    code: "330100-GJJ-QR-001",
    name: "住房公积金缴存登记",
    nameEn: "Housing provident fund registration of employers",
    type: "行政确认",
    legalBasis: [{ law: "住房公积金管理条例", article: "第十四条" }],
    department: "HZ-GJJ",
    level: "city",
    duties: ["为新设立单位办理缴存登记", "出具审核文件并告知设立职工账户"],
    accountability: "依照《住房公积金管理条例》第四十一条追究责任",
    grants: [
      { roles: ["system"], action: "read", resources: ["household-register", "enterprise-register"] },
      { roles: ["officer"], action: "read", resources: ["enterprise-register"] },
      { roles: ["officer"], action: "decide", resources: [] },
    ],
  },
  {
    code: "330100-GJJ-JF-001",
    name: "住房公积金提取",
    nameEn: "Withdrawing housing provident funds",
    type: "行政给付",
    legalBasis: [{ law: "住房公积金管理条例", article: "第二十四条、第二十五条" }],
    department: "HZ-GJJ",
    level: "city",
    duties: ["核实提取情形", "自受理申请之日起3日内作出准予提取或者不准提取的决定"],
    accountability: "依照《住房公积金管理条例》第四十一条追究责任",
    grants: [
      {
        roles: ["system"],
        action: "read",
        resources: ["household-register", "real-estate-register", "marriage-register"],
      },
      {
        roles: ["officer"],
        action: "read",
        resources: ["real-estate-register", "marriage-register", "household-register"],
      },
    ],
  },
  // 国家税务总局杭州市税务局
  {
    code: "330100-SW-QR-001",
    name: "税务登记与信息确认",
    nameEn: "Tax registration",
    type: "行政确认",
    legalBasis: [
      { law: "中华人民共和国税收征收管理法", article: "第十五条" },
      { law: "中华人民共和国发票管理办法", article: "第十五条" },
    ],
    department: "HZ-SW",
    level: "city",
    duties: ["以营业执照信息确认新办纳税人税务登记", "确认领用发票的种类、数量和方式"],
    accountability: "依照《中华人民共和国税收征收管理法》第八十二条追究责任",
    grants: [
      { roles: ["system"], action: "read", resources: ["household-register", "enterprise-register"] },
      { roles: ["officer"], action: "read", resources: ["enterprise-register"] },
      { roles: ["officer"], action: "decide", resources: [] },
    ],
  },
  // 西湖区 and its 北山街道: the offices where the catalogue's items are accepted, inspected or
  // decided (src/modules/catalog/demo-services.ts, steps with a department of their own). Each
  // holds the power under which it acts, with its own legal basis; see docs/applications.md.
  // 杭州市公安局西湖区分局
  {
    code: "330106-GA-QR-001",
    name: "居民身份证受理与签发",
    nameEn: "Accepting and issuing resident identity cards",
    type: "行政确认",
    legalBasis: [
      { law: "中华人民共和国居民身份证法", article: "第七条" },
      { law: "中华人民共和国居民身份证法", article: "第八条" },
    ],
    department: "XH-GA",
    level: "county",
    duties: [
      "受理本辖区常住户口居民的居民身份证申领、换领、补领",
      "核验申领登记表与户口簿信息",
      "由县级人民政府公安机关签发并在法定时限内发放",
    ],
    accountability: "依照《中华人民共和国居民身份证法》第二十条追究责任",
    grants: [
      { roles: ["officer"], action: "read", resources: ["household-register"] },
      { roles: ["officer"], action: "decide", resources: [] },
    ],
  },
  // 杭州市西湖区市场监督管理局
  {
    code: "330106-SCJG-XK-001",
    name: "食品经营许可（受理与现场核查）",
    nameEn: "Food business licences (acceptance and inspection of premises)",
    type: "行政许可",
    legalBasis: [
      { law: "中华人民共和国食品安全法", article: "第三十五条" },
      { law: "食品经营许可和备案管理办法", article: "第四条" },
    ],
    department: "XH-SCJG",
    level: "county",
    duties: [
      "受理辖区内食品经营许可申请并一次告知所需材料",
      "必要时对经营场所进行现场核查",
      "如实记录核查情况",
    ],
    accountability: "依照《中华人民共和国食品安全法》第一百四十四条追究责任",
    grants: [
      { roles: ["officer"], action: "read", resources: ["enterprise-register"] },
      { roles: ["officer"], action: "decide", resources: [] },
    ],
  },
  // 杭州市西湖区民政局
  {
    code: "330106-MZ-QR-001",
    name: "婚姻登记",
    nameEn: "Marriage registration",
    type: "行政确认",
    legalBasis: [
      { law: "中华人民共和国民法典", article: "第一千零四十九条" },
      { law: "婚姻登记条例", article: "第二条" },
    ],
    department: "XH-MZ",
    level: "county",
    duties: [
      "在婚姻登记处审查当事人的证件和声明",
      "对符合结婚条件的当场予以登记并发给结婚证",
      "保护当事人隐私",
    ],
    accountability: "依照《婚姻登记条例》追究责任",
    grants: [
      { roles: ["officer"], action: "read", resources: ["household-register", "marriage-register"] },
      { roles: ["officer"], action: "decide", resources: [] },
    ],
  },
  {
    code: "330106-MZ-JF-001",
    name: "最低生活保障审批",
    nameEn: "Approving minimum living allowances",
    type: "行政给付",
    legalBasis: [{ law: "社会救助暂行办法", article: "第十一条" }],
    department: "XH-MZ",
    level: "county",
    duties: [
      "审查乡镇街道报送的申请材料、调查材料和初审意见",
      "对符合条件的予以批准并核定保障金额",
      "对不符合条件的书面说明理由",
    ],
    accountability: "依照《社会救助暂行办法》第六十六条追究责任",
    grants: [
      { roles: ["officer"], action: "read", resources: ["household-register", "real-estate-register"] },
      { roles: ["officer"], action: "decide", resources: [] },
    ],
  },
  // 西湖区北山街道办事处
  {
    code: "330106-BS-JF-001",
    name: "最低生活保障申请受理、调查与公示",
    nameEn: "Accepting, investigating and publicising minimum living allowance applications",
    type: "行政给付",
    legalBasis: [{ law: "社会救助暂行办法", article: "第十一条" }],
    department: "XH-BS",
    level: "township",
    duties: [
      "受理户籍在本街道的家庭提出的书面申请",
      "通过入户调查、邻里访问、信息查询等方式核实家庭收入和财产状况，提出初审意见",
      "在申请人所在社区公示初审意见后报区民政局审批",
    ],
    accountability: "依照《社会救助暂行办法》第六十六条追究责任",
    grants: [
      { roles: ["officer"], action: "read", resources: ["household-register", "real-estate-register"] },
      { roles: ["officer"], action: "decide", resources: [] },
    ],
  },
];

/** The demo catalogue's resources as the decision point sees them (for tests of the policy set alone). */
export const DEMO_RESOURCES = DEMO_CATALOGUE.map((r) => ({
  id: r.id,
  owner: r.owner,
  sharingClass: r.sharingClass,
  dataClass: r.dataClass,
  purposes: r.purposes,
}));
