import { PaperClipOutlined } from "@ant-design/icons";
import type { AuthorisationKind } from "../../../../shared/applications/assisted.js";
import { useI18n } from "../I18nProvider";
import type { MessageKey } from "../i18n";
import type { ApplicationSummary } from "./types";

/** The message key naming a kind of authorisation (书面授权委托书, 法定监护 …). */
export const authorisationKindKey = (kind: AuthorisationKind): MessageKey => `assist.kind.${kind}`;

/**
 * "Applied for by …": who made the application for the person (帮办代办), under which authorisation,
 * with a link to the scan when one was uploaded.
 */
export function OnBehalfNote({ application }: { application: Pick<ApplicationSummary, "id" | "onBehalf"> }) {
  const { t } = useI18n();
  const on = application.onBehalf;
  if (!on) {
    return null;
  }
  return (
    <span className="use-card__meta" data-testid="on-behalf">
      {t("apps.onBehalfBy", {
        agent: on.agentName,
        kind: t(authorisationKindKey(on.authorisation.kind)),
        reference: on.authorisation.reference,
      })}
      {on.scan ? (
        <>
          {" "}
          <a
            href={`/api/applications/${encodeURIComponent(application.id)}/uploads/${encodeURIComponent(on.scan.uploadId)}`}
          >
            <PaperClipOutlined aria-hidden="true" /> {t("apps.onBehalfScan")}
          </a>
        </>
      ) : null}
    </span>
  );
}
