import { Tag } from "antd";
import {
  type AgreementEffectiveStatus,
  type ConsentStatus,
  SENSITIVITY_LABELS,
  type Sensitivity,
  SHARING_CLASS_LABELS,
  type SharingClass,
} from "../api-types";
import { useI18n } from "../I18nProvider";
import { AGREEMENT_STATUS_KEY, CONSENT_STATUS_KEY } from "./labels";

// antd's light green and gold presets fall short of AA contrast; the classes set darker text (styles.css).

/** 无条件共享 / 有条件共享 / 不予共享 in three distinct colours. */
export function SharingClassTag({ value }: { value: SharingClass }) {
  const { pick } = useI18n();
  const label = SHARING_CLASS_LABELS[value];
  return (
    <Tag className={`x-tag x-tag--share-${value}`} data-testid="sharing-class">
      {pick(label.zh, label.en)}
    </Tag>
  );
}

/** 公开 / 内部 / 敏感 / 高度敏感, warmer as the level rises. */
export function SensitivityTag({ level }: { level: Sensitivity }) {
  const { pick } = useI18n();
  const label = SENSITIVITY_LABELS[level];
  return <Tag className={`x-tag x-tag--level-${level}`}>{pick(label.zh, label.en)}</Tag>;
}

const AGREEMENT_CLASS: Record<AgreementEffectiveStatus, string> = {
  applied: "x-tag--waiting",
  approved: "x-tag--ok",
  refused: "x-tag--bad",
  suspended: "x-tag--warn",
  expired: "x-tag--off",
};

/** A sharing agreement's status (expired derived from its period). */
export function AgreementStatusTag({ status }: { status: AgreementEffectiveStatus }) {
  const { t } = useI18n();
  return (
    <Tag className={`x-tag ${AGREEMENT_CLASS[status]}`} data-testid="agreement-status">
      {t(AGREEMENT_STATUS_KEY[status])}
    </Tag>
  );
}

const CONSENT_CLASS: Record<ConsentStatus, string> = {
  pending: "x-tag--waiting",
  granted: "x-tag--ok",
  refused: "x-tag--bad",
  revoked: "x-tag--warn",
  superseded: "x-tag--off",
};

/** A consent's status. */
export function ConsentStatusTag({ status }: { status: ConsentStatus }) {
  const { t } = useI18n();
  return <Tag className={`x-tag ${CONSENT_CLASS[status]}`}>{t(CONSENT_STATUS_KEY[status])}</Tag>;
}
