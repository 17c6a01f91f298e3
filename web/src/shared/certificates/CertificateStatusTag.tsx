import { Tag } from "antd";
import type { CertificateStatus } from "../api-types";
import { useI18n } from "../I18nProvider";
import { CERTIFICATE_STATUS_KEY } from "./labels";

const STATUS_CLASS: Record<CertificateStatus | "invalid", string> = {
  valid: "x-tag--ok",
  expired: "x-tag--warn",
  revoked: "x-tag--bad",
  invalid: "x-tag--bad",
};

/** 有效 / 已过期 / 已撤销 / 无效. */
export function CertificateStatusTag({ status }: { status: CertificateStatus | "invalid" }) {
  const { t } = useI18n();
  return (
    <Tag className={`x-tag ${STATUS_CLASS[status]}`} data-testid="certificate-status" data-status={status}>
      {t(CERTIFICATE_STATUS_KEY[status])}
    </Tag>
  );
}
