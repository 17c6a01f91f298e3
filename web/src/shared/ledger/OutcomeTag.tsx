import { Tag } from "antd";
import { useI18n } from "../I18nProvider";
import { OUTCOME_KEY, type Outcome } from "./entry";

/** 成功 / 失败 / 拒绝 as a coloured tag. */
export function OutcomeTag({ outcome }: { outcome: Outcome }) {
  const { t } = useI18n();
  return (
    // antd's preset green and orange tags fall short of AA contrast; the classes set darker text.
    <Tag className={`outcome-tag outcome-tag--${outcome}`}>{t(OUTCOME_KEY[outcome])}</Tag>
  );
}
