import { PictureOutlined } from "@ant-design/icons";
import { App, Button, Upload, type UploadFile } from "antd";
import { REQUEST_LIMITS } from "../../../shared/requests/types";
import { useI18n } from "../shared/I18nProvider";

/** Chooses up to six PNG or JPEG photos of at most 5 MB (checked again by the server by their bytes). */
export function PhotoPicker({
  files,
  onChange,
}: {
  files: UploadFile[];
  onChange: (files: UploadFile[]) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  return (
    <Upload
      accept="image/png,image/jpeg"
      listType="picture"
      multiple
      fileList={files}
      maxCount={REQUEST_LIMITS.photos}
      beforeUpload={(file) => {
        if (!["image/png", "image/jpeg"].includes(file.type) || file.size > REQUEST_LIMITS.photoBytes) {
          message.error(t("requests.field.photoRejected", { name: file.name }));
          return Upload.LIST_IGNORE;
        }
        return false;
      }}
      onChange={({ fileList }) => onChange(fileList)}
    >
      <Button icon={<PictureOutlined />}>{t("requests.field.photos")}</Button>
    </Upload>
  );
}

/** Uploads chosen photos one by one to a request; returns the names that failed with the reason. */
export async function uploadPhotos(
  requestId: string,
  files: UploadFile[],
  upload: (path: string, body: Blob) => Promise<unknown>,
): Promise<{ name: string; reason: string }[]> {
  const failed: { name: string; reason: string }[] = [];
  for (const f of files) {
    if (!f.originFileObj) {
      continue;
    }
    try {
      await upload(`/api/requests/${encodeURIComponent(requestId)}/photos`, f.originFileObj);
    } catch (error) {
      failed.push({ name: f.name, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return failed;
}
