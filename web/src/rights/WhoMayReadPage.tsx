import { CheckCircleFilled, CloseCircleFilled, StopOutlined } from "@ant-design/icons";
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Empty,
  Form,
  Input,
  InputNumber,
  Result,
  Select,
  Skeleton,
  Tag,
} from "antd";
import { useState } from "react";
import { ApiError, api, withQuery } from "../shared/api";
import type { PolicyExplanation, PolicyReason, Role, WhoMayRead } from "../shared/api-types";
import { ROLES } from "../shared/api-types";
import { PageHeading } from "../shared/components/PageHeading";
import { ProblemAlert } from "../shared/components/ProblemAlert";
import { SubPageTrail } from "../shared/components/SubPageTrail";
import { useCatalogue } from "../shared/exchange/useCatalogue";
import { useI18n } from "../shared/I18nProvider";
import type { MessageKey } from "../shared/i18n";
import { roleLabel } from "../shared/roles";
import { useApi } from "../shared/useApi";
import { useDepartmentsByCode } from "./useDepartmentsByCode";

const SHARING_KEY: Record<WhoMayRead["resource"]["sharingClass"], MessageKey> = {
  unconditional: "access.sharing.unconditional",
  conditional: "access.sharing.conditional",
  none: "access.sharing.none",
};

const REASON_KEY: Record<PolicyExplanation["decision"]["reason"], MessageKey> = {
  permitted: "access.reason.permitted",
  forbidden: "access.reason.forbidden",
  "no-permit": "access.reason.noPermit",
  "evaluation-error": "access.reason.error",
};

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The powers or rules behind an answer, each with its legal basis. */
function Reasons({ because }: { because: PolicyReason[] }) {
  const { pick } = useI18n();
  return (
    <ul className="reason-list">
      {because.map((reason) => (
        <li key={reason.policy} className={`reason-list__item reason-list__item--${reason.kind}`}>
          <span className="reason-list__title">{pick(reason.title, reason.titleEn)}</span>
          {reason.legalBasis.length > 0 ? (
            <span className="reason-list__basis" lang="zh-CN">
              {reason.legalBasis.join("；")}
            </span>
          ) : null}
          <span className="code muted small">{reason.policy}</span>
        </li>
      ))}
    </ul>
  );
}

interface Simulation {
  roles: string[];
  departments: string[];
  resource: string;
  purpose: string;
  viaExchange: boolean;
  relatedToSubject: boolean;
  readsToday?: number | null;
}

