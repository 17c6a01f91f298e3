import { ReloadOutlined } from "@ant-design/icons";
import { App, Button, Card, Empty, Skeleton } from "antd";
import { type ReactNode, useState } from "react";
import { Link } from "react-router-dom";
import { ApiError, api } from "../shared/api";
import type { Consent, ItemList } from "../shared/api-types";
import { PageHeading } from "../shared/components/PageHeading";
import { ProblemAlert, problemText, problemTitle } from "../shared/components/ProblemAlert";
import { SubPageTrail } from "../shared/components/SubPageTrail";
import { useCatalogue } from "../shared/exchange/useCatalogue";
import { useI18n } from "../shared/I18nProvider";
import type { MessageKey } from "../shared/i18n";
import { useApi } from "../shared/useApi";
import { ConsentCard, type ConsentDecision } from "./ConsentCard";

const DONE_KEY: Record<ConsentDecision, MessageKey> = {
  grant: "consents.granted",
  refuse: "consents.refused",
  revoke: "consents.revoked",
};

/** 我的授权: requests to use the person's (or enterprise's) data to decide, consents to revoke, and their history. */
export function ConsentsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const catalogue = useCatalogue();
  const list = useApi<ItemList<Consent>>("/api/me/consents");
  const [busy, setBusy] = useState<{ id: string; decision: ConsentDecision } | null>(null);

  const decide = async (consent: Consent, decision: ConsentDecision) => {
    setBusy({ id: consent.id, decision });
    try {
      await api<Consent>(`/api/me/consents/${encodeURIComponent(consent.id)}/decision`, {
        method: "POST",
        body: { decision },
      });
      message.success(t(DONE_KEY[decision]));
      list.reload();
    } catch (error) {
      if (!(error instanceof ApiError)) {
        throw error;
      }
      message.error(`${problemTitle(error, t)}: ${problemText(error, t("app.networkError"))}`);
      list.reload();
    } finally {
      setBusy(null);
    }
  };

  const items = list.data?.items ?? [];
  const pending = items.filter((c) => c.status === "pending");
  const granted = items.filter((c) => c.status === "granted");
  const history = items.filter((c) => c.status !== "pending" && c.status !== "granted");

  const section = (
    id: string,
    title: string,
    rows: Consent[],
    empty: string,
    decide?: (consent: Consent, decision: ConsentDecision) => void,
  ) => (
    <section className="consent-section" aria-labelledby={id}>
      <h2 className="section-title" id={id}>
        {title}
        {rows.length > 0 ? <span className="section-title__count">{rows.length}</span> : null}
      </h2>
      {rows.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="use-list" aria-labelledby={id} data-testid={`${id}-list`}>
          {rows.map((consent) => (
            <ConsentCard
              key={consent.id}
              consent={consent}
              catalogue={catalogue}
              busy={busy?.id === consent.id ? busy.decision : null}
              onDecide={decide ? (decision) => decide(consent, decision) : undefined}
            />
          ))}
        </ul>
      )}
    </section>
  );

  let body: ReactNode;
  if (list.error) {
    body = <ProblemAlert error={list.error} onRetry={list.reload} />;
  } else if (!list.data) {
    body = (
      <div role="status" aria-live="polite">
        <span className="visually-hidden">{t("app.loading")}</span>
        <Skeleton active paragraph={{ rows: 3 }} />
        <Skeleton active paragraph={{ rows: 3 }} />
      </div>
    );
  } else if (items.length === 0) {
    body = (
      <Card>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("consents.empty")} />
      </Card>
    );
  } else {
    const act = (consent: Consent, decision: ConsentDecision) => void decide(consent, decision);
    body = (
      <>
        {section("consents-pending", t("consents.pendingTitle"), pending, t("consents.nonePending"), act)}
        {section("consents-granted", t("consents.grantedTitle"), granted, t("consents.noneGranted"), act)}
        {section("consents-history", t("consents.historyTitle"), history, t("consents.noneHistory"))}
      </>
    );
  }

  return (
    <>
      <SubPageTrail section={t("portal.title")} sectionTo="/portal" page={t("portal.consents")} />
      <PageHeading
        title={t("portal.consents")}
        intro={
          <>
            {t("consents.intro")} <Link to="/portal/data-use">{t("consents.seeDataUse")}</Link>
          </>
        }
        extra={
          <Button
            icon={<ReloadOutlined aria-hidden="true" />}
            onClick={list.reload}
            loading={list.loading && !!list.data}
          >
            {t("ledgerPage.refresh")}
          </Button>
        }
      />
      {body}
    </>
  );
}
