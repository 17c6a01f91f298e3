import { SafetyCertificateOutlined } from "@ant-design/icons";
import { Alert, Card, Result, Skeleton } from "antd";
import { type ReactNode, useEffect, useState } from "react";
import { Link, useLocation, useParams } from "react-router-dom";
import { CERTIFICATE_KEYS_PATH } from "../../../shared/certificates/links.js";
import { ApiError, api } from "../shared/api";
import type { CertificateDocument, CertificateItem, PublicCertificate } from "../shared/api-types";
import { CertificateSheet, factsOf } from "../shared/certificates/CertificateSheet";
import { shortKeyId, VERIFY_REASON_KEY } from "../shared/certificates/labels";
import { PageHeading } from "../shared/components/PageHeading";
import { ProblemAlert } from "../shared/components/ProblemAlert";
import { useI18n } from "../shared/I18nProvider";
import { PublicShell } from "../shared/layout/PublicShell";
import { useApi } from "../shared/useApi";
import { type StepState, VerifySteps } from "./VerifySteps";
import {
  checkCertificate,
  codeMatches,
  fetchPublishedKeys,
  parseKeySet,
  type SignatureCheck,
} from "./verify-offline";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CODE = /^[A-Za-z0-9_-]{22}$/;

type StepKey = "document" | "code" | "keys" | "signature";
type Steps = Record<StepKey, StepState>;

interface OfflineState {
  steps: Steps;
  check: SignatureCheck | null;
  /** Set when the check could not be made: the QR code fits no certificate, or the network failed. */
  failure: "code" | "network" | null;
  document: CertificateDocument | null;
}

const START: Steps = { document: "running", code: "pending", keys: "pending", signature: "pending" };

/**
 * With the QR link's code: fetch the signed document and the published keys, then check the digest
 * and the signature here in the browser.
 */
function useOfflineCheck(id: string | null, code: string | null): OfflineState | null {
  const [state, setState] = useState<OfflineState | null>(null);
  useEffect(() => {
    if (!id || !code) {
      setState(null);
      return;
    }
    const controller = new AbortController();
    const { signal } = controller;
    setState({ steps: START, check: null, failure: null, document: null });
    (async () => {
      let item: CertificateItem;
      try {
        item = await api<CertificateItem>(`/api/certificates/${id}/document`, {
          method: "POST",
          body: { code },
          signal,
        });
      } catch (error) {
        if (!signal.aborted) {
          const failure = error instanceof ApiError && error.status === 404 ? "code" : "network";
          setState({ steps: { ...START, document: "failed" }, check: null, failure, document: null });
        }
        return;
      }
      let keys: unknown;
      try {
        keys = await fetchPublishedKeys(signal);
      } catch {
        if (!signal.aborted) {
          setState({
            steps: { document: "ok", code: "pending", keys: "failed", signature: "pending" },
            check: null,
            failure: "network",
            document: null,
          });
        }
        return;
      }
      const check = checkCertificate(item.document, parseKeySet(keys));
      const codeOk = check.document !== null && codeMatches(check.document, code);
      setState({
        steps: {
          document: "ok",
          code: codeOk ? "ok" : "failed",
          keys: "ok",
          signature: check.valid ? "ok" : "failed",
        },
        check,
        failure: null,
        document: check.valid && codeOk ? check.document : null,
      });
    })();
    return () => controller.abort();
  }, [id, code]);
  return state;
}

function StatusBanner({ view }: { view: PublicCertificate }) {
  const { t, pick, dateTime } = useI18n();
  const issuer = pick(view.issuer.name, view.issuer.nameEn);
  const banner = {
    valid: { type: "success", title: t("verify.statusValid"), text: t("verify.statusValidHint", { issuer }) },
    revoked: {
      type: "error",
      title: t("verify.statusRevoked"),
      text: t("verify.statusRevokedHint", { at: dateTime(view.revokedAt) }),
    },
    expired: {
      type: "warning",
      title: t("verify.statusExpired"),
      text: t("verify.statusExpiredHint", { day: view.validUntil ?? "" }),
    },
  } as const;
  const shown = banner[view.status];
  return (
    <Alert
      className="verify-banner"
      type={shown.type}
      showIcon
      title={<span data-testid="verify-status">{shown.title}</span>}
      description={shown.text}
      role="status"
    />
  );
}

