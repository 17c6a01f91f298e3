// Messages of the 接诉即办 rates page (merged into the client's dictionary in shared/i18n.ts).

export const ratesZh = {
  "rates.title": "接诉即办考评",
  "rates.card": "各部门、区县和分类的响应率、解决率、满意率与综合得分排名。",
  "rates.intro":
    "按派单时间统计期间内的诉求：响应率看是否在时限内联系诉求人，解决率和满意率看回访结果，综合得分 = 响应率×10% + 解决率×45% + 满意率×45%。",
  "rates.groupBy": "统计维度",
  "rates.group.department": "承办部门",
  "rates.group.district": "区县",
  "rates.group.category": "一级分类",
  "rates.group.subcategory": "二级分类",
  "rates.periodKind": "期间类型",
  "rates.kind.month": "月度",
  "rates.kind.quarter": "季度",
  "rates.kind.year": "年度",
  "rates.kind.range": "自定义",
  "rates.period": "统计期间",
  "rates.from": "开始日期",
  "rates.to": "结束日期",
  "rates.thisMonth": "本月",
  "rates.responseRate": "响应率",
  "rates.resolutionRate": "解决率",
  "rates.satisfactionRate": "满意率",
  "rates.composite": "综合得分",
  "rates.rank": "排名",
  "rates.name": "名称",
  "rates.dispatched": "派单量",
  "rates.visited": "回访量",
  "rates.visitedHint": "其中已回访 {n}",
  "rates.replied": "已答复",
  "rates.fraction": "{n} / {d}",
  "rates.fractionHint": "分子 / 分母",
  "rates.compositeChart": "综合得分排名",
  "rates.trendChart": "三率月度趋势",
  "rates.ratesChart": "三率对比",
  "rates.table": "排名表",
  "rates.none": "该期间没有派单的诉求",
  "rates.definitions": "口径说明",
  "rates.def.scope":
    "统计对象：派单时间在期间内、当前已派至部门的诉求（以最后一次派单为准：被退回后改派的诉求只计入改派后的部门），不含被合并为重复件的诉求。",
  "rates.def.response":
    "响应率 = 在联系时限内（自派单起）联系了诉求人（记录联系或作出答复）的诉求数 ÷ 联系时限已到或已按时联系的诉求数；尚在时限内未联系的诉求暂不计入。",
  "rates.def.resolution": "解决率 = 回访为“已解决”的诉求数 ÷ 已回访的诉求数（以最近一次回访为准）。",
  "rates.def.satisfaction":
    "满意率 = 回访为“满意”的诉求数 ÷ 已回访的诉求数；本平台回访只记录满意与否，未区分“基本满意”。匿名且未回访的诉求不计入解决率和满意率。",
  "rates.def.composite":
    "综合得分 = 100 ×（10% × 响应率 + 45% × 解决率 + 45% × 满意率），三率齐备才计算并参与排名；分母为 0 时显示“—”。",
  "rates.def.district": "区县按承办部门所属行政区划（GB/T 2260）统计，市级部门计入“杭州市”。",
  "cockpit.ratesCard": "接诉即办考评",
} as const;

export const ratesEn: Record<keyof typeof ratesZh, string> = {
  "rates.title": "Citizens' requests: the three rates",
  "rates.card":
    "Response, resolution and satisfaction rates and the composite score, ranked by department, district and category.",
  "rates.intro":
    "Requests dispatched in the period: the response rate asks whether the requester was contacted in time, the resolution and satisfaction rates come from the return visits; composite = 10% response + 45% resolution + 45% satisfaction.",
  "rates.groupBy": "Group by",
  "rates.group.department": "Department",
  "rates.group.district": "District",
  "rates.group.category": "Category",
  "rates.group.subcategory": "Subcategory",
  "rates.periodKind": "Period type",
  "rates.kind.month": "Month",
  "rates.kind.quarter": "Quarter",
  "rates.kind.year": "Year",
  "rates.kind.range": "Dates",
  "rates.period": "Period",
  "rates.from": "From",
  "rates.to": "To",
  "rates.thisMonth": "This month",
  "rates.responseRate": "Response rate",
  "rates.resolutionRate": "Resolution rate",
  "rates.satisfactionRate": "Satisfaction rate",
  "rates.composite": "Composite",
  "rates.rank": "Rank",
  "rates.name": "Name",
  "rates.dispatched": "Dispatched",
  "rates.visited": "Visited",
  "rates.visitedHint": "{n} visited",
  "rates.replied": "Replied",
  "rates.fraction": "{n} / {d}",
  "rates.fractionHint": "numerator / denominator",
  "rates.compositeChart": "Composite score, ranked",
  "rates.trendChart": "The three rates by month",
  "rates.ratesChart": "The three rates compared",
  "rates.table": "Ranking",
  "rates.none": "No request was dispatched in this period",
  "rates.definitions": "Definitions",
  "rates.def.scope":
    "Requests dispatched in the period and currently with a department (the latest dispatch counts: a request returned as misrouted counts only for the department it was re-dispatched to), duplicates left out.",
  "rates.def.response":
    "Response rate = requests whose requester was contacted (a contact or the reply) within the contact limit after dispatch ÷ requests whose limit has passed or that were contacted in time; requests still inside their limit are not yet judged.",
  "rates.def.resolution":
    "Resolution rate = requests whose return visit says resolved ÷ requests visited (the latest visit counts).",
  "rates.def.satisfaction":
    "Satisfaction rate = requests whose return visit says satisfied ÷ requests visited; visits here record satisfied or not, without a 'fairly satisfied' level. Anonymous requests without a visit are not in the resolution and satisfaction rates.",
  "rates.def.composite":
    "Composite = 100 × (10% × response + 45% × resolution + 45% × satisfaction), computed and ranked only when all three rates exist; a zero denominator shows as “—”.",
  "rates.def.district":
    "Districts are those of the handling department (GB/T 2260); city departments count under 杭州市.",
  "cockpit.ratesCard": "Citizens' requests: the three rates",
};
