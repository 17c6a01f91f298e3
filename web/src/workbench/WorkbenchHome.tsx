import {
  ApartmentOutlined,
  AuditOutlined,
  DatabaseOutlined,
  FileProtectOutlined,
  InboxOutlined,
  LikeOutlined,
  PhoneOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  SwapOutlined,
  TeamOutlined,
} from "@ant-design/icons";
import { Alert, Tag } from "antd";
import type { RequestsWorkspace } from "../../../shared/requests/types";
import { useMe } from "../shared/AuthProvider";
import { FeatureCard } from "../shared/components/FeatureCard";
import { PageHeading } from "../shared/components/PageHeading";
import { useI18n } from "../shared/I18nProvider";
import { ROLE_COLOUR, roleLabel } from "../shared/roles";
import { useApi } from "../shared/useApi";

/** The officers' home: their departments and the queues to come. */
export function WorkbenchHome() {
  const me = useMe();
  const { t, pick } = useI18n();
  const workspace = useApi<RequestsWorkspace>(
    me.roles.includes("officer") ? "/api/requests/workspace" : null,
  );

  return (
    <>
      <PageHeading
        title={t("workbench.title")}
        intro={t("workbench.intro", { name: me.displayName })}
        extra={me.roles.map((role) => (
          <Tag key={role} color={ROLE_COLOUR[role]}>
            {t(roleLabel(role))}
          </Tag>
        ))}
      />

      <section aria-labelledby="departments-title">
        <h2 className="section-title" id="departments-title">
          {t("workbench.departments")}
        </h2>
        {me.departments.length === 0 ? (
          <Alert type="info" showIcon title={t("workbench.noDepartments")} />
        ) : (
          <ul className="department-list" data-testid="my-departments">
            {me.departments.map((department) => (
              <li key={department.id} className="department-item">
                <ApartmentOutlined className="department-item__icon" aria-hidden="true" />
                <div>
                  <p className="department-item__name">{pick(department.name, department.nameEn)}</p>
                  <p className="department-item__meta">
                    {department.divisionName} · <span className="code">{department.code}</span>
                  </p>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      {me.roles.includes("legal_reviewer") || me.roles.includes("dept_admin") ? (
        <>
          <h2 className="section-title">{t("workbench.rightsSection")}</h2>
          <div className="card-grid">
            {me.roles.includes("legal_reviewer") ? (
              <FeatureCard
                to="/workbench/rights-review"
                icon={<FileProtectOutlined />}
                title={t("review.title")}
                description={t("review.card")}
                testId="rights-review-card"
              />
            ) : null}
            {me.roles.includes("dept_admin") ? (
              <FeatureCard
                to="/workbench/rights"
                icon={<ProfileOutlined />}
                title={t("deptRights.title")}
                description={t("deptRights.card")}
                testId="dept-rights-card"
              />
            ) : null}
            <FeatureCard
              to="/workbench/who-may-read"
              icon={<SafetyCertificateOutlined />}
              title={t("access.title")}
              description={t("access.card")}
              testId="who-may-read-card"
            />
          </div>
        </>
      ) : null}

      {me.roles.includes("officer") || me.roles.includes("dept_admin") ? (
        <>
          <h2 className="section-title">{t("requests.queue.title")}</h2>
          <div className="card-grid">
            <FeatureCard
              to="/workbench/requests"
              icon={<AuditOutlined />}
              title={t("requests.queue.title")}
              description={t("requests.queue.card")}
              testId="request-queue-card"
            />
            {workspace.data?.centre ? (
              <FeatureCard
                to="/workbench/hotline"
                icon={<PhoneOutlined />}
                title={t("requests.hotline.title")}
                description={t("requests.hotline.card")}
                testId="hotline-card"
              />
            ) : null}
          </div>
        </>
      ) : null}

      {me.roles.includes("officer") || me.roles.includes("dept_admin") ? (
        <>
          <h2 className="section-title">{t("workbench.exchangeSection")}</h2>
          <div className="card-grid">
            <FeatureCard
              to="/workbench/agreements"
              icon={<SwapOutlined />}
              title={t("agreements.title")}
              description={t(me.roles.includes("dept_admin") ? "agreements.card" : "agreements.cardReadOnly")}
              testId="agreements-card"
            />
            <FeatureCard
              to="/data/catalogue"
              icon={<DatabaseOutlined />}
              title={t("catalogue.title")}
              description={t("catalogue.card")}
              testId="catalogue-card"
            />
          </div>
        </>
      ) : null}

      {me.roles.includes("officer") ? (
        <>
          <h2 className="section-title">{t("workbench.applicationsSection")}</h2>
          <div className="card-grid">
            <FeatureCard
              to="/workbench/queue"
              icon={<InboxOutlined />}
              title={t("workbench.applicationQueue")}
              description={t("workbench.applicationQueueCard")}
              testId="application-queue-card"
            />
          </div>
        </>
      ) : null}

      {me.roles.includes("helper") ? (
        <>
          <h2 className="section-title">{t("assist.title")}</h2>
          <div className="card-grid">
            <FeatureCard
              to="/workbench/assist"
              icon={<TeamOutlined />}
              title={t("assist.title")}
              description={t("assist.card")}
              testId="assist-card"
            />
          </div>
        </>
      ) : null}

      {me.roles.includes("officer") || me.roles.includes("dept_admin") ? (
        <>
          <h2 className="section-title">{t("nav.performance")}</h2>
          <div className="card-grid">
            <FeatureCard
              to="/workbench/rectifications"
              icon={<LikeOutlined />}
              title={t("rect.title")}
              description={t("rect.intro")}
              testId="rectifications-card"
            />
          </div>
        </>
      ) : null}
    </>
  );
}
