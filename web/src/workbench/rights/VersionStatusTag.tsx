import { Tag } from "antd";
import type { RightsVersionStatus } from "../../shared/api-types";
import { useI18n } from "../../shared/I18nProvider";

const COLOUR: Record<RightsVersionStatus, string> = {
  proposed: "gold",
  approved: "green",
  refused: "red",
};

/** A version's review status as a coloured tag. */
export function VersionStatusTag({ status }: { status: RightsVersionStatus }) {
  const { t } = useI18n();
  return <Tag color={COLOUR[status]}>{t(`review.status.${status}`)}</Tag>;
}
