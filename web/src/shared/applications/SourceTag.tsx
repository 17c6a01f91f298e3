import { SafetyCertificateOutlined } from "@ant-design/icons";
import { Link } from "react-router-dom";
import { formatDay } from "../exchange/labels";
import { useI18n } from "../I18nProvider";
import { dataUseLink } from "./labels";
import type { PrefillSource } from "./types";

/**
 * 来源：杭州市卫生健康委员会 · 出生医学证明信息 · 更新于 2026年11月18日, for a value the platform
 * filled in from a registry; for the applicant it links to the ledger entry of the read.
 */
export function SourceTag({
  source,
  departmentName,
  linkToLedger,
  id,
}: {
  source: PrefillSource;
  departmentName: (code: string) => string;
  /** The applicant can open the read in 谁用了我的数据; officers see its number. */
  linkToLedger: boolean;
  id?: string;
}) {
  const { t, pick, locale } = useI18n();
  const text = t("apps.source", {
    department: departmentName(source.department),
    resource: pick(source.resourceName, source.resourceNameEn),
    date: formatDay(source.updatedAt.slice(0, 10), locale),
  });
  return (
    <span className="source-tag" id={id} data-testid="source-tag">
      <SafetyCertificateOutlined aria-hidden="true" className="source-tag__icon" /> {text}{" "}
      {linkToLedger ? (
        <Link to={dataUseLink([source.ledgerSeq])} className="source-tag__link">
          {t("apps.sourceProof")}
        </Link>
      ) : (
        <span className="source-tag__seq">{t("apps.ledgerSeq", { seq: source.ledgerSeq })}</span>
      )}
    </span>
  );
}
