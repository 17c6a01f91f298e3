import type { GrantRole, PowerLevel, PowerType } from "../shared/api-types";
import type { MessageKey } from "../shared/i18n";

export const POWER_TYPE_KEY: Record<PowerType, MessageKey> = {
  行政许可: "powerType.licence",
  行政处罚: "powerType.penalty",
  行政强制: "powerType.coercion",
  行政征收: "powerType.levy",
  行政给付: "powerType.benefit",
  行政检查: "powerType.inspection",
  行政确认: "powerType.confirmation",
  行政奖励: "powerType.reward",
  行政裁决: "powerType.adjudication",
  其他行政权力: "powerType.other",
};

/** Only these tag colours keep text contrast at WCAG AA on their light background (see ROLE_COLOUR). */
export const POWER_TYPE_COLOUR: Record<PowerType, string> = {
  行政许可: "blue",
  行政处罚: "red",
  行政强制: "red",
  行政征收: "magenta",
  行政给付: "geekblue",
  行政检查: "purple",
  行政确认: "geekblue",
  行政奖励: "magenta",
  行政裁决: "purple",
  其他行政权力: "default",
};

export const LEVEL_KEY: Record<PowerLevel, MessageKey> = {
  province: "level.province",
  city: "level.city",
  county: "level.county",
  township: "level.township",
};

export const GRANT_ROLE_KEY: Record<GrantRole, MessageKey> = {
  officer: "role.officer",
  dept_admin: "role.dept_admin",
  leader: "role.leader",
  system: "role.system",
};
