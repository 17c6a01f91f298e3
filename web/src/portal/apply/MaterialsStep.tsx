import { Tag } from "antd";
import type { ReactNode } from "react";
import { MaterialSource } from "../../shared/applications/MaterialsList";
import type { ApplicationDetail } from "../../shared/applications/types";
import type { Catalogue } from "../../shared/exchange/useCatalogue";
import { useI18n } from "../../shared/I18nProvider";
import { MaterialUpload } from "./MaterialUpload";

/**
 * 提交材料: materials obtained through the exchange are ticked with their source; the others are
 * uploaded here (PDF, JPEG or PNG, at most 5 MB each).
 */
export function MaterialsStep({
  application,
  catalogue,
  departmentName,
  errors,
  onUploaded,
  footer,
}: {
  application: ApplicationDetail;
  catalogue: Catalogue;
  departmentName: (code: string) => string;
  /** Problems by material id, shown under the material. */
  errors: Record<string, string>;
  onUploaded: () => void;
  footer: ReactNode;
}) {
  const { t, pick } = useI18n();
  const obtained = application.materials.filter((m) => m.state?.via === "exchange");
  const toUpload = application.materials.filter((m) => m.state?.via !== "exchange");
  return (
    <div className="materials-step" data-testid="materials-step">
      {application.materials.length === 0 ? <p className="muted">{t("apps.noMaterials")}</p> : null}
      {obtained.length > 0 ? (
        <section aria-labelledby="materials-obtained" className="notice__section">
          <h3 id="materials-obtained" className="notice__title">
            {t("apps.materials.obtainedTitle", { n: obtained.length })}
          </h3>
          <ul className="material-list">
            {obtained.map((m) => (
              <li key={m.id} className="material-list__item" data-material={m.id}>
                <span className="material-list__name">{pick(m.name, m.nameEn)}</span>
                {m.state ? (
                  <MaterialSource
                    applicationId={application.id}
                    state={m.state}
                    catalogue={catalogue}
                    departmentName={departmentName}
                    linkToLedger
                  />
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {toUpload.length > 0 ? (
        <section aria-labelledby="materials-upload" className="notice__section">
          <h3 id="materials-upload" className="notice__title">
            {t("apps.materials.uploadTitle")}
          </h3>
          <ul className="material-list">
            {toUpload.map((m) => {
              const error = errors[m.id];
              const errorId = `material-error-${m.id}`;
              return (
                <li
                  key={m.id}
                  className={error ? "material-list__item material-list__item--error" : "material-list__item"}
                  data-material={m.id}
                  aria-describedby={error ? errorId : undefined}
                >
                  <div className="material-list__head">
                    <span className="material-list__name">{pick(m.name, m.nameEn)}</span>
                    {m.required ? (
                      <Tag className="x-tag x-tag--waiting">{t("apps.required")}</Tag>
                    ) : (
                      <Tag className="x-tag x-tag--off">{t("apps.optional")}</Tag>
                    )}
                  </div>
                  {m.note ? <p className="muted small material-list__note">{m.note}</p> : null}
                  {m.obtainable ? (
                    <p className="small material-list__note">{t("apps.materials.notObtained")}</p>
                  ) : null}
                  {m.state ? (
                    <MaterialSource
                      applicationId={application.id}
                      state={m.state}
                      catalogue={catalogue}
                      departmentName={departmentName}
                      linkToLedger
                    />
                  ) : null}
                  <MaterialUpload applicationId={application.id} material={m} onUploaded={onUploaded} />
                  {error ? (
                    <p id={errorId} className="field-error" role="alert">
                      {error}
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      <div className="apply-actions">{footer}</div>
    </div>
  );
}
