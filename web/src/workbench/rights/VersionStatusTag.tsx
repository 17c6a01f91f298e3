import { Tag } from "antd";
import type { RightsVersionStatus } from "../../shared/api-types";
import { useI18n } from "../../shared/I18nProvider";

// Solid dark colours: white text on them passes WCAG AA, unlike the light gold and green presets.
const COLOUR: Record<RightsVersionStatus, string> = {
  proposed: "#ad4e00",
  approved: "#237804",
  refused: "#a8071a",
};

/** A version's review status as a coloured tag. */
export function VersionStatusTag({ status }: { status: RightsVersionStatus }) {
  const { t } = useI18n();
  return <Tag color={COLOUR[status]}>{t(`review.status.${status}`)}</Tag>;
}
