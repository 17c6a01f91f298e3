import { PlusOutlined, ReloadOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Empty, Skeleton, Tabs } from "antd";
import { type ReactNode, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { useDepartmentsByCode } from "../../rights/useDepartmentsByCode";
import { useMe } from "../../shared/AuthProvider";
import type { Agreement, ItemList } from "../../shared/api-types";
import { PageHeading } from "../../shared/components/PageHeading";
import { ProblemAlert } from "../../shared/components/ProblemAlert";
import { SubPageTrail } from "../../shared/components/SubPageTrail";
import { daysUntil, formatDay } from "../../shared/exchange/labels";
import { useCatalogue } from "../../shared/exchange/useCatalogue";
import { useI18n } from "../../shared/I18nProvider";
import { SECTION_LABEL } from "../../shared/roles";
import { useApi } from "../../shared/useApi";
import { type AgreementAction, AgreementCard } from "./AgreementCard";
import { ApplyModal } from "./ApplyModal";
import { ReviewModal } from "./ReviewModal";
import { SuspendModal } from "./SuspendModal";

type Tab = "consumer" | "owner" | "all";
type Dialog = { kind: "apply" } | { kind: AgreementAction; agreement: Agreement } | null;

/**
 * 共享协议: a department's agreements as consumer and as owner. Department admins apply, review,
 * suspend and resume; officers, leaders and auditors read.
 */
export function AgreementsPage({ section }: { section: "workbench" | "oversight" | "cockpit" }) {
  const me = useMe();
  const { t, pick, locale } = useI18n();
  const departments = useDepartmentsByCode();
  const catalogue = useCatalogue();
  const list = useApi<ItemList<Agreement>>("/api/exchange/agreements");
  const expiring = useApi<ItemList<Agreement>>("/api/exchange/agreements?expiringWithinDays=30");
  const [params, setParams] = useSearchParams();
  const [dialog, setDialog] = useState<Dialog>(null);

  const mine = useMemo(() => me.departments.map((d) => d.code), [me.departments]);
  const admin = me.roles.includes("dept_admin");
  const tabs: Tab[] = [
    ...(me.roles.includes("auditor") ? (["all"] as const) : []),
    ...(mine.length > 0 ? (["consumer", "owner"] as const) : []),
  ];
  const requested = params.get("tab");
  const tab: Tab = tabs.find((x) => x === requested) ?? tabs[0] ?? "all";

  const ownerOf = (agreement: Agreement) => agreement.owner ?? undefined;
  const items = list.data?.items ?? [];
  const byTab: Record<Tab, Agreement[]> = {
    all: items,
    consumer: items.filter((a) => mine.includes(a.consumer)),
    owner: items.filter((a) => {
      const owner = ownerOf(a);
      return owner !== undefined && mine.includes(owner);
    }),
  };
  const waiting = byTab.owner.filter((a) => a.status === "applied").length;

  const actionsFor = (agreement: Agreement): AgreementAction[] => {
    const owner = ownerOf(agreement);
    if (!admin || owner === undefined || !mine.includes(owner)) {
      return [];
    }
    const status = agreement.effectiveStatus;
    return status === "applied"
      ? ["review"]
      : status === "approved"
        ? ["suspend"]
        : status === "suspended"
          ? ["resume"]
          : [];
  };

  const refresh = () => {
    setDialog(null);
    list.reload();
    expiring.reload();
  };

  const tabLabel: Record<Tab, string> = {
    all: t("agreements.tabAll"),
    consumer: t("agreements.tabConsumer"),
    owner: waiting > 0 ? t("agreements.tabOwnerWaiting", { n: waiting }) : t("agreements.tabOwner"),
  };

  const renderList = (rows: Agreement[]): ReactNode => {
    if (list.error) {
      return <ProblemAlert error={list.error} onRetry={list.reload} />;
    }
    if (!list.data || catalogue.loading) {
      return (
        <div role="status" aria-live="polite">
          <span className="visually-hidden">{t("app.loading")}</span>
          <Skeleton active paragraph={{ rows: 4 }} />
        </div>
      );
    }
    if (rows.length === 0) {
      return (
        <Card>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("agreements.none")} />
        </Card>
      );
    }
    // Waiting applications first, then the rest as the server ordered them (newest first).
    const sorted = [...rows].sort((a, b) => Number(b.status === "applied") - Number(a.status === "applied"));
    return (
      <ul className="agreement-list" aria-label={tabLabel[tab]} data-testid={`agreements-${tab}`}>
        {sorted.map((agreement) => (
          <AgreementCard
            key={agreement.id}
            agreement={agreement}
            catalogue={catalogue}
            actions={actionsFor(agreement)}
            onAction={(kind) => setDialog({ kind, agreement })}
          />
        ))}
      </ul>
    );
  };

  const soon = expiring.data?.items ?? [];
  const dialogAgreement = dialog && dialog.kind !== "apply" ? dialog.agreement : null;

  return (
    <>
      <SubPageTrail
        section={t(SECTION_LABEL[section])}
        sectionTo={`/${section}`}
        page={t("agreements.title")}
      />
      <PageHeading
        title={t("agreements.title")}
        intro={t("agreements.intro")}
        extra={
          <span className="heading-actions">
            <Button
              icon={<ReloadOutlined aria-hidden="true" />}
              onClick={refresh}
              loading={list.loading && !!list.data}
            >
              {t("ledgerPage.refresh")}
            </Button>
            {admin ? (
              <Button
                type="primary"
                icon={<PlusOutlined aria-hidden="true" />}
                onClick={() => setDialog({ kind: "apply" })}
              >
                {t("agreements.apply")}
              </Button>
            ) : null}
          </span>
        }
      />
      {!admin ? <p className="muted small">{t("agreements.readOnly")}</p> : null}
      {expiring.error ? <ProblemAlert error={expiring.error} onRetry={expiring.reload} /> : null}
      {soon.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          className="block-gap"
          data-testid="expiring-agreements"
          title={t("agreements.expiringTitle", { n: soon.length })}
          description={
            <ul className="plain-list">
              {soon.map((agreement) => (
                <li key={agreement.id}>
                  {t("agreements.expiringItem", {
                    resource: pick(agreement.resourceName, agreement.resourceNameEn),
                    consumer: pick(agreement.consumerName, agreement.consumerNameEn),
                    date: formatDay(agreement.validUntil, locale),
                    n: daysUntil(agreement.validUntil),
                  })}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
      {catalogue.error ? <ProblemAlert error={catalogue.error} onRetry={catalogue.reload} /> : null}
      {tabs.length === 0 ? (
        <Alert type="info" showIcon title={t("workbench.noDepartments")} />
      ) : (
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === tabs[0] ? {} : { tab: key })}
          items={tabs.map((key) => ({ key, label: tabLabel[key], children: renderList(byTab[key]) }))}
        />
      )}
      <p className="muted small rights-note">
        {t("agreements.catalogueNote")} <Link to="/data/catalogue">{t("catalogue.title")}</Link>
      </p>
      {dialog?.kind === "apply" ? (
        <ApplyModal
          catalogue={catalogue}
          departmentName={departments.name}
          onClose={() => setDialog(null)}
          onApplied={() => {
            refresh();
            setParams(tabs[0] === "consumer" ? {} : { tab: "consumer" });
          }}
        />
      ) : null}
      {dialog?.kind === "review" && dialogAgreement ? (
        <ReviewModal
          agreement={dialogAgreement}
          resource={catalogue.byId.get(dialogAgreement.resource)}
          consumerName={pick(dialogAgreement.consumerName, dialogAgreement.consumerNameEn)}
          onClose={() => setDialog(null)}
          onDone={refresh}
        />
      ) : null}
      {(dialog?.kind === "suspend" || dialog?.kind === "resume") && dialogAgreement ? (
        <SuspendModal
          agreement={dialogAgreement}
          action={dialog.kind}
          onClose={() => setDialog(null)}
          onDone={refresh}
        />
      ) : null}
    </>
  );
}
