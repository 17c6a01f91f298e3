import type { ApplicationDetail, ApplicationTask } from "../../shared/applications/types";

/**
 * Where an approved task's e-certificate (电子证照) will be offered for download and verification.
 * The certificates module fills this in; until then it renders nothing (`task.certificateId` is set
 * by the server once a certificate is issued).
 */
export function CertificateSlot(_props: { application: ApplicationDetail; task: ApplicationTask }) {
  return null;
}

/**
 * Where the applicant will rate a concluded application (好差评, 1–5 with comments). The ratings
 * module fills this in; until then it renders nothing.
 */
export function RatingSlot(_props: { application: ApplicationDetail }) {
  return null;
}