/** "Why refused?": decides a read as the decision point would, and shows why. */
function WhyRefused() {
  const { t, pick } = useI18n();
  const catalogue = useCatalogue();
  const departments = useDepartmentsByCode();
  const [form] = Form.useForm<Simulation>();
  const [result, setResult] = useState<PolicyExplanation>();
  const [failure, setFailure] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  const onFinish = async (values: Simulation) => {
    setBusy(true);
    setFailure(undefined);
    try {
      setResult(
        await api<PolicyExplanation>("/api/policy/explain", {
          method: "POST",
          body: {
            roles: values.roles,
            departments: values.departments,
            resource: values.resource,
            purpose: values.purpose.trim(),
            viaExchange: values.viaExchange,
            relatedToSubject: values.relatedToSubject,
            ...(typeof values.readsToday === "number" ? { readsToday: values.readsToday } : {}),
          },
        }),
      );
    } catch (error) {
      if (!(error instanceof ApiError)) {
        throw error;
      }
      setResult(undefined);
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="why-title" className="explain-grid">
      <Card
        title={
          <h2 className="card-heading" id="why-title">
            {t("access.whyTitle")}
          </h2>
        }
      >
        <p className="muted">{t("access.whyIntro")}</p>
        <Form<Simulation>
          form={form}
          name="explain"
          layout="vertical"
          initialValues={{
            roles: ["officer"],
            departments: ["HZ-GA"],
            resource: "health-records",
            purpose: "",
            viaExchange: true,
            relatedToSubject: false,
          }}
          onFinish={(values) => void onFinish(values)}
        >
          <Form.Item name="roles" label={t("access.roles")} rules={[{ required: true }]}>
            <Select
              mode="multiple"
              options={ROLES.filter((role) => role !== "system").map((role) => ({
                value: role,
                label: t(roleLabel(role)),
              }))}
            />
          </Form.Item>
          <Form.Item name="departments" label={t("access.departments")}>
            <Select mode="multiple" options={departments.options} />
          </Form.Item>
          <Form.Item name="resource" label={t("access.resource")} rules={[{ required: true }]}>
            <Select
              options={catalogue.resources.map((r) => ({ value: r.id, label: pick(r.name, r.nameEn) }))}
            />
          </Form.Item>
          <Form.Item
            name="purpose"
            label={t("access.purpose")}
            rules={[{ required: true, whitespace: true, message: t("deptRights.required") }]}
          >
            <Input placeholder={t("access.purposePlaceholder")} />
          </Form.Item>
          <Form.Item name="viaExchange" valuePropName="checked" className="compact-item">
            <Checkbox>{t("access.viaExchange")}</Checkbox>
          </Form.Item>
          <Form.Item name="relatedToSubject" valuePropName="checked" className="compact-item">
            <Checkbox>{t("access.related")}</Checkbox>
          </Form.Item>
          <Form.Item name="readsToday" label={t("access.readsToday")}>
            <InputNumber min={0} style={{ width: "100%" }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t("access.decide")}
          </Button>
        </Form>
      </Card>
      <div aria-live="polite" data-testid="explain-result">
        {failure ? <ProblemAlert error={failure} /> : null}
        {result ? (
          <Card>
            <Result
              className="explain-result"
              status={result.decision.allow ? "success" : "error"}
              icon={result.decision.allow ? <CheckCircleFilled /> : <CloseCircleFilled />}
              title={
                <h3 className="result-title">
                  {t(result.decision.allow ? "access.allowed" : "access.refused")}
                </h3>
              }
              subTitle={t(REASON_KEY[result.decision.reason])}
            />
            {result.because.length > 0 ? (
              <>
                <h4 className="card-heading">{t("access.because")}</h4>
                <Reasons because={result.because} />
              </>
            ) : null}
          </Card>
        ) : !failure ? (
          <Card>
            <Empty description={t("access.whyEmpty")} />
          </Card>
        ) : null}
      </div>
    </section>
  );
}

/** Who may read a data resource for a purpose, on which powers, and which negative rules still apply. */
export function WhoMayReadPage({ section, sectionTo }: { section: string; sectionTo: string }) {
  const { t, pick } = useI18n();
  const catalogue = useCatalogue();
  const departments = useDepartmentsByCode();
  const [resource, setResource] = useState("household-register");
  const [purpose, setPurpose] = useState("");
  const [asked, setAsked] = useState({ resource: "household-register", purpose: "" });
  const answer = useApi<WhoMayRead>(
    withQuery("/api/policy/who-may-read", { resource: asked.resource, purpose: asked.purpose }),
  );
  const data = answer.data;

  return (
    <>
      <SubPageTrail section={section} sectionTo={sectionTo} page={t("access.title")} />
      <PageHeading title={t("access.title")} intro={t("access.intro")} />
      <Card className="block-gap">
        <form
          className="toolbar rights-toolbar access-toolbar"
          onSubmit={(event) => {
            event.preventDefault();
            setAsked({ resource, purpose: purpose.trim() });
          }}
        >
          <Select
            className="toolbar__select"
            aria-label={t("access.resource")}
            value={resource}
            onChange={setResource}
            options={catalogue.resources.map((r) => ({ value: r.id, label: pick(r.name, r.nameEn) }))}
          />
          <Input
            className="rights-search"
            aria-label={t("access.purpose")}
            placeholder={t("access.purposePlaceholder")}
            value={purpose}
            onChange={(event) => setPurpose(event.target.value)}
          />
          <Button type="primary" htmlType="submit">
            {t("access.ask")}
          </Button>
        </form>
      </Card>
      {answer.error ? <ProblemAlert error={answer.error} onRetry={answer.reload} /> : null}
      {!data && answer.loading ? <Skeleton active /> : null}
      {data ? (
        <div data-testid="who-may-read">
          <p className="access-facts">
            <strong>{catalogue.name(data.resource.id)}</strong>
            <Tag color={data.resource.sharingClass === "none" ? "red" : "blue"}>
              {t(SHARING_KEY[data.resource.sharingClass])}
            </Tag>
            <span className="muted">
              {t("access.owner", { owner: departments.name(data.resource.owner) })}
            </span>
            {data.resource.purposes.length > 0 ? (
              <span className="muted">
                {t("access.listedPurposes", { purposes: data.resource.purposes.join("、") })}
              </span>
            ) : null}
          </p>
          <h2 className="section-title">{t("access.allowedTitle", { count: data.allowed.length })}</h2>
          {data.allowed.length === 0 ? (
            <Alert type="warning" showIcon title={t("access.nobody")} />
          ) : (
            <div className="power-grid">
              {data.allowed.map((entry) => (
                <article key={`${entry.department}:${entry.role}`} className="power-card">
                  <h3 className="power-card__title">
                    {departments.name(entry.department)} ·{" "}
                    {isRole(entry.role) ? t(roleLabel(entry.role)) : entry.role}
                  </h3>
                  <Reasons because={entry.because} />
                </article>
              ))}
            </div>
          )}
          <h2 className="section-title">{t("access.limitsTitle")}</h2>
          <ul className="limit-list">
            {data.limits.map((limit) => (
              <li key={limit.policy}>
                <StopOutlined aria-hidden="true" /> {pick(limit.title, limit.titleEn)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <WhyRefused />
    </>
  );
}
