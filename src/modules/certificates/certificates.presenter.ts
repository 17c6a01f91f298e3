import { VERIFICATION_CODE_LENGTH } from "../../../shared/certificates/certificate.js";
import type {
  PresentedCertificate,
  PresentedPublicCertificate,
  PresentedVerification,
} from "./certificates.schemas.js";
import type { CertificateRecord, PublicCertificate, VerificationResult } from "./certificates.service.js";

/**
 * Presenters are the only way certificates reach the wire. The holder and the issuing department get
 * the signed document (the holder's own data, in full); the public gets masked facts and a status.
 */

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export function presentCertificate(record: CertificateRecord): PresentedCertificate {
  return {
    status: record.status,
    revokedAt: iso(record.revokedAt),
    revocationReason: record.revocationReason,
    verificationCode: record.digest.slice(0, VERIFICATION_CODE_LENGTH),
    document: record.document,
  };
}

export function presentPublicCertificate(view: PublicCertificate): PresentedPublicCertificate {
  return { ...view.facts, status: view.status, revokedAt: iso(view.revokedAt) };
}

export function presentVerification(result: VerificationResult): PresentedVerification {
  return { ...result, revokedAt: iso(result.revokedAt) };
}