function OfflineCard({ code, offline }: { code: string | null; offline: OfflineState | null }) {
  const { t } = useI18n();
  let result: ReactNode = null;
  if (!code || !offline) {
    result = (
      <p>
        {t("verify.noCode")} <Link to="/verify">{t("verify.toFilePage")}</Link>
      </p>
    );
  } else if (offline.failure === "code") {
    result = <Alert type="error" showIcon title={t("verify.codeMismatch")} />;
  } else if (offline.failure === "network") {
    result = <Alert type="error" showIcon title={t("app.networkError")} />;
  } else if (offline.check && offline.document) {
    result = (
      <Alert
        type="success"
        showIcon
        data-testid="offline-result"
        data-valid="true"
        title={t("verify.offlineOk", { kid: shortKeyId(offline.check.keyId ?? "") })}
      />
    );
  } else if (offline.check) {
    result = (
      <Alert
        type="error"
        showIcon
        data-testid="offline-result"
        data-valid="false"
        title={t("verify.offlineFailed")}
        description={
          offline.steps.code === "failed"
            ? t("verify.codeMismatch")
            : offline.check.reason
              ? t(VERIFY_REASON_KEY[offline.check.reason])
              : null
        }
      />
    );
  }
  return (
    <Card className="verify-offline" title={<h2 className="card-title">{t("verify.offlineTitle")}</h2>}>
      <p className="muted">{t("verify.offlineIntro")}</p>
      {code && offline ? (
        <VerifySteps
          steps={[
            { key: "document", label: t("verify.stepDocument"), state: offline.steps.document },
            { key: "code", label: t("verify.stepCode"), state: offline.steps.code },
            { key: "keys", label: t("verify.stepKeys"), state: offline.steps.keys },
            { key: "signature", label: t("verify.stepSignature"), state: offline.steps.signature },
          ]}
        />
      ) : null}
      {result}
      <p className="small verify-offline__keys">
        <SafetyCertificateOutlined aria-hidden="true" />{" "}
        <a href={CERTIFICATE_KEYS_PATH} target="_blank" rel="noreferrer">
          {t("verify.keysLink")}
        </a>
      </p>
    </Card>
  );
}

/**
 * /verify/:id — where a certificate's QR code leads: the masked certificate and its status from the
 * registry, and (with the code after the #) the signature checked in the reader's browser.
 */
export function VerifyCertificatePage() {
  const { t } = useI18n();
  const { id = "" } = useParams();
  const { hash } = useLocation();
  const known = UUID.test(id);
  const code = CODE.test(hash.slice(1)) ? hash.slice(1) : null;
  const view = useApi<PublicCertificate>(known ? `/api/certificates/${id}/public` : null);
  const offline = useOfflineCheck(known ? id : null, code);
  const missing = !known || (view.error && [400, 404].includes(view.error.status));

  let body: ReactNode;
  if (missing) {
    body = (
      <Result
        status="warning"
        title={<h2 className="result-title">{t("verify.notFound")}</h2>}
        subTitle={t("verify.notFoundHint")}
        extra={<Link to="/verify">{t("verify.toFilePage")}</Link>}
      />
    );
  } else if (view.error) {
    body = <ProblemAlert error={view.error} onRetry={view.reload} />;
  } else if (!view.data) {
    body = (
      <div role="status" aria-live="polite">
        <span className="visually-hidden">{t("app.loading")}</span>
        <Skeleton active paragraph={{ rows: 8 }} />
      </div>
    );
  } else {
    body = (
      <>
        <StatusBanner view={view.data} />
        <div className="verify-layout">
          <CertificateSheet
            facts={{ ...factsOf(view.data), holder: view.data.holder }}
            claims={offline?.document?.claims ?? null}
            status={view.data.status}
            revokedAt={view.data.revokedAt}
            footer={<p className="muted small certificate-sheet__note">{t("verify.masked")}</p>}
          />
          <OfflineCard code={code} offline={offline} />
        </div>
      </>
    );
  }

  return (
    <PublicShell>
      <PageHeading title={t("verify.title")} intro={t("verify.intro")} />
      {body}
    </PublicShell>
  );
}
