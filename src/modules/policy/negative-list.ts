/**
 * 负面清单: forbid rules that override every permit. Each has a stable id (recorded in the ledger
 * with every decision it takes part in) and a description in both languages.
 */
export interface NegativeRule {
  id: string;
  title: string;
  titleEn: string;
  cedar: string;
  /** What a caller refused by this rule is told, when not its English title. */
  refusal?: string;
}

export const NEGATIVE_LIST: NegativeRule[] = [
  {
    id: "negative:no-unshared-data",
    title: "任何人不得通过共享交换读取“不予共享”类数据",
    titleEn: "No one reads data classed 不予共享 (not shared) through the exchange",
    cedar: `forbid (principal, action == Yimen::Action::"read", resource)
when { context.viaExchange && resource.sharingClass == "none" };`,
  },
  {
    id: "negative:health-purpose",
    title: "健康档案仅可为其列明的用途读取",
    titleEn: "Health records are read only for the purposes listed for them",
    cedar: `forbid (principal, action == Yimen::Action::"read", resource)
when { resource.dataClass == "health" }
unless { resource.purposes.contains(context.purpose) };`,
  },
  {
    id: "negative:daily-cap",
    title: "任何账号每日读取的人员记录不得超过规定数量",
    titleEn: "No account reads more than the configured number of persons' records a day",
    cedar: `forbid (principal, action == Yimen::Action::"read", resource)
when { context.readsToday >= context.dailyLimit };`,
  },
  {
    id: "negative:related-person",
    title: "工作人员不得读取与其申报有亲属等关系人员的记录",
    titleEn: "Staff may not read records of persons they are declared related to",
    cedar: `forbid (principal, action == Yimen::Action::"read", resource)
when { context.relatedToSubject };`,
  },
  {
    id: "negative:own-application",
    title: "任何人不得对本人提交的申请作出决定",
    titleEn: "No decision is taken by an account on its own application",
    cedar: `forbid (principal, action == Yimen::Action::"decide", resource)
when { resource.applicant == principal };`,
  },
  {
    id: "negative:token-unscoped-route",
    title: "API 令牌只能调用声明了令牌范围的接口",
    titleEn: "API tokens call only routes that declare a token scope",
    cedar: `forbid (principal, action == Yimen::Action::"call", resource is Yimen::Route)
when { context.viaToken && !resource.public && !(resource has scope) };`,
    refusal: "This route cannot be called with an API token",
  },
];
