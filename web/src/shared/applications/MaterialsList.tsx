import { CheckCircleFilled, ExclamationCircleOutlined, PaperClipOutlined } from "@ant-design/icons";
import { Tag } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import type { Catalogue } from "../exchange/useCatalogue";
import { useI18n } from "../I18nProvider";
import { dataUseLink, formatBytes } from "./labels";
import type { ApplicationMaterial, MaterialState as State } from "./types";

/** Where to download an uploaded material (the applicant and the handling officers may). */
export function uploadUrl(applicationId: string, uploadId: string): string {
  return `/api/applications/${encodeURIComponent(applicationId)}/uploads/${encodeURIComponent(uploadId)}`;
}

/** How a material was supplied: obtained through the exchange (with its source) or uploaded (with its file). */
export function MaterialSource({
  applicationId,
  state,
  catalogue,
  departmentName,
  linkToLedger,
}: {
  applicationId: string;
  state: State;
  catalogue: Catalogue;
  departmentName: (code: string) => string;
  linkToLedger: boolean;
}) {
  const { t } = useI18n();
  if (state.via === "exchange") {
    const owner = catalogue.byId.get(state.resource)?.owner;
    return (
      <span className="material-state material-state--obtained" data-testid="material-obtained">
        <CheckCircleFilled aria-hidden="true" className="material-state__icon" />{" "}
        {t("apps.materialObtained", {
          department: departmentName(owner ?? state.department),
          resource: catalogue.name(state.resource),
        })}{" "}
        {linkToLedger ? (
          <Link to={dataUseLink([state.ledgerSeq])} className="source-tag__link">
            {t("apps.sourceProof")}
          </Link>
        ) : (
          <span className="source-tag__seq">{t("apps.ledgerSeq", { seq: state.ledgerSeq })}</span>
        )}
      </span>
    );
  }
  return (
    <span className="material-state material-state--uploaded" data-testid="material-uploaded">
      <PaperClipOutlined aria-hidden="true" className="material-state__icon" />{" "}
      <a href={uploadUrl(applicationId, state.uploadId)} download={state.filename}>
        {state.filename}
      </a>{" "}
      <span className="muted small">{formatBytes(state.size)}</span>
    </span>
  );
}

/** The application's materials, read-only: each obtained, uploaded or missing. */
export function MaterialsList({
  applicationId,
  materials,
  catalogue,
  departmentName,
  linkToLedger,
  extra,
}: {
  applicationId: string;
  materials: ApplicationMaterial[];
  catalogue: Catalogue;
  departmentName: (code: string) => string;
  linkToLedger: boolean;
  /** Something to show under a material (an upload control in a 补正). */
  extra?: (material: ApplicationMaterial) => ReactNode;
}) {
  const { t, pick } = useI18n();
  if (materials.length === 0) {
    return <p className="muted">{t("apps.noMaterials")}</p>;
  }
  return (
    <ul className="material-list" data-testid="materials-list">
      {materials.map((m) => (
        <li key={m.id} className="material-list__item" data-material={m.id}>
          <div className="material-list__head">
            <span className="material-list__name">{pick(m.name, m.nameEn)}</span>
            {m.required ? null : <Tag className="x-tag x-tag--off">{t("apps.optional")}</Tag>}
          </div>
          {m.state ? (
            <MaterialSource
              applicationId={applicationId}
              state={m.state}
              catalogue={catalogue}
              departmentName={departmentName}
              linkToLedger={linkToLedger}
            />
          ) : (
            <span className={m.required ? "material-state material-state--missing" : "muted small"}>
              {m.required ? (
                <ExclamationCircleOutlined aria-hidden="true" className="material-state__icon" />
              ) : null}
              {t(m.required ? "apps.materialMissing" : "apps.materialNone")}
            </span>
          )}
          {extra?.(m)}
        </li>
      ))}
    </ul>
  );
}
