/**
 * The certificates module's public face: 电子证照 issued on approval (call `issueCertificate` inside
 * the approving transaction), read, revoked and verified.
 */

export type {
  CertificateClaim,
  CertificateDocument,
} from "../../../shared/certificates/certificate.js";
export { certificatesRoutes } from "./certificates.routes.js";
export {
  type CertificateRecord,
  type CertificateStatus,
  documentByCode,
  getCertificate,
  type IssueCertificateInput,
  issueCertificate,
  listHolderCertificates,
  type PublicCertificate,
  publicCertificate,
  publishedKeys,
  revokeCertificate,
  rotateSigningKey,
  type VerificationResult,
  verifyCertificate,
} from "./certificates.service.js";
