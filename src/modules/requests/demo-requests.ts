import { sql } from "kysely";
import { calendarFor } from "../../platform/calendar/index.js";
import type { Caller, ServiceContext } from "../../platform/context.js";
import { categoryTree } from "./categories.service.js";
import { deadlinesFrom } from "./deadlines.js";
import { plugClassifier } from "./dispatch.js";
import * as handling from "./handling.service.js";
import * as repo from "./requests.repository.js";
import { type IntakeInput, submit, submitHotline } from "./requests.service.js";

/**
 * The demo's requests: fictitious messages written for this platform (not taken from any data set),
 * filed by the demo citizens, through the 12345 hotline and by an Open311 client, in every state of
 * the flow. Each step runs through the services, so the ledger, deadlines and links are real; the
 * times are then spread over the past weeks.
 */
type Step =
  | { do: "dispatch"; category: string; department?: string; co?: string[] }
  | { do: "accept" | "contact" | "close" }
  | { do: "note"; text: string; public?: boolean }
  | { do: "reply"; text: string }
  | { do: "return" | "escalate"; reason: string }
  | { do: "co"; department: string }
  | { do: "co-accept"; department: string }
  | { do: "contribute"; department: string; text: string }
  | { do: "visit"; resolved: boolean; satisfied: boolean; comment?: string; by?: "hotline" };

interface DemoRequest {
  from:
    | "citizen"
    | "citizen2"
    | "enterprise"
    | "open311"
    | { caller: string; phone: string; anonymous?: boolean };
  title?: string;
  text: string;
  category?: string;
  at?: [number, number];
  address?: string;
  daysAgo: number;
  /** Filed while no proposal is made, so that it waits for the dispatcher's first step. */
  manual?: boolean;
  steps: Step[];
}

const WEST_LAKE: [number, number] = [30.2596, 120.1305];
const WENER: [number, number] = [30.2861, 120.1047];
const HUBIN: [number, number] = [30.2567, 120.1689];
const GONGSHU: [number, number] = [30.3192, 120.1419];
const BINJIANG: [number, number] = [30.2084, 120.2109];

const REPLY_FOOD =
  "经执法人员现场检查，该店后厨存在生熟食品未分开存放、部分原料超过保质期的问题，已责令立即整改并依法立案调查，后续将开展复查。感谢您的监督。";
const REPLY_WAGES =
  "经劳动保障监察大队调查核实，该公司已于本周将拖欠的两个月工资足额支付给包括您在内的 12 名员工。如仍有异议，可申请劳动仲裁。";

