import { WhoMayReadPage } from "../../rights/WhoMayReadPage";
import { useI18n } from "../../shared/I18nProvider";

/** /workbench/who-may-read: the explanation pages for department admins and legal reviewers. */
export function WorkbenchWhoMayRead() {
  const { t } = useI18n();
  return <WhoMayReadPage section={t("nav.workbench")} sectionTo="/workbench" />;
}
