import { PhoneOutlined } from "@ant-design/icons";
import { App, Button, Card, Descriptions, List, Skeleton, Tag, Timeline } from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import type { RequestDetail, RequestEvent } from "../../../shared/requests/types";
import { ApiError, api } from "../shared/api";
import { PageHeading } from "../shared/components/PageHeading";
import { ProblemAlert, problemText, problemTitle } from "../shared/components/ProblemAlert";
import { SubPageTrail } from "../shared/components/SubPageTrail";
import { useI18n } from "../shared/I18nProvider";
import type { MessageKey } from "../shared/i18n";
import { useApi } from "../shared/useApi";
import { type ActionKind, ActionModal } from "./ActionModal";
import { DueTag, StatusTag, useCategories } from "./labels";
import { PublicViewSwitch } from "./public/PublicViewSwitch";
import { ReturnVisitForm } from "./ReturnVisitForm";
import "./requests.css";

const ACTIONS: { kind: ActionKind; can: keyof RequestDetail["can"]; label: MessageKey; danger?: boolean }[] =
  [
    { kind: "dispatch", can: "dispatch", label: "requests.action.dispatch" },
    { kind: "reply", can: "reply", label: "requests.action.reply" },
    { kind: "note", can: "note", label: "requests.action.note" },
    { kind: "close", can: "close", label: "requests.action.close" },
    { kind: "contribute", can: "contribute", label: "requests.action.contribute" },
    { kind: "coHandle", can: "coHandle", label: "requests.action.coHandle" },
    { kind: "escalate", can: "escalate", label: "requests.action.escalate" },
    { kind: "return", can: "returnToDispatcher", label: "requests.action.return", danger: true },
  ];

function EventItem({ event }: { event: RequestEvent }) {
  const { t, pick, dateTime } = useI18n();
  const department = event.department ? pick(event.department.name, event.department.nameEn) : "";
  const known = `requests.event.${event.kind}` as MessageKey;
  const title =
    event.kind === "return_visit" && typeof event.details.resolved === "boolean"
      ? t("requests.event.visitResult", {
          resolved: t(event.details.resolved ? "requests.visit.resolvedYes" : "requests.visit.resolvedNo"),
          satisfied: t(
            event.details.satisfied ? "requests.visit.satisfiedYes" : "requests.visit.satisfiedNo",
          ),
        })
      : t(known, { department });
  return (
    <div>
      <div className="request-event__head">
        <strong>{title}</strong>
        {event.public ? null : <Tag className="x-tag x-tag--off">{t("requests.event.internal")}</Tag>}
        <span className="request-event__time">{dateTime(event.at)}</span>
        {event.actor ? <span className="request-event__time">{event.actor}</span> : null}
        {event.ledgerSeq !== null && event.actor !== null ? (
          <span className="request-event__time">{t("requests.staff.ledger", { seq: event.ledgerSeq })}</span>
        ) : null}
      </div>
      {event.message ? <p className="request-event__message">{event.message}</p> : null}
    </div>
  );
}