export const DEMO_REQUESTS: DemoRequest[] = [
  // Waiting for the dispatcher: the keyword rule was not confident enough.
  {
    from: "citizen",
    title: "小区门口的快递柜",
    text: "我们小区南门外新装了一排快递柜，占用了大半条人行道，老人推轮椅只能走机动车道，希望有关部门看看能不能挪个位置。",
    at: WEST_LAKE,
    address: "西湖区北山街道保俶北路某小区南门",
    daysAgo: 0,
    steps: [],
  },
  {
    from: { caller: "赵先生", phone: "13967120455" },
    text: "来电人反映：家里老人的高龄津贴这个月没有到账，不清楚是不是需要重新认证，想问一下去哪里办理。",
    address: "拱墅区米市巷街道",
    daysAgo: 1,
    steps: [],
  },
  {
    from: "open311",
    text: "Street light number 27 on the west side of the square has been flickering for a week.",
    category: "construction-utilities",
    at: HUBIN,
    address: "湖滨街道 东坡路",
    daysAgo: 0,
    steps: [],
  },
  {
    from: "citizen2",
    text: "社区活动室每周三下午的书法班最近停了，没有人通知，想了解一下什么时候恢复。",
    address: "临安区锦城街道",
    daysAgo: 2,
    steps: [],
  },
  // Dispatched, not yet accepted (one of them past its contact deadline).
  {
    from: "citizen",
    title: "夜间施工噪音",
    text: "文二西路地铁站旁边的工地连续一周晚上十一点以后还在施工，渣土车进出噪音很大，严重影响休息，请查处夜间施工。",
    at: WENER,
    address: "西湖区文二西路",
    daysAgo: 3,
    steps: [],
  },
  {
    from: { caller: "钱女士", phone: "13858066712" },
    text: "来电人反映：楼下饭店的油烟直接排到居民楼，家里窗户都不敢开，之前找过物业没有结果。",
    at: WENER,
    address: "西湖区文二西路 66 号附近",
    daysAgo: 4,
    steps: [],
  },
  {
    from: "enterprise",
    title: "营业执照经营范围变更",
    text: "我公司准备增加数据处理服务的经营范围，网上办理营业执照变更时系统提示材料不全，但没有说明缺少哪份材料，请告知。",
    daysAgo: 2,
    steps: [{ do: "dispatch", category: "commerce-business" }],
  },
  // Being handled.
  {
    from: "citizen",
    title: "外卖餐品变质",
    text: "昨天晚上点的外卖，打开后饭菜有明显的酸味，已经变质了，联系商家拒绝退款。这家店的后厨卫生让人担心，请食品安全部门检查。",
    at: WENER,
    address: "西湖区文二西路某餐饮店",
    daysAgo: 5,
    steps: [
      { do: "accept" },
      { do: "contact" },
      { do: "note", text: "已安排执法人员于明日上午现场检查。", public: true },
    ],
  },
  {
    from: { caller: "孙先生", phone: "18758102637" },
    title: "拖欠工资",
    text: "来电人反映：在钱塘区一家装修公司上班，公司已经两个月没发工资了，十几个同事都一样，老板说等项目回款，请求帮助讨薪。",
    address: "钱塘区白杨街道",
    daysAgo: 9,
    steps: [{ do: "accept" }, { do: "contact" }],
  },
  {
    from: "citizen2",
    text: "小区的电梯这个月已经坏了三次，上周还困过人，物业只是临时修一下，业主要求更换电梯，物业说维修基金申请不下来。",
    at: GONGSHU,
    address: "拱墅区和睦街道某小区",
    daysAgo: 6,
    steps: [
      { do: "accept" },
      { do: "co", department: "HZ-SCJG" },
      { do: "co-accept", department: "HZ-SCJG" },
    ],
  },
  {
    from: "citizen",
    text: "保俶路和北山街路口的信号灯绿灯时间太短，早高峰行人过不去马路，还有很多电动车闯红灯，建议调整信号灯配时。",
    at: WEST_LAKE,
    address: "北山街与保俶路交叉口",
    daysAgo: 12,
    steps: [{ do: "accept" }],
  },
  {
    from: "citizen",
    title: "自来水发黄",
    text: "今天早上开始家里自来水发黄，放了很久还是不清，整栋楼都一样，不知道是不是管道出了问题，请尽快处理。",
    at: HUBIN,
    address: "上城区湖滨街道某住宅楼",
    daysAgo: 1,
    steps: [
      { do: "accept" },
      { do: "contact" },
      { do: "note", text: "已通知供水抢修队到场排查二次供水水箱。", public: true },
    ],
  },
  // A district department escalates to the city.
  {
    from: { caller: "吴女士", phone: "13757123301" },
    title: "连锁超市销售过期食品",
    text: "来电人反映：在一家连锁超市买到过期两个月的奶粉，店员说是系统没下架。同一品牌在全市有二十多家门店，担心其他门店也有同样问题。",
    at: WENER,
    address: "西湖区文三路某超市",
    daysAgo: 7,
    manual: true,
    steps: [
      { do: "dispatch", category: "commerce-food", department: "XH-SCJG" },
      { do: "accept" },
      { do: "escalate", reason: "涉及全市二十余家连锁门店，超出区级监管范围，请市局统一部署检查。" },
    ],
  },
  // A misrouted request returned to the dispatcher (a training example).
  {
    from: "citizen",
    text: "我家孩子今年秋季入学，户口在西湖区但房子在拱墅区，不知道应该到哪个学区报名，打电话学校都说不归他们管。",
    daysAgo: 3,
    manual: true,
    steps: [
      { do: "dispatch", category: "labour-employment", department: "HZ-RS" },
      { do: "return", reason: "本件为义务教育入学咨询，属教育部门职责，请改派市教育局。" },
    ],
  },
  // Replied, waiting for the return visit.
  {
    from: "citizen",
    title: "餐馆后厨卫生",
    text: "文二西路一家面馆后厨很脏，看到老鼠从后门跑出来，生肉和熟食放在一起，希望食品安全部门去检查。",
    at: WENER,
    address: "西湖区文二西路",
    daysAgo: 14,
    steps: [{ do: "accept" }, { do: "contact" }, { do: "reply", text: REPLY_FOOD }],
  },
  {
    from: "enterprise",
    text: "公司为新招的应届生办理社保参保登记，系统显示该员工在外省有未终止的参保记录，无法新增，请问如何处理？",
    daysAgo: 8,
    steps: [
      { do: "accept" },
      {
        do: "reply",
        text: "该员工在原参保地的失业保险关系尚未终止。请员工本人通过浙里办或原参保地社保经办机构办理关系转移，转移完成后即可在我市参保。",
      },
    ],
  },
  // Closed: satisfied, and not satisfied.
  {
    from: { caller: "孙先生", phone: "18758102637" },
    title: "工资拖欠",
    text: "来电人反映：之前反映的装修公司欠薪问题，公司承诺月底发放，但到期仍未支付，要求尽快处理。",
    address: "钱塘区白杨街道",
    daysAgo: 25,
    steps: [
      { do: "accept" },
      { do: "contact" },
      { do: "reply", text: REPLY_WAGES },
      { do: "visit", resolved: true, satisfied: true, comment: "工资已经收到，谢谢。", by: "hotline" },
    ],
  },
  {
    from: "citizen",
    title: "垃圾清运不及时",
    text: "北山街道保俶北路沿街的垃圾桶经常满溢，早上八点还没有清运，夏天气味很大，希望增加清运次数。",
    at: WEST_LAKE,
    address: "西湖区保俶北路",
    daysAgo: 20,
    steps: [
      { do: "dispatch", category: "construction-cityscape" },
      { do: "accept" },
      { do: "contact" },
      {
        do: "reply",
        text: "已协调环卫作业单位将该路段清运时间调整为每天早上六点半前，并增加午间巡回清运一次。",
      },
      { do: "visit", resolved: true, satisfied: true },
    ],
  },
  {
    from: "citizen2",
    title: "违章搭建",
    text: "隔壁一楼住户在公共绿地上搭了一个阳光房，占用了消防通道，多次反映都没有人管。",
    at: GONGSHU,
    address: "拱墅区和睦街道某小区",
    daysAgo: 30,
    steps: [
      { do: "dispatch", category: "construction-cityscape" },
      { do: "accept" },
      {
        do: "reply",
        text: "经核查，该阳光房未取得规划许可，已下达限期拆除通知书，当事人承诺十五日内自行拆除。",
      },
      { do: "visit", resolved: true, satisfied: false, comment: "说是十五天拆，希望真的会拆。" },
    ],
  },
  {
    from: "enterprise",
    text: "我公司在云栖小镇的办公楼前道路有一处井盖松动，车辆经过时响声很大，也有安全隐患。",
    at: [30.1382, 120.0865],
    address: "西湖区云栖小镇云栖路",
    daysAgo: 16,
    steps: [
      { do: "dispatch", category: "construction-utilities" },
      { do: "accept" },
      { do: "contact" },
      { do: "reply", text: "已更换为防震降噪井盖并加固井座，感谢您的反映。" },
      { do: "visit", resolved: true, satisfied: true },
    ],
  },
  // Not resolved: re-opened after the return visit.
  {
    from: "citizen",
    title: "物业费公示",
    text: "小区物业公司三年没有公示物业费收支情况，业主多次要求查看账目都被拒绝，请房管部门督促物业公开。",
    at: WEST_LAKE,
    address: "西湖区北山街道某小区",
    daysAgo: 18,
    steps: [
      { do: "accept" },
      { do: "contact" },
      { do: "reply", text: "已约谈物业公司，要求其在小区公告栏公示近三年物业费收支情况。" },
      { do: "visit", resolved: false, satisfied: false, comment: "到现在还没有公示，物业说要等业委会开会。" },
    ],
  },
  // Joint handling: the co-handler has given its part.
  {
    from: "citizen",
    title: "公交站台被违停车辆占用",
    text: "滨江区江南大道的公交站台每天早上都被私家车违停占用，公交车只能停在第二条车道，乘客上下车很危险。",
    at: BINJIANG,
    address: "滨江区江南大道",
    daysAgo: 10,
    manual: true,
    steps: [
      { do: "dispatch", category: "transport-traffic", co: ["HZ-CG"] },
      { do: "accept" },
      { do: "co-accept", department: "HZ-CG" },
      { do: "contribute", department: "HZ-CG", text: "城管将在站台两侧增设隔离护栏，预计下周完成。" },
      { do: "contact" },
    ],
  },
  // HTML and script typed by a citizen stay text.
  {
    from: "citizen2",
    title: "<b>网站</b>无法预约",
    text: '社区医院的网上预约页面打不开，页面上只显示 <script>alert("error")</script> 这样的字，希望修复。',
    daysAgo: 1,
    steps: [{ do: "dispatch", category: "health-medical" }],
  },
  // More waiting in departments' queues for the cockpit's numbers later.
  {
    from: { caller: "匿名来电", phone: "15088712209", anonymous: true },
    text: "来电人反映：河边有一家小作坊夜里往河道里排放污水，河水发黑发臭，来电人不愿透露姓名。",
    at: [30.3012, 120.0921],
    address: "西湖区蒋村街道某河道",
    daysAgo: 5,
    steps: [],
  },
  {
    from: "citizen",
    text: "公交 28 路晚上九点以后班次间隔太长，经常要等四十分钟，建议增加晚间班次。",
    at: WEST_LAKE,
    daysAgo: 11,
    steps: [],
  },
  {
    from: "citizen2",
    text: "医保卡在外地住院报销需要备案，不知道线上怎么办理异地就医备案。",
    daysAgo: 4,
    steps: [],
  },
  {
    from: "citizen",
    text: "我们小区申请的人才房摇号结果一直没有公布，也没有说明原因，想了解进度。",
    daysAgo: 6,
    steps: [{ do: "dispatch", category: "construction-housing" }, { do: "accept" }],
  },
  {
    from: { caller: "郑先生", phone: "13605817734" },
    text: "来电人反映：打网约车被司机绕路，多收了三十多元，平台客服一直不处理。",
    daysAgo: 2,
    steps: [],
  },
];

