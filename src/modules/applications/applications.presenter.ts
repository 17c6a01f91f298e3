import { AUTHORISATION_SCAN } from "../../../shared/applications/assisted.js";
import {
  calendarFor,
  chinaDate,
  type DueStatus,
  type WorkingCalendar,
} from "../../platform/calendar/index.js";
import type { ServiceContext } from "../../platform/context.js";
import { catalogue as resources } from "../exchange/index.js";
import { directory } from "../identity/index.js";
import {
  type ApplicationRow,
  type ApplicationView,
  problemsOf,
  type QueueRow,
  type TaskRow,
} from "./applications.service.js";
import type { MaterialState } from "./applications.tables.js";

function presentScan(state: MaterialState | undefined) {
  return state?.via === "upload"
    ? { uploadId: state.uploadId, filename: state.filename, size: state.size, sha256: state.sha256 }
    : null;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** On time, near or overdue; null while a task has no due date (not started, or a year without a calendar). */
function dueStatus(calendar: WorkingCalendar, due: string | null, today: string): DueStatus | null {
  if (!due) {
    return null;
  }
  try {
    return calendar.status(due, today);
  } catch {
    return null;
  }
}

function presentTask(t: TaskRow, calendar: WorkingCalendar, today: string) {
  const open = t.status === "active" || t.status === "supplement";
  return {
    id: t.id,
    itemCode: t.item_code,
    itemName: t.item_name,
    itemNameEn: t.item_name_en,
    department: t.department,
    currentDepartment: t.current_department,
    status: t.status,
    step: { index: t.step_index, kind: t.steps[t.step_index]?.kind ?? null, count: t.steps.length },
    steps: t.steps,
    after: t.after_codes,
    limitDays: t.limit_days,
    statutoryDays: t.statutory_days,
    acceptedOn: t.accepted_on,
    dueOn: t.due_on,
    dueStatus: open ? dueStatus(calendar, t.due_on, today) : null,
    pauses: t.pauses,
    pausedSince: t.paused_since,
    supplement: t.supplement,
    decisionReason: t.decision_reason,
    decisionBasis: t.decision_basis,
    certificateId: t.certificate_id,
    startedAt: iso(t.started_at),
    concludedAt: iso(t.concluded_at),
    workingDays: t.concluded_working_days,
  };
}

function presentSummary(app: ApplicationRow) {
  return {
    id: app.id,
    number: app.number,
    kind: app.kind,
    service: { code: app.service_code, name: app.service_name, nameEn: app.service_name_en },
    leadDepartment: app.lead_department,
    status: app.status,
    outcome: app.outcome,
    subject: { type: app.subject_type, name: app.subject_name },
    onBehalf: app.on_behalf
      ? {
          agentName: app.on_behalf.agentName,
          authorisation: app.on_behalf.authorisation,
          // A scan of the authorisation, when one was uploaded.
          scan: presentScan(app.materials[AUTHORISATION_SCAN]),
        }
      : null,
    promisedDays: app.promised_days,
    acceptedOn: app.accepted_on,
    dueOn: app.due_on,
    createdAt: iso(app.created_at),
    submittedAt: iso(app.submitted_at),
    concludedAt: iso(app.concluded_at),
  };
}

async function departmentLabels(ctx: ServiceContext, codes: Iterable<string>) {
  const names = await directory.departmentNames(ctx, [...new Set(codes)]);
  return Object.fromEntries(names) as Record<string, directory.DepartmentName>;
}

/** One application with everything its applicant or handling officer sees. */
export async function presentApplication(ctx: ServiceContext, view: ApplicationView) {
  const { app, tasks, events, service } = view;
  const calendar = await calendarFor(ctx);
  const today = chinaDate(new Date());
  const refs = await resources.resourceRefs(
    ctx,
    Object.values(app.prefill).map((p) => p.resource),
  );
  const departments = await departmentLabels(ctx, [
    app.lead_department,
    ...tasks.flatMap((t) => [t.department, t.current_department, ...t.steps.map((s) => s.department)]),
    ...Object.values(app.prefill).map((p) => p.department),
  ]);
  return {
    ...presentSummary(app),
    form: app.form,
    prefill: Object.fromEntries(
      Object.entries(app.prefill).map(([field, p]) => [
        field,
        {
          resource: p.resource,
          resourceName: refs.get(p.resource)?.name ?? p.resource,
          resourceNameEn: refs.get(p.resource)?.nameEn ?? p.resource,
          department: p.department,
          sourceField: p.sourceField,
          updatedAt: p.updatedAt,
          ledgerSeq: p.ledgerSeq,
        },
      ]),
    ),
    formDefinition: service?.form ?? null,
    materials: (service?.materials ?? []).map((m) => ({
      id: m.id,
      name: m.name,
      nameEn: m.nameEn,
      required: m.required,
      note: m.note ?? null,
      obtainable: Boolean(m.obtainedVia),
      state: app.materials[m.id] ?? null,
    })),
    consents: app.consents,
    problems: app.status === "draft" && service ? problemsOf(service, app) : [],
    departments,
    tasks: tasks.map((t) => presentTask(t, calendar, today)),
    events: events.map((e) => ({
      at: iso(e.at),
      action: e.action,
      taskId: e.task_id,
      step: e.step,
      department: e.department,
      comment: e.comment,
      ledgerSeq: e.ledger_seq === null ? null : Number(e.ledger_seq),
      byApplicant: e.actor_account === app.applicant_account,
    })),
    asOfficer: view.asOfficer,
    asSubject: view.asSubject,
  };
}

/** The caller's applications in a list. */
export async function presentMine(ctx: ServiceContext, rows: { app: ApplicationRow; tasks: TaskRow[] }[]) {
  const calendar = await calendarFor(ctx);
  const today = chinaDate(new Date());
  return rows.map(({ app, tasks }) => ({
    ...presentSummary(app),
    tasks: tasks.map((t) => presentTask(t, calendar, today)),
  }));
}

/** The officers' queue, with each task's due status for its warning colour. */
export async function presentQueue(
  ctx: ServiceContext,
  result: {
    today: string;
    counts: { open: number; near: number; overdue: number };
    countCap: number;
    items: QueueRow[];
  },
) {
  const calendar = await calendarFor(ctx);
  return {
    today: result.today,
    counts: result.counts,
    countCap: result.countCap,
    items: result.items.map(({ task, application }) => ({
      taskId: task.id,
      itemCode: task.item_code,
      itemName: task.item_name,
      itemNameEn: task.item_name_en,
      status: task.status,
      step: {
        index: task.step_index,
        kind: task.steps[task.step_index]?.kind ?? null,
        count: task.steps.length,
      },
      department: task.current_department,
      acceptedOn: task.accepted_on,
      dueOn: task.due_on,
      dueStatus: dueStatus(calendar, task.due_on, result.today),
      limitDays: task.limit_days,
      application: {
        id: application.id,
        number: application.number,
        kind: application.kind,
        serviceName: application.service_name,
        serviceNameEn: application.service_name_en,
        applicantName: application.subject_name,
        submittedAt: iso(application.submitted_at),
      },
    })),
  };
}
