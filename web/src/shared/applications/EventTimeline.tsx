import { Timeline } from "antd";
import { Link } from "react-router-dom";
import { useI18n } from "../I18nProvider";
import { dataUseLink, eventKey, isStepKind, OUTCOME_KEY, STEP_KEY } from "./labels";
import type { ApplicationDetail, ApplicationEvent } from "./types";

// The server's record reads "14 fields from 3 of 3 registries" (older events: "14 fields, 3 registries").
const PREFILL_COMMENT = /^(\d+) fields(?:, | from )(\d+)(?: of \d+)? registries$/;

const COLOUR: Record<string, string> = {
  reject: "red",
  cancel: "gray",
  withdraw: "gray",
  supplement: "orange",
  conclude: "green",
};

/** The application's history, newest last, each step with who acted and its ledger entry. */
export function EventTimeline({
  application,
  departmentName,
  linkToLedger,
}: {
  application: Pick<ApplicationDetail, "events" | "tasks" | "materials">;
  departmentName: (code: string) => string;
  linkToLedger: boolean;
}) {
  const { t, pick, dateTime } = useI18n();
  const taskName = new Map(application.tasks.map((task) => [task.id, pick(task.itemName, task.itemNameEn)]));
  const line = (event: ApplicationEvent) => {
    const key = eventKey(event.action);
    const parts = [
      key ? t(key) : event.action,
      isStepKind(event.step) ? t(STEP_KEY[event.step]) : null,
      event.taskId && application.tasks.length > 1 ? taskName.get(event.taskId) : null,
    ].filter(Boolean);
    return parts.join(" · ");
  };
  // The server words a few comments for the record; say them in the reader's language.
  const comment = (event: ApplicationEvent) => {
    const text = event.comment;
    if (!text) {
      return null;
    }
    const prefill = event.action === "prefill" ? PREFILL_COMMENT.exec(text) : null;
    if (prefill) {
      return t("apps.event.prefillDetail", { fields: prefill[1] ?? "0", registries: prefill[2] ?? "0" });
    }
    if (event.action === "upload") {
      // "<material id>: <file name>"
      const cut = text.indexOf(": ");
      const material = application.materials.find((m) => m.id === text.slice(0, cut));
      if (material) {
        return `${pick(material.name, material.nameEn)}：${text.slice(cut + 2)}`;
      }
    }
    if (event.action === "conclude" && (text === "approved" || text === "rejected" || text === "partial")) {
      return t(OUTCOME_KEY[text]);
    }
    return text;
  };
  return (
    <Timeline
      className="event-timeline"
      data-testid="event-timeline"
      items={application.events.map((event, index) => ({
        key: index,
        color: COLOUR[event.action] ?? "blue",
        content: (
          <div className="event-timeline__item" data-action={event.action}>
            <time className="event-timeline__time" dateTime={event.at}>
              {dateTime(event.at)}
            </time>
            <div className="event-timeline__what">
              <strong>{line(event)}</strong>
              <span className="muted small">
                {event.byApplicant
                  ? t("apps.byApplicant")
                  : event.department
                    ? departmentName(event.department)
                    : t("apps.byPlatform")}
              </span>
            </div>
            {event.comment ? <p className="event-timeline__comment">{comment(event)}</p> : null}
            {event.ledgerSeq !== null ? (
              linkToLedger ? (
                <Link to={dataUseLink([event.ledgerSeq])} className="small">
                  {t("apps.ledgerLink", { seq: event.ledgerSeq })}
                </Link>
              ) : (
                <span className="source-tag__seq">{t("apps.ledgerSeq", { seq: event.ledgerSeq })}</span>
              )
            ) : null}
          </div>
        ),
      }))}
    />
  );
}