const OFFICERS: Record<string, string> = {
  "HZ-SCJG": "officer2",
  "HZ-RS": "officer3",
  "HZ-CG": "officer9",
  "HZ-FG": "officer7",
  "HZ-GA-JJ": "officer",
  "HZ-GA": "officer",
  "XH-SCJG": "officer8",
};

/** Seeds the demo requests; `as(username)` is the caller of a demo account. */
export async function seedDemoRequests(
  ctx: ServiceContext,
  as: (username: string) => Caller,
): Promise<number> {
  const now = Date.now();
  const officerOf = async (id: string, department?: string) => {
    const request = (await repo.findRequest(ctx.db, id)) as repo.RequestRow;
    const code = department ?? request.department_code;
    const username = code ? OFFICERS[code] : undefined;
    if (!username) {
      throw new Error(`demo: no officer for ${code ?? "(no department)"} on request ${request.number}`);
    }
    return as(username);
  };
  const file = (d: DemoRequest, common: Omit<IntakeInput, "channel">): Promise<repo.RequestRow> => {
    if (d.from === "open311") {
      return submit(
        ctx,
        as("hotline"),
        { ...common, channel: "open311", requireLocation: true },
        { requesterAccountId: null },
      );
    }
    if (typeof d.from === "object") {
      return submitHotline(ctx, as("hotline"), {
        title: common.title ?? undefined,
        description: common.description,
        category: common.category ?? undefined,
        address: common.address ?? undefined,
        lat: common.lat ?? undefined,
        lng: common.lng ?? undefined,
        callerName: d.from.anonymous ? undefined : d.from.caller,
        callerPhone: d.from.phone,
        anonymous: d.from.anonymous,
      });
    }
    return submit(ctx, as(d.from), { ...common, channel: "web" });
  };
  for (const [i, d] of DEMO_REQUESTS.entries()) {
    const common = {
      title: d.title,
      description: d.text,
      category: d.category,
      address: d.address,
      lat: d.at?.[0],
      lng: d.at?.[1],
    };
    let row: repo.RequestRow;
    const manual = d.manual === true;
    const previous = manual ? plugClassifier(() => null) : null;
    try {
      row = await file(d, common);
    } finally {
      if (manual) {
        plugClassifier(previous);
      }
    }
    const requester = typeof d.from === "string" && d.from !== "open311" ? as(d.from) : as("hotline");
    for (const step of d.steps) {
      switch (step.do) {
        case "dispatch": {
          const current = (await repo.findRequest(ctx.db, row.id)) as repo.RequestRow;
          if (current.status === "pending") {
            await handling.dispatch(ctx, as("dispatcher"), row.id, {
              category: step.category,
              department: step.department,
              coHandlers: step.co,
            });
          }
          break;
        }
        case "accept":
          await handling.accept(ctx, await officerOf(row.id), row.id);
          break;
        case "contact":
          await handling.recordContact(ctx, await officerOf(row.id), row.id);
          break;
        case "note":
          await handling.addNote(ctx, await officerOf(row.id), row.id, {
            text: step.text,
            public: step.public ?? false,
          });
          break;
        case "reply":
          await handling.reply(ctx, await officerOf(row.id), row.id, { text: step.text });
          break;
        case "close":
          await handling.close(ctx, await officerOf(row.id), row.id, {});
          break;
        case "return":
          await handling.returnToDispatcher(ctx, await officerOf(row.id), row.id, { reason: step.reason });
          break;
        case "escalate":
          await handling.escalate(ctx, await officerOf(row.id), row.id, { reason: step.reason });
          break;
        case "co":
          await handling.addCoHandler(ctx, await officerOf(row.id), row.id, { department: step.department });
          break;
        case "co-accept":
          await handling.accept(ctx, await officerOf(row.id, step.department), row.id);
          break;
        case "contribute":
          await handling.contribute(ctx, await officerOf(row.id, step.department), row.id, {
            text: step.text,
          });
          break;
        case "visit":
          await handling.returnVisit(ctx, step.by === "hotline" ? as("hotline") : requester, row.id, {
            resolved: step.resolved,
            satisfied: step.satisfied,
            comment: step.comment,
          });
          break;
      }
    }
    await retime(ctx, row.id, new Date(now - d.daysAgo * 86_400_000 - (i % 7) * 3_600_000));
  }
  return DEMO_REQUESTS.length;
}

