import { OutboxCard } from "../admin/notifications/OutboxCard";
import { PageHeading } from "../shared/components/PageHeading";
import { SubPageTrail } from "../shared/components/SubPageTrail";
import { useI18n } from "../shared/I18nProvider";

/** /oversight/notifications: auditors read the outbox's deliveries (channels are the admins'). */
export function NotificationOutboxPage() {
  const { t } = useI18n();
  return (
    <>
      <SubPageTrail
        section={t("oversight.title")}
        sectionTo="/oversight"
        page={t("notifyAdmin.oversightTitle")}
      />
      <PageHeading title={t("notifyAdmin.oversightTitle")} intro={t("notifyAdmin.card")} />
      <OutboxCard />
    </>
  );
}
