import { Breadcrumb } from "antd";
import { Link } from "react-router-dom";
import { useI18n } from "../I18nProvider";

/** "Section / page" above a sub-page's heading, the section being a link back. */
export function SubPageTrail({
  section,
  sectionTo,
  page,
}: {
  section: string;
  sectionTo: string;
  page: string;
}) {
  const { t } = useI18n();
  return (
    <Breadcrumb
      aria-label={t("app.breadcrumb")}
      className="sub-page-trail"
      items={[
        { key: "section", title: <Link to={sectionTo}>{section}</Link> },
        { key: "page", title: <span aria-current="page">{page}</span> },
      ]}
    />
  );
}
