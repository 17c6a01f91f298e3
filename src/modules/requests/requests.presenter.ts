import type {
  RequestDetail as PresentedDetail,
  RequestCategory,
  RequestListItem,
  RequestPermissions,
  RequestSummary,
} from "../../../shared/requests/types.js";
import { calendarFor, chinaDate } from "../../platform/calendar/index.js";
import type { ServiceContext } from "../../platform/context.js";
import { directory } from "../identity/index.js";
import type { Relation } from "./access.js";
import { type Category, categoryTree } from "./categories.service.js";
import type * as repo from "./requests.repository.js";
import type { RequestDetail } from "./requests.service.js";
import { maskPhone } from "./text.js";

interface DeptRef {
  code: string;
  name: string;
  nameEn: string;
}
interface CategoryRef {
  code: string;
  name: string;
  nameEn: string;
  path: string[];
}

const categoryRef = (c: Category | undefined): CategoryRef | null =>
  c ? { code: c.code, name: c.name, nameEn: c.nameEn, path: c.path } : null;

async function lookups(ctx: ServiceContext, codes: (string | null)[]) {
  const names = await directory.departmentNames(
    ctx,
    codes.filter((c): c is string => c !== null),
  );
  const dept = (code: string | null): DeptRef | null => {
    if (!code) {
      return null;
    }
    const n = names.get(code);
    return { code, name: n?.name ?? code, nameEn: n?.nameEn ?? code };
  };
  const tree = await categoryTree(ctx);
  let calendar: Awaited<ReturnType<typeof calendarFor>> | null = null;
  try {
    calendar = await calendarFor(ctx);
  } catch {
    calendar = null;
  }
  const today = chinaDate(new Date());
  const dueStatus = (due: string | null): "on-time" | "near" | "overdue" | null => {
    if (!due) {
      return null;
    }
    try {
      return calendar ? calendar.status(due, today) : due < today ? "overdue" : "on-time";
    } catch {
      return due < today ? "overdue" : "on-time";
    }
  };
  return {
    dept,
    category: (code: string | null) => categoryRef(code ? tree.byCode.get(code) : undefined),
    dueStatus,
  };
}

type Lookups = Awaited<ReturnType<typeof lookups>>;

function summary(r: repo.RequestRow, l: Lookups, view: "requester" | "staff"): RequestSummary {
  const open = r.status !== "closed" && r.status !== "replied";
  return {
    id: r.id,
    number: r.number,
    channel: r.channel,
    status: r.status,
    title: r.title,
    description: r.description,
    category: l.category(r.category_code),
    proposedCategory: view === "staff" ? l.category(r.proposed_category_code) : null,
    proposedDepartment: view === "staff" ? l.dept(r.proposed_department_code) : null,
    proposedConfidence: view === "staff" ? r.proposed_confidence : null,
    proposedBy: view === "staff" ? r.proposed_by : null,
    department: l.dept(r.department_code),
    anonymous: r.anonymous,
    publicView: r.public_view,
    contactName: view === "staff" && r.anonymous ? null : r.contact_name,
    contactPhone: r.contact_phone && !(view === "staff" && r.anonymous) ? maskPhone(r.contact_phone) : null,
    address: r.address,
    lat: r.lat,
    lng: r.lng,
    mediaUrl: r.media_url,
    duplicateOf: r.duplicate_of,
    reopenedCount: r.reopened_count,
    createdAt: r.created_at.toISOString(),
    dispatchedAt: r.dispatched_at?.toISOString() ?? null,
    acceptedAt: r.accepted_at?.toISOString() ?? null,
    firstContactAt: r.first_contact_at?.toISOString() ?? null,
    repliedAt: r.replied_at?.toISOString() ?? null,
    closedAt: r.closed_at?.toISOString() ?? null,
    contactDueAt: r.contact_due_at?.toISOString() ?? null,
    contactOverdue:
      r.contact_due_at !== null &&
      r.first_contact_at === null &&
      open &&
      r.contact_due_at.getTime() < Date.now(),
    resolveDue: r.resolve_due,
    resolveDueEstimated: r.resolve_due_estimated,
    dueStatus: open ? l.dueStatus(r.resolve_due) : null,
    resolved: r.resolved,
    satisfied: r.satisfied,
    returnVisitAt: r.return_visit_at?.toISOString() ?? null,
  };
}

/** Requests in a list: the caller's phone number masked, the proposal for staff only. */
export async function presentRequestList(
  ctx: ServiceContext,
  rows: repo.RequestRow[],
  view: "requester" | "staff",
  assignments: repo.AssignmentRow[] = [],
): Promise<RequestListItem[]> {
  const l = await lookups(ctx, [
    ...rows.flatMap((r) => [r.department_code, r.proposed_department_code]),
    ...assignments.map((a) => a.department_code),
  ]);
  return rows.map((r) => ({
    ...summary(r, l, view),
    coHandlers: assignments
      .filter((a) => a.request_id === r.id && a.role === "co" && a.status !== "returned")
      .map((a) => l.dept(a.department_code)),
  }));
}

// Kinds whose message the requester reads (others carry internal reasons).
const PUBLIC_MESSAGES = new Set(["replied", "note", "closed", "return_visit"]);

