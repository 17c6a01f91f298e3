import {
  CarOutlined,
  CheckCircleOutlined,
  CoffeeOutlined,
  HeartOutlined,
  HomeOutlined,
  MedicineBoxOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  ShopOutlined,
  SmileOutlined,
  SolutionOutlined,
} from "@ant-design/icons";
import { Button, type ButtonProps, Tag } from "antd";
import type { ReactNode } from "react";
import { Link, useNavigate } from "react-router-dom";
import { LEVEL_KEY } from "../rights/labels";
import type { PowerLevel } from "../shared/api-types";
import { useCatalogue } from "../shared/exchange/useCatalogue";
import { useI18n } from "../shared/I18nProvider";
import type { MessageKey } from "../shared/i18n";
import {
  type BundleMaterial,
  type Channel,
  type LifeEvent,
  type PrefillRule,
  type ServiceForm,
  type ServiceItem,
  type ServiceMaterial,
  type ServiceStep,
  STEP_LABELS,
} from "../shared/services-api";

export const LIFE_EVENT_ICON: Record<LifeEvent, ReactNode> = {
  birth: <SmileOutlined aria-hidden="true" />,
  education: <ReadOutlined aria-hidden="true" />,
  employment: <SolutionOutlined aria-hidden="true" />,
  marriage: <HeartOutlined aria-hidden="true" />,
  housing: <HomeOutlined aria-hidden="true" />,
  business: <ShopOutlined aria-hidden="true" />,
  retirement: <CoffeeOutlined aria-hidden="true" />,
  health: <MedicineBoxOutlined aria-hidden="true" />,
  "social-security": <SafetyCertificateOutlined aria-hidden="true" />,
  travel: <CarOutlined aria-hidden="true" />,
};

export const CHANNEL_KEY: Record<Channel, MessageKey> = {
  online: "services.channel.online",
  mobile: "services.channel.mobile",
  window: "services.channel.window",
  "self-service": "services.channel.self-service",
};

/** A link that looks like a button (navigation is a link: it can be opened in a new tab). */
export function LinkButton({ to, children, ...props }: { to: string; children: ReactNode } & ButtonProps) {
  const navigate = useNavigate();
  return (
    <Button
      {...props}
      href={to}
      onClick={(event) => {
        if (!event.metaKey && !event.ctrlKey && !event.shiftKey) {
          event.preventDefault();
          navigate(to);
        }
      }}
    >
      {children}
    </Button>
  );
}

/** 在线办理: the application page of the portal (signing in first when needed). */
export function ApplyButton({
  code,
  name,
  size,
}: {
  code: string;
  name: string;
  size?: ButtonProps["size"];
}) {
  const { t } = useI18n();
  return (
    <LinkButton
      to={`/portal/apply/${encodeURIComponent(code)}`}
      type="primary"
      size={size}
      aria-label={t("services.applyLabel", { name })}
      data-testid="apply-online"
    >
      {t("services.apply")}
    </LinkButton>
  );
}

export function VisitsTag({ visits }: { visits: 0 | 1 }) {
  const { t } = useI18n();
  return visits === 0 ? (
    <Tag className="good-tag">{t("services.visits0")}</Tag>
  ) : (
    <Tag color="blue">{t("services.visits1")}</Tag>
  );
}

/** "即办" or "承诺 n 个工作日". */
export function usePromised(): (days: number) => string {
  const { t } = useI18n();
  return (days) => (days === 0 ? t("services.immediate") : t("services.promisedShort", { n: days }));
}

export function useFee(): (fee: ServiceItem["fee"]) => string {
  const { t } = useI18n();
  return (fee) => (fee.amount === 0 ? t("services.free") : t("services.feeAmount", { amount: fee.amount }));
}

/** A labelled fact of a guide (dt/dd in a grid). */
export function Fact({
  label,
  children,
  testId,
  wide,
}: {
  label: string;
  children: ReactNode;
  testId?: string;
  /** Takes a whole row (long values). */
  wide?: boolean;
}) {
  return (
    <div
      className={wide ? "service-facts__row service-facts__row--wide" : "service-facts__row"}
      data-testid={testId}
    >
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** A section of a guide with its heading. */
export function GuideSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="service-section" aria-labelledby={id}>
      <h2 className="service-section__title" id={id}>
        {title}
      </h2>
      {children}
    </section>
  );
}

