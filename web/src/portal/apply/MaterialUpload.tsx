import { UploadOutlined } from "@ant-design/icons";
import { App, Button, Upload, type UploadProps } from "antd";
import { useState } from "react";
import { ApiError, api } from "../../shared/api";
import { formatBytes } from "../../shared/applications/labels";
import { type ApplicationMaterial, MAX_UPLOAD_BYTES, UPLOAD_TYPES } from "../../shared/applications/types";
import { problemText, problemTitle } from "../../shared/components/ProblemAlert";
import { useI18n } from "../../shared/I18nProvider";

const ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png";

/** The file's content as base64 (what POST /api/applications/:id/uploads takes). */
export function readBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(",") + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error("The file could not be read"));
    reader.readAsDataURL(file);
  });
}

/** Uploads one material (PDF, JPEG or PNG, at most 5 MB) as base64 JSON; says the limits beside the button. */
export function MaterialUpload({
  applicationId,
  material,
  onUploaded,
}: {
  applicationId: string;
  material: ApplicationMaterial;
  onUploaded: () => void;
}) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const name = pick(material.name, material.nameEn);
  const hintId = `upload-hint-${material.id}`;
  const replace = material.state?.via === "upload";

  const beforeUpload: UploadProps["beforeUpload"] = (file) => {
    if (!(UPLOAD_TYPES as readonly string[]).includes(file.type)) {
      message.error(t("apps.upload.badType", { file: file.name }));
      return Upload.LIST_IGNORE;
    }
    if (file.size > MAX_UPLOAD_BYTES) {
      message.error(t("apps.upload.tooLarge", { file: file.name, size: formatBytes(file.size) }));
      return Upload.LIST_IGNORE;
    }
    return true;
  };

  const customRequest: UploadProps["customRequest"] = ({ file, onSuccess, onError }) => {
    const blob = file as File;
    setBusy(true);
    readBase64(blob)
      .then((content) =>
        api(`/api/applications/${encodeURIComponent(applicationId)}/uploads`, {
          method: "POST",
          body: { material: material.id, filename: blob.name, mediaType: blob.type, content },
        }),
      )
      .then((answer) => {
        onSuccess?.(answer);
        message.success(t("apps.upload.done", { file: blob.name }));
        onUploaded();
      })
      .catch((error: unknown) => {
        onError?.(error instanceof Error ? error : new Error(String(error)));
        message.error(
          error instanceof ApiError
            ? `${problemTitle(error, t)}: ${problemText(error, t("app.networkError"))}`
            : t("apps.upload.failed", { file: blob.name }),
        );
      })
      .finally(() => setBusy(false));
  };

  return (
    <div className="material-upload">
      <Upload
        accept={ACCEPT}
        showUploadList={false}
        maxCount={1}
        beforeUpload={beforeUpload}
        customRequest={customRequest}
        data-testid={`upload-${material.id}`}
      >
        <Button
          icon={<UploadOutlined aria-hidden="true" />}
          loading={busy}
          aria-label={t(replace ? "apps.upload.replaceFor" : "apps.upload.buttonFor", { name })}
          aria-describedby={hintId}
        >
          {t(replace ? "apps.upload.replace" : "apps.upload.button")}
        </Button>
      </Upload>
      <span id={hintId} className="muted small material-upload__hint">
        {t("apps.upload.limits")}
      </span>
    </div>
  );
}
