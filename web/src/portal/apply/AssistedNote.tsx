import { Alert, Button } from "antd";
import { authorisationKindKey } from "../../shared/applications/OnBehalfNote";
import type { ApplicationDetail } from "../../shared/applications/types";
import { useI18n } from "../../shared/I18nProvider";

/**
 * The consent step of an application made for someone else (帮办代办): who it is for, the
 * authorisation recorded, and why pre-fill is not offered (the server refuses it with 409).
 */
export function AssistedNote({
  application,
  onNext,
}: {
  application: ApplicationDetail;
  onNext: () => void;
}) {
  const { t } = useI18n();
  const on = application.onBehalf;
  if (!on) {
    return null;
  }
  return (
    <>
      <p data-testid="assisted-for">
        {t("assist.for", { name: application.subject.name })} ·{" "}
        {t("assist.authorisationShown", {
          agent: on.agentName,
          kind: t(authorisationKindKey(on.authorisation.kind)),
          reference: on.authorisation.reference,
        })}
      </p>
      <Alert
        type="info"
        showIcon
        title={t("assist.noPrefill.title")}
        description={t("assist.noPrefill.body")}
        data-testid="assist-no-prefill"
      />
      <div className="apply-actions">
        <Button type="primary" size="large" onClick={onNext}>
          {t("apps.next")}
        </Button>
      </div>
    </>
  );
}