/** One request: what was asked, the reply, the history; for staff also the handling actions. */
export function RequestDetailPage({ section }: { section: "portal" | "workbench" }) {
  const { id = "" } = useParams();
  const { t, pick, dateTime } = useI18n();
  const { message } = App.useApp();
  const detail = useApi<RequestDetail>(`/api/requests/${encodeURIComponent(id)}`);
  const categories = useCategories();
  const [action, setAction] = useState<ActionKind | null>(null);
  const [contact, setContact] = useState<{ name: string | null; phone: string | null } | null>(null);
  const [busy, setBusy] = useState(false);

  const trail =
    section === "portal" ? (
      <SubPageTrail
        section={t("requests.title")}
        sectionTo="/portal/requests"
        page={detail.data?.number ?? id}
      />
    ) : (
      <SubPageTrail
        section={t("requests.queue.title")}
        sectionTo="/workbench/requests"
        page={detail.data?.number ?? id}
      />
    );

  if (detail.error) {
    return (
      <>
        {trail}
        <ProblemAlert error={detail.error} onRetry={detail.reload} />
      </>
    );
  }
  const r = detail.data;
  if (!r) {
    return (
      <>
        {trail}
        <Skeleton active paragraph={{ rows: 8 }} />
      </>
    );
  }

  const call = async (path: string) => {
    setBusy(true);
    try {
      await api(`/api/requests/${encodeURIComponent(r.id)}/${path}`, { method: "POST" });
      message.success(t("requests.action.done"));
      detail.reload();
    } catch (cause) {
      if (!(cause instanceof ApiError)) {
        throw cause;
      }
      message.error(`${problemTitle(cause, t)}: ${problemText(cause, t("app.networkError"))}`);
    } finally {
      setBusy(false);
    }
  };

  const reveal = async () => {
    try {
      setContact(await api(`/api/requests/${encodeURIComponent(r.id)}/contact`));
    } catch (cause) {
      if (!(cause instanceof ApiError)) {
        throw cause;
      }
      message.error(problemText(cause, t("app.networkError")));
    }
  };

  const staff = r.view === "staff";
  const dept = r.department ? pick(r.department.name, r.department.nameEn) : t("requests.noDepartment");
  const category = r.category ? r.category.path.join(" / ") : "—";
  const lastVisit = r.returnVisits[r.returnVisits.length - 1];

  return (
    <>
      {trail}
      <PageHeading
        title={r.title ?? t("requests.number") + r.number}
        intro={
          <span className="request-card__meta">
            <span className="code">{r.number}</span>
            <span>{t(`requests.channel.${r.channel}` as MessageKey)}</span>
            <span>{dateTime(r.createdAt)}</span>
          </span>
        }
        extra={<StatusTag status={r.status} />}
      />
      <div className={staff ? "request-detail" : "request-detail request-detail--single"}>
        <div className="request-detail__main">
          <Card>
            <p className="request-text" data-testid="request-text">
              {r.description}
            </p>
            {r.photos.length > 0 ? (
              <section className="request-photos" aria-label={t("requests.photos")}>
                {r.photos.map((p, i) => (
                  <a
                    key={p.id}
                    href={`/api/requests/${r.id}/photos/${p.id}`}
                    target="_blank"
                    rel="noreferrer"
                  >
                    <img
                      src={`/api/requests/${r.id}/photos/${p.id}`}
                      alt={`${t("requests.photos")} ${i + 1}`}
                    />
                  </a>
                ))}
              </section>
            ) : null}
            <Descriptions column={{ xs: 1, sm: 2 }} size="small" className="request-facts">
              <Descriptions.Item label={t("requests.category")}>{category}</Descriptions.Item>
              <Descriptions.Item label={t("requests.department")}>{dept}</Descriptions.Item>
              <Descriptions.Item label={t("requests.resolveDue")}>
                <DueTag request={r} />
              </Descriptions.Item>
              {staff ? (
                <Descriptions.Item label={t("requests.contactDue")}>
                  {r.contactDueAt ? dateTime(r.contactDueAt) : "—"}{" "}
                  {r.contactOverdue ? (
                    <Tag className="x-tag x-tag--bad">{t("requests.contactOverdue")}</Tag>
                  ) : null}
                </Descriptions.Item>
              ) : null}
              {r.address || r.lat !== null ? (
                <Descriptions.Item label={t("requests.location")}>
                  {r.address ?? ""}{" "}
                  {r.lat !== null ? <span className="code">{`${r.lat}, ${r.lng}`}</span> : null}
                </Descriptions.Item>
              ) : null}
              <Descriptions.Item label={t("requests.contact")}>
                {r.anonymous ? <Tag className="x-tag x-tag--off">{t("requests.anonymousTag")}</Tag> : null}
                {contact
                  ? `${contact.name ?? ""} ${contact.phone ?? ""}`
                  : [r.contactName, r.contactPhone].filter(Boolean).join(" ") || "—"}
                {r.can.revealContact && !contact ? (
                  <Button
                    size="small"
                    type="link"
                    icon={<PhoneOutlined />}
                    onClick={() => void reveal()}
                    title={t("requests.action.revealNote")}
                  >
                    {t("requests.action.revealContact")}
                  </Button>
                ) : null}
              </Descriptions.Item>
              {staff ? null : (
                <Descriptions.Item label={t("publicRequests.title")}>
                  <PublicViewSwitch requestId={r.id} value={r.publicView} onDone={detail.reload} />
                </Descriptions.Item>
              )}
              {r.reopenedCount > 0 ? (
                <Descriptions.Item label={t("requests.status")}>
                  {t("requests.reopened", { n: r.reopenedCount })}
                </Descriptions.Item>
              ) : null}
            </Descriptions>
          </Card>

          {r.reply ? (
            <Card
              className="request-reply"
              title={<h2 className="card-heading">{t("requests.reply")}</h2>}
              data-testid="request-reply"
            >
              <p className="request-text">{r.reply}</p>
              {r.repliedAt ? (
                <p className="muted small">{t("requests.replyAt", { at: dateTime(r.repliedAt) })}</p>
              ) : null}
              {lastVisit ? (
                <p className="muted small">
                  {t("requests.visit.result", {
                    at: dateTime(lastVisit.at),
                    resolved: t(
                      lastVisit.resolved ? "requests.visit.resolvedYes" : "requests.visit.resolvedNo",
                    ),
                    satisfied: t(
                      lastVisit.satisfied ? "requests.visit.satisfiedYes" : "requests.visit.satisfiedNo",
                    ),
                  })}
                  {lastVisit.channel === "phone" ? t("requests.visit.byPhone") : ""}
                </p>
              ) : null}
            </Card>
          ) : null}

          {r.can.returnVisit ? (
            <ReturnVisitForm requestId={r.id} byPhone={staff} onDone={detail.reload} />
          ) : null}

          <Card title={<h2 className="card-heading">{t("requests.progress")}</h2>}>
            <Timeline
              items={[...r.events].reverse().map((e, i) => ({
                key: `${e.at}-${i}`,
                color:
                  e.kind === "returned" || e.kind === "reopened"
                    ? "red"
                    : e.kind === "closed"
                      ? "green"
                      : "blue",
                content: <EventItem event={e} />,
              }))}
            />
          </Card>
        </div>

        {staff ? (
          <div className="request-detail__side">
            <Card
              title={<h2 className="card-heading">{t("requests.staff.title")}</h2>}
              data-testid="request-actions"
            >
              <div className="request-actions">
                {r.can.accept ? (
                  <Button type="primary" loading={busy} onClick={() => void call("accept")}>
                    {t("requests.action.accept")}
                  </Button>
                ) : null}
                {r.can.contact ? (
                  <Button loading={busy} onClick={() => void call("contact")}>
                    {t("requests.action.contact")}
                  </Button>
                ) : null}
                {ACTIONS.filter((a) => r.can[a.can]).map((a) => (
                  <Button key={a.kind} danger={a.danger} onClick={() => setAction(a.kind)}>
                    {t(a.label)}
                  </Button>
                ))}
              </div>
              {r.proposedCategory ? (
                <p className="muted small" style={{ marginTop: 12 }}>
                  {t("requests.staff.proposal")}：
                  {t("requests.staff.proposalBy", {
                    category: r.proposedCategory.path.join(" / "),
                    department: r.proposedDepartment
                      ? pick(r.proposedDepartment.name, r.proposedDepartment.nameEn)
                      : "—",
                    confidence: (r.proposedConfidence ?? 0).toFixed(2),
                    by: t(`requests.staff.by.${r.proposedBy ?? "keywords"}` as MessageKey),
                  })}
                </p>
              ) : null}
            </Card>
            {r.assignments.length > 0 ? (
              <Card title={<h2 className="card-heading">{t("requests.staff.assignments")}</h2>}>
                <List
                  size="small"
                  dataSource={r.assignments}
                  renderItem={(a) => (
                    <List.Item>
                      <div>
                        <div>
                          <Tag className={`x-tag x-tag--${a.role === "lead" ? "waiting" : "off"}`}>
                            {t(a.role === "lead" ? "requests.staff.lead" : "requests.staff.co")}
                          </Tag>
                          {a.department ? pick(a.department.name, a.department.nameEn) : "—"}
                          <span className="muted small">
                            {" "}
                            · {t(`requests.staff.assignment.${a.status}` as MessageKey)}
                          </span>
                        </div>
                        {a.contribution ? <p className="request-event__message">{a.contribution}</p> : null}
                      </div>
                    </List.Item>
                  )}
                />
              </Card>
            ) : null}
            {r.links.length > 0 ? (
              <Card
                title={<h2 className="card-heading">{t("requests.staff.links")}</h2>}
                data-testid="request-links"
              >
                <List
                  size="small"
                  dataSource={r.links}
                  renderItem={(l) => (
                    <List.Item>
                      <Link to={`/workbench/requests/${l.id}`} className="code">
                        {l.number}
                      </Link>
                      <span>
                        <Tag className={`x-tag x-tag--${l.kind === "duplicate" ? "warn" : "masked"}`}>
                          {t(`requests.staff.link.${l.kind}` as MessageKey)}
                        </Tag>
                        <span className="muted small">
                          {t(`requests.staff.link.${l.reason}` as MessageKey)}
                        </span>
                      </span>
                    </List.Item>
                  )}
                />
              </Card>
            ) : null}
          </div>
        ) : null}
      </div>
      {action ? (
        <ActionModal
          kind={action}
          requestId={r.id}
          categories={categories.data?.items ?? []}
          proposedCategory={r.category?.code ?? r.proposedCategory?.code}
          onClose={() => setAction(null)}
          onDone={() => {
            setAction(null);
            detail.reload();
          }}
        />
      ) : null}
    </>
  );
}
