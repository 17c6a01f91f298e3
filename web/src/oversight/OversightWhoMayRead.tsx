import { WhoMayReadPage } from "../rights/WhoMayReadPage";
import { useI18n } from "../shared/I18nProvider";

/** /oversight/who-may-read: the explanation pages under the auditors' section. */
export function OversightWhoMayRead() {
  const { t } = useI18n();
  return <WhoMayReadPage section={t("oversight.title")} sectionTo="/oversight" />;
}
