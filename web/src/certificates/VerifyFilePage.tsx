import { CloudServerOutlined, InboxOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Input, Radio, Space, Upload } from "antd";
import { useId, useState } from "react";
import { ApiError, api } from "../shared/api";
import type { PublicCertificate } from "../shared/api-types";
import { CertificateSheet, factsOf } from "../shared/certificates/CertificateSheet";
import { CertificateStatusTag } from "../shared/certificates/CertificateStatusTag";
import { CERTIFICATE_STATUS_KEY, shortKeyId, VERIFY_REASON_KEY } from "../shared/certificates/labels";
import { PageHeading } from "../shared/components/PageHeading";
import { ProblemAlert, problemText } from "../shared/components/ProblemAlert";
import { useI18n } from "../shared/I18nProvider";
import { PublicShell } from "../shared/layout/PublicShell";
import {
  checkCertificate,
  fetchPublishedKeys,
  keysFromText,
  parseKeySet,
  type SignatureCheck,
} from "./verify-offline";

type Outcome = { check: SignatureCheck } | { error: string };

function OnlineStatus({ id }: { id: string }) {
  const { t } = useI18n();
  const [answer, setAnswer] = useState<PublicCertificate | ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const ask = async () => {
    setBusy(true);
    try {
      setAnswer(await api<PublicCertificate>(`/api/certificates/${encodeURIComponent(id)}/public`));
    } catch (error) {
      if (!(error instanceof ApiError)) {
        throw error;
      }
      setAnswer(error);
    } finally {
      setBusy(false);
    }
  };
  if (answer instanceof ApiError) {
    return <ProblemAlert error={answer} />;
  }
  if (answer) {
    return (
      <p data-testid="online-status">
        {t("verifyFile.online", { status: t(CERTIFICATE_STATUS_KEY[answer.status]) })}{" "}
        <CertificateStatusTag status={answer.status} />
      </p>
    );
  }
  return (
    <Button icon={<CloudServerOutlined aria-hidden="true" />} loading={busy} onClick={() => void ask()}>
      {t("verifyFile.checkOnline")}
    </Button>
  );
}

function OutcomeView({ outcome }: { outcome: Outcome }) {
  const { t } = useI18n();
  if ("error" in outcome) {
    return <Alert type="error" showIcon role="alert" title={outcome.error} data-testid="verify-error" />;
  }
  const { check } = outcome;
  const doc = check.document;
  return (
    <section className="verify-result" aria-live="polite">
      {check.valid ? (
        <Alert
          type="success"
          showIcon
          data-testid="verify-result"
          data-valid="true"
          title={t("verifyFile.valid")}
          description={
            <>
              <div>{t("verifyFile.validHint", { kid: shortKeyId(check.keyId ?? "") })}</div>
              {check.expired && doc ? (
                <div className="verify-result__expired">
                  {t("verifyFile.expired", { day: doc.validUntil ?? "" })}
                </div>
              ) : null}
            </>
          }
        />
      ) : (
        <Alert
          type="error"
          showIcon
          data-testid="verify-result"
          data-valid="false"
          data-reason={check.reason ?? ""}
          title={t("verifyFile.invalid")}
          description={check.reason ? t(VERIFY_REASON_KEY[check.reason]) : null}
        />
      )}
      {doc ? (
        <CertificateSheet
          facts={factsOf(doc)}
          claims={doc.claims}
          status={check.valid ? (check.expired ? "expired" : "valid") : "invalid"}
          footer={
            check.valid ? (
              <div className="certificate-sheet__note">
                <OnlineStatus key={doc.id} id={doc.id} />
              </div>
            ) : null
          }
        />
      ) : null}
    </section>
  );
}

/**
 * /verify — anyone drops or pastes a downloaded certificate and the browser checks its signature;
 * the published keys are fetched from here unless pasted too (then nothing leaves the browser).
 */
export function VerifyFilePage() {
  const { t } = useI18n();
  const [text, setText] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [keysMode, setKeysMode] = useState<"fetch" | "paste">("fetch");
  const [keysText, setKeysText] = useState("");
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const pasteId = useId();
  const keysId = useId();

  const verify = async () => {
    let doc: unknown;
    try {
      doc = JSON.parse(text) as unknown;
    } catch {
      setOutcome({ error: t("verifyFile.notJson") });
      return;
    }
    let keys: ReadonlyMap<string, Uint8Array>;
    if (keysMode === "paste") {
      try {
        keys = keysFromText(keysText);
      } catch {
        setOutcome({ error: t("verifyFile.keysNotJson") });
        return;
      }
    } else {
      setBusy(true);
      try {
        keys = parseKeySet(await fetchPublishedKeys());
      } catch (error) {
        setOutcome({
          error:
            error instanceof ApiError ? problemText(error, t("app.networkError")) : t("app.networkError"),
        });
        return;
      } finally {
        setBusy(false);
      }
    }
    if (keys.size === 0) {
      setOutcome({ error: t("verifyFile.noKeys") });
      return;
    }
    setOutcome({ check: checkCertificate(doc, keys) });
  };

  return (
    <PublicShell>
      <PageHeading title={t("verifyFile.title")} intro={t("verifyFile.intro")} />
      <div className="verify-file">
        <Card className="verify-file__input">
          <Upload.Dragger
            accept=".json,application/json"
            multiple={false}
            showUploadList={false}
            beforeUpload={(file) => {
              void file.text().then((content) => {
                setText(content);
                setFileName(file.name);
                setOutcome(null);
              });
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined aria-hidden="true" />
            </p>
            <p className="ant-upload-text">{t("verifyFile.drop")}</p>
            <p className="ant-upload-hint">
              {fileName ? t("verifyFile.loaded", { name: fileName }) : t("verifyFile.dropHint")}
            </p>
          </Upload.Dragger>
          <label className="verify-file__label" htmlFor={pasteId}>
            {t("verifyFile.paste")}
          </label>
          <Input.TextArea
            id={pasteId}
            className="mono-input"
            rows={7}
            value={text}
            placeholder={t("verifyFile.pastePlaceholder")}
            onChange={(event) => {
              setText(event.target.value);
              setFileName(null);
            }}
            data-testid="certificate-input"
            spellCheck={false}
          />
          <fieldset className="verify-file__keys">
            <legend className="verify-file__label">{t("verifyFile.keysSource")}</legend>
            <Radio.Group
              value={keysMode}
              onChange={(event) => setKeysMode(event.target.value as "fetch" | "paste")}
            >
              <Space orientation="vertical">
                <Radio value="fetch">{t("verifyFile.keysFetch")}</Radio>
                <Radio value="paste" data-testid="keys-paste">
                  {t("verifyFile.keysPaste")}
                </Radio>
              </Space>
            </Radio.Group>
            {keysMode === "paste" ? (
              <Input.TextArea
                id={keysId}
                aria-label={t("verifyFile.keysPlaceholder")}
                className="mono-input"
                rows={4}
                value={keysText}
                placeholder={t("verifyFile.keysPlaceholder")}
                onChange={(event) => setKeysText(event.target.value)}
                data-testid="keys-input"
                spellCheck={false}
              />
            ) : null}
          </fieldset>
          <Button
            type="primary"
            size="large"
            block
            loading={busy}
            disabled={text.trim() === ""}
            onClick={() => void verify()}
            data-testid="verify-button"
          >
            {t("verifyFile.verify")}
          </Button>
        </Card>
        <div className="verify-file__outcome">{outcome ? <OutcomeView outcome={outcome} /> : null}</div>
      </div>
    </PublicShell>
  );
}
