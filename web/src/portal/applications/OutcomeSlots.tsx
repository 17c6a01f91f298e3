import { DownloadOutlined, SafetyCertificateOutlined } from "@ant-design/icons";
import { Space } from "antd";
import { Link } from "react-router-dom";
import { ApplicationRating } from "../../ratings/ApplicationRating";
import type { ApplicationDetail, ApplicationTask } from "../../shared/applications/types";
import { useI18n } from "../../shared/I18nProvider";

/** An approved task's e-certificate (电子证照): download the signed file, or see it with its QR code. */
export function CertificateSlot({
  application,
  task,
}: {
  application: ApplicationDetail;
  task: ApplicationTask;
}) {
  const { t } = useI18n();
  if (!task.certificateId || application.asOfficer) {
    return null;
  }
  return (
    <Space wrap size={[12, 4]} className="certificate-slot" data-testid={`certificate-${task.itemCode}`}>
      <SafetyCertificateOutlined aria-hidden="true" />
      <Link to="/portal/certificates">{t("portal.certificates")}</Link>
      <a href={`/api/certificates/${task.certificateId}/download`} download>
        <DownloadOutlined aria-hidden="true" /> {t("certificates.download")}
      </a>
    </Space>
  );
}

/** The applicant rates a concluded application (好差评, 1–5 with comments). */
export function RatingSlot({ application }: { application: ApplicationDetail }) {
  if (application.asOfficer || application.status !== "concluded") {
    return null;
  }
  return <ApplicationRating applicationId={application.id} />;
}
