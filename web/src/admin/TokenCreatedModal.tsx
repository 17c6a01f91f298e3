import { CheckOutlined, CopyOutlined } from "@ant-design/icons";
import { Alert, Button, Input, Modal } from "antd";
import { useRef, useState } from "react";
import { useI18n } from "../shared/I18nProvider";

/** Shows a new token once, with a copy button and the warning that it cannot be shown again. */
export function TokenCreatedModal({ token, onClose }: { token: string; onClose: () => void }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const boxRef = useRef<HTMLTextAreaElement | null>(null);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token);
      setCopied(true);
    } catch {
      // No clipboard access (plain http): select the text so the user can copy it by hand.
      boxRef.current?.select();
    }
  };

  return (
    <Modal
      open
      title={t("tokens.createdTitle")}
      onCancel={onClose}
      maskClosable={false}
      keyboard={false}
      footer={
        <Button type="primary" onClick={onClose}>
          {t("app.close")}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t("tokens.createdWarning")} style={{ marginBottom: 16 }} />
      <label htmlFor="created-token" className="visually-hidden">
        {t("tokens.token")}
      </label>
      <Input.TextArea
        id="created-token"
        ref={(instance) => {
          boxRef.current = instance?.resizableTextArea?.textArea ?? null;
        }}
        className="code token-box"
        value={token}
        readOnly
        autoSize
        data-testid="created-token"
        onFocus={(event) => event.currentTarget.select()}
      />
      <Button
        style={{ marginTop: 12 }}
        icon={copied ? <CheckOutlined aria-hidden="true" /> : <CopyOutlined aria-hidden="true" />}
        onClick={() => void copy()}
      >
        {copied ? t("tokens.copied") : t("tokens.copy")}
      </Button>
      <span className="visually-hidden" aria-live="polite">
        {copied ? t("tokens.copied") : ""}
      </span>
    </Modal>
  );
}
