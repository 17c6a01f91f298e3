import {
  AppstoreOutlined,
  CommentOutlined,
  EyeOutlined,
  FileDoneOutlined,
  IdcardOutlined,
  SafetyCertificateOutlined,
  SafetyOutlined,
} from "@ant-design/icons";
import { Alert, Card, Descriptions, Tag } from "antd";
import { useMe } from "../shared/AuthProvider";
import { FeatureCard } from "../shared/components/FeatureCard";
import { useI18n } from "../shared/I18nProvider";
import { ROLE_COLOUR, roleLabel } from "../shared/roles";
import { useDocumentTitle } from "../shared/useDocumentTitle";

/** The citizen and enterprise home: the one-door promise, who used their data, what's coming, and the profile. */
export function PortalHome() {
  const me = useMe();
  const { t } = useI18n();
  useDocumentTitle(t("portal.title"));
  const name = me.person?.name ?? me.organisation?.name ?? me.displayName;

  return (
    <>
      <section className="hero" aria-labelledby="portal-title">
        <p className="hero__eyebrow">{t("portal.welcome", { name })}</p>
        <h1 id="portal-title" className="hero__title">
          {t("portal.promiseTitle")}
        </h1>
        <p className="hero__text">{t("portal.promiseBody")}</p>
      </section>

      <div className="portal-grid">
        <div className="portal-grid__services">
          <h2 className="section-title">{t("portal.sectionsTitle")}</h2>
          <div className="card-grid">
            <FeatureCard
              to="/portal/data-use"
              icon={<EyeOutlined />}
              title={t("portal.dataUse")}
              description={t("portal.dataUseCard")}
              testId="data-use-card"
            />
            <FeatureCard
              to="/portal/consents"
              icon={<SafetyOutlined />}
              title={t("portal.consents")}
              description={t("portal.consentsCard")}
              testId="consents-card"
            />
            <FeatureCard
              to="/portal/certificates"
              icon={<IdcardOutlined />}
              title={t("portal.certificates")}
              description={t("portal.certificatesCard")}
              testId="certificates-card"
            />
            <FeatureCard
              to="/services"
              icon={<AppstoreOutlined />}
              title={t("portal.services")}
              description={t("portal.servicesCard")}
              testId="services-card"
            />
            <FeatureCard
              to="/portal/applications"
              icon={<FileDoneOutlined />}
              title={t("portal.applications")}
              description={t("portal.applicationsCard")}
              testId="applications-card"
            />
            <FeatureCard
              to="/portal/requests"
              icon={<CommentOutlined />}
              title={t("requests.title")}
              description={t("requests.card")}
              testId="requests-card"
            />
          </div>
        </div>

        <section className="portal-grid__profile" aria-labelledby="profile-title">
          <h2 className="section-title" id="profile-title">
            {t("portal.profile")}
          </h2>
          <Card className="profile-card" data-testid="profile-card">
            {me.person ? (
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t("portal.name")}>
                  <strong data-testid="person-name">{me.person.name}</strong>
                </Descriptions.Item>
                <Descriptions.Item label={t("portal.idNumber")}>
                  <span className="mono">{me.person.idNumberMasked}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t("portal.mobile")}>
                  <span className="mono">{me.person.mobileMasked}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t("portal.username")}>{me.username}</Descriptions.Item>
              </Descriptions>
            ) : (
              <>
                <Alert type="info" showIcon title={t("portal.noPerson")} style={{ marginBottom: 12 }} />
                <Descriptions column={1} size="small">
                  <Descriptions.Item label={t("portal.name")}>{me.displayName}</Descriptions.Item>
                  <Descriptions.Item label={t("portal.username")}>{me.username}</Descriptions.Item>
                </Descriptions>
              </>
            )}
            {me.organisation ? (
              <Descriptions column={1} size="small" style={{ marginTop: 12 }}>
                <Descriptions.Item label={t("portal.organisation")}>{me.organisation.name}</Descriptions.Item>
                <Descriptions.Item label={t("portal.creditCode")}>
                  <span className="mono">{me.organisation.creditCode}</span>
                </Descriptions.Item>
              </Descriptions>
            ) : null}
            <div style={{ marginTop: 8 }}>
              {me.roles.map((role) => (
                <Tag key={role} color={ROLE_COLOUR[role]}>
                  {t(roleLabel(role))}
                </Tag>
              ))}
            </div>
            <p className="muted small" style={{ margin: "12px 0 0" }}>
              <SafetyCertificateOutlined aria-hidden="true" /> {t("portal.privacy")}
            </p>
          </Card>
        </section>
      </div>
    </>
  );
}