/** Materials, each marked required or not, and those the platform obtains itself marked as such. */
export function MaterialList({
  materials,
  itemName,
}: {
  materials: (ServiceMaterial | BundleMaterial)[];
  itemName?: (code: string) => string;
}) {
  const { t, pick } = useI18n();
  const catalogue = useCatalogue();
  return (
    <ul className="material-list" data-testid="materials">
      {materials.map((m) => (
        <li
          key={m.id}
          className={m.obtainedVia ? "material material--obtained" : "material"}
          data-testid="material"
          data-obtained={m.obtainedVia ? "true" : "false"}
        >
          <div className="material__head">
            <span className="material__name">{pick(m.name, m.nameEn)}</span>
            {m.required ? (
              <Tag>{t("services.required")}</Tag>
            ) : (
              <Tag color="default">{t("services.optional")}</Tag>
            )}
          </div>
          {m.obtainedVia ? (
            <p className="material__obtained">
              <CheckCircleOutlined aria-hidden="true" /> <strong>{t("services.obtained")}</strong>
              <br />
              <span className="muted small">
                {t("services.source")}
                <Link to={`/data/catalogue?resource=${encodeURIComponent(m.obtainedVia.resource)}`}>
                  {catalogue.name(m.obtainedVia.resource)}
                </Link>
                {t("services.sourceFields", {
                  fields: m.obtainedVia.fields
                    .map((f) => catalogue.fieldLabel(m.obtainedVia?.resource ?? "", f))
                    .join(t("rights.listSep")),
                })}
              </span>
            </p>
          ) : null}
          {m.note ? (
            <p className="muted small material__note" lang="zh-CN">
              {m.note}
            </p>
          ) : null}
          {"items" in m && itemName ? (
            <p className="muted small material__note">
              {t("services.usedBy", { items: m.items.map(itemName).join(t("rights.listSep")) })}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** The form's fields in order: required ones marked, pre-filled ones with their source. */
export function FormFields({ form, prefill }: { form: ServiceForm; prefill: PrefillRule[] }) {
  const { t, pick } = useI18n();
  const catalogue = useCatalogue();
  const filled = new Map(prefill.map((r) => [r.field, r]));
  return (
    <ul className="form-fields" data-testid="form-fields">
      {form.ui.order.map((name) => {
        const p = form.schema.properties[name];
        if (!p) {
          return null;
        }
        const rule = filled.get(name);
        return (
          <li key={name} data-field={name} data-prefilled={rule ? "true" : "false"}>
            <span>{pick(p.title, p.titleEn)}</span>
            {form.schema.required.includes(name) ? (
              <span className="form-fields__required">{t("services.requiredField")}</span>
            ) : null}
            {rule ? (
              <Tag
                className="fill-tag"
                title={t("services.prefilledFrom", { resource: catalogue.name(rule.resource) })}
              >
                {t("services.prefilled")}
              </Tag>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

/** 办理流程: each step with where it is handled when that is not the item's own department. */
export function StepList({
  steps,
  department,
  level,
  departmentName,
}: {
  steps: ServiceStep[];
  department: string;
  level: PowerLevel;
  departmentName: (code: string) => string;
}) {
  const { t, pick } = useI18n();
  return (
    <ol className="step-list" data-testid="steps">
      {steps.map((step, i) => {
        const where = step.department ?? department;
        return (
          // Steps may repeat a kind (审查 at two levels); their place is their identity.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <li key={i} className="step-list__step">
            <span className="step-list__kind">
              {pick(STEP_LABELS[step.kind].zh, STEP_LABELS[step.kind].en)}
            </span>
            <span className="muted small">
              {t("services.stepAt", {
                department: departmentName(where),
                level: t(LEVEL_KEY[step.level ?? level]),
              })}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
