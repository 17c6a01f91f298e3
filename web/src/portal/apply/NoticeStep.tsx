import { CloudDownloadOutlined } from "@ant-design/icons";
import { Tag } from "antd";
import type { ReactNode } from "react";
import { daysKey } from "../../shared/applications/labels";
import type { ServiceItem } from "../../shared/applications/types";
import { useI18n } from "../../shared/I18nProvider";
import { type ServiceInfo, serviceMaterials } from "./useServiceInfo";

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="power-card__row">
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

/** 办事须知: what the service needs, which materials the platform obtains itself, time limits and visits. */
export function NoticeStep({
  info,
  departmentName,
  footer,
}: {
  info: ServiceInfo;
  departmentName: (code: string) => string;
  /** The start (or resume) buttons. */
  footer: ReactNode;
}) {
  const { t, pick } = useI18n();
  const items: ServiceItem[] = info.kind === "item" ? [info.item] : info.items;
  const materials = serviceMaterials(info);
  const visits = Math.max(...items.map((i) => i.visits));
  const promisedDays = info.kind === "item" ? info.item.promisedDays : info.bundle.promisedDays;
  const statutoryDays = Math.max(...items.map((i) => i.statutoryDays));
  const fee = items.reduce((sum, i) => sum + i.fee.amount, 0);
  const summary =
    info.kind === "item"
      ? pick(info.item.summary, info.item.summaryEn)
      : pick(info.bundle.summary, info.bundle.summaryEn);
  const conditions = [...new Set(items.flatMap((i) => i.conditions))];
  const legalBasis = items.flatMap((i) =>
    i.legalBasis.map((b) => `${b.law.startsWith("《") ? b.law : `《${b.law}》`}${b.article}`),
  );

  return (
    <div className="notice" data-testid="apply-notice">
      {summary ? <p className="notice__summary">{summary}</p> : null}
      <dl className="power-card__fields notice__facts">
        <Fact label={t("apps.notice.department")}>
          {info.kind === "item"
            ? departmentName(info.item.department)
            : t("apps.notice.lead", { department: departmentName(info.bundle.leadDepartment) })}
        </Fact>
        <Fact label={t("apps.notice.promised")} testId="notice-promised">
          {t(daysKey(promisedDays), { n: promisedDays })}
          <span className="use-card__meta">{t("apps.notice.statutory", { n: statutoryDays })}</span>
        </Fact>
        <Fact label={t("apps.notice.visits")}>
          {visits === 0 ? t("apps.notice.visits0") : t("apps.notice.visits1")}
        </Fact>
        <Fact label={t("apps.notice.fee")}>
          {fee === 0 ? t("apps.notice.free") : t("apps.notice.feeAmount", { amount: fee })}
        </Fact>
      </dl>

      {info.kind === "bundle" ? (
        <section aria-labelledby="notice-items" className="notice__section">
          <h3 id="notice-items" className="notice__title">
            {t("apps.notice.items", { n: items.length })}
          </h3>
          <p className="muted small">{t("apps.notice.itemsHint")}</p>
          <ol className="notice__items">
            {info.items.map((item) => (
              <li key={item.code}>
                <strong>{pick(item.name, item.nameEn)}</strong>
                <span className="muted small">
                  {" "}
                  · {departmentName(item.department)} ·{" "}
                  {t(daysKey(item.promisedDays), { n: item.promisedDays })}
                </span>
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      {conditions.length > 0 ? (
        <section aria-labelledby="notice-conditions" className="notice__section">
          <h3 id="notice-conditions" className="notice__title">
            {t("apps.notice.conditions")}
          </h3>
          <ul className="notice__list">
            {conditions.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="notice-materials" className="notice__section">
        <h3 id="notice-materials" className="notice__title">
          {t("apps.notice.materials")}
        </h3>
        {materials.length === 0 ? (
          <p className="muted">{t("apps.noMaterials")}</p>
        ) : (
          <ul className="notice__materials" data-testid="notice-materials">
            {materials.map((m) => (
              <li key={m.id} data-material={m.id}>
                <span className="notice__material-name">
                  {pick(m.name, m.nameEn)}
                  {m.required ? null : <span className="muted small"> ({t("apps.optional")})</span>}
                </span>
                {m.obtainedVia ? (
                  <Tag
                    className="x-tag x-tag--ok notice__obtained"
                    icon={<CloudDownloadOutlined aria-hidden="true" />}
                    data-testid="material-obtained-tag"
                  >
                    {t("apps.notice.obtained")}
                  </Tag>
                ) : null}
                {m.note ? <span className="notice__note muted small">{m.note}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {legalBasis.length > 0 ? (
        <section aria-labelledby="notice-basis" className="notice__section">
          <h3 id="notice-basis" className="notice__title">
            {t("apps.notice.basis")}
          </h3>
          <ul className="notice__list notice__list--small">
            {[...new Set(legalBasis)].map((b) => (
              <li key={b}>{b}</li>
            ))}
            {info.kind === "bundle"
              ? info.bundle.basis.map((b) => (
                  <li key={b.reference}>
                    {b.title} {b.reference}
                  </li>
                ))
              : null}
          </ul>
        </section>
      ) : null}
      <div className="apply-actions">{footer}</div>
    </div>
  );
}
