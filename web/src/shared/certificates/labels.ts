import type { CertificateStatus, VerifyReason } from "../api-types";
import type { MessageKey } from "../i18n";

export const CERTIFICATE_STATUS_KEY: Record<CertificateStatus | "invalid", MessageKey> = {
  valid: "certificates.status.valid",
  revoked: "certificates.status.revoked",
  expired: "certificates.status.expired",
  invalid: "certificates.status.invalid",
};

export const VERIFY_REASON_KEY: Record<VerifyReason, MessageKey> = {
  malformed: "certificates.reason.malformed",
  "unsupported-version": "certificates.reason.unsupported-version",
  "unsupported-algorithm": "certificates.reason.unsupported-algorithm",
  "unknown-key": "certificates.reason.unknown-key",
  "bad-signature": "certificates.reason.bad-signature",
  "not-issued": "certificates.reason.not-issued",
};

/** A key id (43 characters) shortened for reading; the whole id stays in the title. */
export function shortKeyId(keyId: string): string {
  return `${keyId.slice(0, 10)}…`;
}