function permissions(r: repo.RequestRow, rel: Relation): RequestPermissions {
  const lead = rel.lead;
  const accepted = lead?.status === "accepted";
  const handling = r.status === "dispatched" || r.status === "in_progress";
  const visitDue =
    (r.status === "replied" || r.status === "closed") &&
    !(r.return_visit_at && r.replied_at && r.return_visit_at >= r.replied_at);
  return {
    dispatch: rel.centre && r.status === "pending",
    accept: (lead?.status === "dispatched" || rel.co?.status === "dispatched") ?? false,
    contact: accepted && r.status === "in_progress",
    note:
      (accepted || rel.co?.status === "accepted") && (r.status === "in_progress" || r.status === "replied"),
    reply: accepted && r.status === "in_progress",
    close: accepted && r.status === "replied",
    returnToDispatcher: lead !== null && handling,
    escalate: lead !== null && handling,
    coHandle: accepted && r.status === "in_progress",
    contribute: rel.co?.status === "accepted",
    returnVisit: visitDue && (rel.requester || rel.centre),
    revealContact:
      (rel.lead !== null || rel.co !== null || rel.centre) && !r.anonymous && r.contact_phone !== null,
    addPhoto: r.status !== "closed" && (rel.requester || (rel.centre && r.channel === "hotline")),
  };
}

/** One request with its history: the requester sees public events; handlers see everything. */
export async function presentRequestDetail(ctx: ServiceContext, d: RequestDetail): Promise<PresentedDetail> {
  const staff = d.relation.centre || d.relation.handler || d.relation.reader;
  const view = staff ? "staff" : "requester";
  const l = await lookups(ctx, [
    d.request.department_code,
    d.request.proposed_department_code,
    ...d.assignments.map((a) => a.department_code),
    ...d.events.map((e) => e.department_code),
  ]);
  const actorIds = staff
    ? [...new Set(d.events.map((e) => e.actor_account_id).filter((a): a is string => a !== null))]
    : [];
  const labels =
    actorIds.length > 0
      ? await directory.labelsFor(ctx, { account: actorIds, person: [], organisation: [] })
      : new Map();
  return {
    ...summary(d.request, l, view),
    reply: d.request.reply,
    view,
    can: permissions(d.request, d.relation),
    assignments: staff
      ? d.assignments.map((a) => ({
          department: l.dept(a.department_code),
          role: a.role,
          status: a.status,
          assignedAt: a.assigned_at.toISOString(),
          acceptedAt: a.accepted_at?.toISOString() ?? null,
          doneAt: a.done_at?.toISOString() ?? null,
          contribution: a.contribution,
        }))
      : [],
    events: d.events.map((e) => ({
      kind: e.kind,
      at: e.at.toISOString(),
      department: l.dept(e.department_code),
      message: staff || PUBLIC_MESSAGES.has(e.kind) ? e.message : null,
      public: e.public,
      details: staff ? e.details : pickPublic(e.details),
      actor: staff && e.actor_account_id ? (labels.get(`account:${e.actor_account_id}`) ?? null) : null,
      ledgerSeq: e.ledger_seq,
    })),
    links: d.links.map((k) => ({
      id: k.direction === "to" ? k.related_id : k.request_id,
      number: k.number,
      kind: k.kind,
      reason: k.reason,
      score: k.score,
      direction: k.direction,
    })),
    photos: d.photos.map((p) => ({
      id: p.id,
      contentType: p.content_type,
      sizeBytes: p.size_bytes,
      createdAt: p.created_at.toISOString(),
    })),
    returnVisits: d.returnVisits.map((v) => ({
      at: v.at.toISOString(),
      channel: v.channel,
      resolved: v.resolved,
      satisfied: v.satisfied,
      comment: v.comment,
      reopened: v.reopened,
    })),
  };
}

function pickPublic(details: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ["resolved", "satisfied", "resolveDue"]) {
    if (key in details) {
      out[key] = details[key];
    }
  }
  return out;
}

/** The category tree for forms: codes, names, departments and deadlines. */
export async function presentCategories(ctx: ServiceContext, list: Category[]): Promise<RequestCategory[]> {
  const names = await directory.departmentNames(ctx, list.map((c) => c.department).filter(Boolean));
  return list.map((c) => ({
    code: c.code,
    parent: c.parent,
    level: c.level,
    name: c.name,
    nameEn: c.nameEn,
    department: c.department
      ? {
          code: c.department,
          name: names.get(c.department)?.name ?? c.department,
          nameEn: names.get(c.department)?.nameEn ?? c.department,
        }
      : null,
    power: c.power,
    contactHours: c.contactHours,
    resolveDays: c.resolveDays,
    source: c.source,
  }));
}

export function presentCorrection(c: repo.CorrectionRow) {
  return {
    id: c.id,
    requestId: c.request_id,
    text: c.text,
    source: c.source,
    fromCategory: c.from_category_code,
    fromDepartment: c.from_department_code,
    fromConfidence: c.from_confidence,
    toCategory: c.to_category_code,
    toDepartment: c.to_department_code,
    reason: c.reason,
    createdAt: c.created_at.toISOString(),
    resolvedAt: c.resolved_at?.toISOString() ?? null,
  };
}
