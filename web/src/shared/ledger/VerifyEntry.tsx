import { ClockCircleOutlined, SafetyCertificateOutlined } from "@ant-design/icons";
import { Alert, Button } from "antd";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { useI18n } from "../I18nProvider";
import type { MessageKey } from "../i18n";
import { type VerifyFailure, type VerifyResult, verifyLedgerEntry } from "./verify-entry";

const FAILURE_KEY: Record<VerifyFailure, MessageKey> = {
  mismatch: "ledger.verifyFailed.mismatch",
  signature: "ledger.verifyFailed.signature",
  proof: "ledger.verifyFailed.proof",
  unavailable: "ledger.verifyFailed.unavailable",
};

export interface Verification {
  run: () => void;
  running: boolean;
  result: VerifyResult | null;
}

/** The state of one entry's in-browser proof check; a different entry starts afresh. */
export function useVerification(index: number | null, body: string): Verification {
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<VerifyResult | null>(null);
  const current = useRef({ index, body });
  current.current = { index, body };

  // biome-ignore lint/correctness/useExhaustiveDependencies: index and body are the reset triggers
  useEffect(() => {
    setResult(null);
    setRunning(false);
  }, [index, body]);

  const run = () => {
    if (index === null) {
      return;
    }
    setRunning(true);
    setResult(null);
    void verifyLedgerEntry(index, body).then((outcome) => {
      // Ignore a late answer about an entry no longer shown.
      if (current.current.index === index && current.current.body === body) {
        setResult(outcome);
        setRunning(false);
      }
    });
  };
  return { run, running, result };
}

/** The "verify" button, or the note that the entry is not in the tree yet. */
export function VerifyButton({
  index,
  verification,
  primary = false,
}: {
  index: number | null;
  verification: Verification;
  primary?: boolean;
}) {
  const { t } = useI18n();
  if (index === null) {
    return (
      <span className="verify-pending">
        <ClockCircleOutlined aria-hidden="true" /> {t("ledger.pendingHint")}
      </span>
    );
  }
  return (
    <Button
      type={primary ? "primary" : "default"}
      icon={<SafetyCertificateOutlined aria-hidden="true" />}
      loading={verification.running}
      onClick={verification.run}
      aria-label={t("ledger.verifyEntry", { index })}
      data-testid="verify-button"
    >
      {verification.running ? t("ledger.verifying") : t("ledger.verify")}
    </Button>
  );
}

function ResultAlert({ result }: { result: VerifyResult }) {
  const { t } = useI18n();
  if (!result.ok) {
    let detail: ReactNode = result.detail;
    if (result.reason === "mismatch") {
      detail = (
        <>
          <span>{t("ledger.servedEntry")}</span>
          <code className="verify-result__served">{result.detail}</code>
        </>
      );
    } else if (result.reason !== "unavailable") {
      // The proof code's messages are English; say so to screen readers.
      detail = (
        <>
          {t("ledger.technicalDetail")}
          <span lang="en">{result.detail}</span>
        </>
      );
    }
    return (
      <Alert
        type="error"
        showIcon
        className="verify-alert"
        title={t(FAILURE_KEY[result.reason])}
        description={<span className="verify-result__detail">{detail}</span>}
      />
    );
  }
  return (
    <Alert
      type="success"
      showIcon
      className="verify-alert verify-alert--ok"
      title={t("ledger.verified")}
      description={
        <>
          <dl className="verify-facts">
            <div>
              <dt className="visually-hidden">{t("ledgerEntry.index")}</dt>
              <dd>
                {t("ledger.indexValue", { index: result.index })} ·{" "}
                <span data-testid="verify-tree-size">
                  {t("ledger.verifiedTree", { size: result.treeSize })}
                </span>
              </dd>
            </div>
            <div>
              <dt>{t("ledger.verifiedRoot")}</dt>
              <dd className="code" data-testid="verify-root">
                {result.root}
              </dd>
            </div>
            <div>
              <dt>{t("ledger.verifiedKey")}</dt>
              <dd className="code">{result.key}</dd>
            </div>
          </dl>
          <p className="verify-facts__note">{t("ledger.verifiedLocal")}</p>
        </>
      }
    />
  );
}

/** Where the outcome of a check appears (and is announced). */
export function VerifyOutcome({ verification }: { verification: Verification }) {
  const { result } = verification;
  return (
    <div
      className="verify__result"
      aria-live="polite"
      data-testid="verify-result"
      data-status={result ? (result.ok ? "verified" : "failed") : "idle"}
    >
      {result ? <ResultAlert result={result} /> : null}
    </div>
  );
}