/**
 * Spreads a demo request's history from `start`: its events some hours apart (never in the future),
 * with the request's and assignments' timestamps and deadlines following.
 */
async function retime(ctx: ServiceContext, id: string, start: Date): Promise<void> {
  const events = await ctx.db
    .selectFrom("request_events")
    .select(["id", "kind"])
    .where("request_id", "=", id)
    .orderBy("id")
    .execute();
  const span = Math.max(Date.now() - start.getTime() - 3_600_000, 0);
  const step = Math.min(6 * 3_600_000, events.length > 1 ? span / (events.length - 1) : 0);
  const at = new Map<string, Date>();
  for (const [k, e] of events.entries()) {
    const time = new Date(start.getTime() + k * step);
    await ctx.db
      .updateTable("request_events")
      .set({ at: sql`${time}` })
      .where("id", "=", e.id)
      .execute();
    if (!at.has(e.kind) || e.kind === "replied" || e.kind === "closed" || e.kind === "return_visit") {
      at.set(e.kind, time);
    }
  }
  const request = (await repo.findRequest(ctx.db, id)) as repo.RequestRow;
  const dispatched = at.get("dispatched") ?? null;
  const category = request.category_code
    ? (await categoryTree(ctx)).byCode.get(request.category_code)
    : undefined;
  const due =
    dispatched && category && request.status !== "pending"
      ? deadlinesFrom(await calendarFor(ctx), dispatched, category)
      : null;
  await ctx.db
    .updateTable("requests")
    .set({
      created_at: sql`${start}`,
      updated_at: events.length > 0 ? new Date(start.getTime() + (events.length - 1) * step) : start,
      dispatched_at: dispatched,
      accepted_at: request.accepted_at ? (at.get("accepted") ?? null) : null,
      first_contact_at: request.first_contact_at ? (at.get("contacted") ?? at.get("replied") ?? null) : null,
      replied_at: request.replied_at ? (at.get("replied") ?? null) : null,
      closed_at: request.closed_at ? (at.get("closed") ?? null) : null,
      return_visit_at: request.return_visit_at ? (at.get("return_visit") ?? null) : null,
      ...(due && request.reopened_count === 0
        ? {
            contact_due_at: due.contactDueAt,
            resolve_due: due.resolveDue,
            resolve_due_estimated: due.estimated,
          }
        : {}),
    })
    .where("id", "=", id)
    .execute();
  await ctx.db
    .updateTable("request_assignments")
    .set({
      assigned_at: sql`${dispatched ?? start}`,
      accepted_at: sql`case when accepted_at is null then null else ${at.get("accepted") ?? dispatched ?? start}::timestamptz end`,
    })
    .where("request_id", "=", id)
    .execute();
}
