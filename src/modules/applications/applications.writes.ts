import { type Insertable, sql } from "kysely";
import type { ServiceContext } from "../../platform/context.js";
import { groupCommitPerDb } from "../../platform/db/group-commit.js";
import { jsonRows } from "../../platform/db/json-rows.js";
import type { DB } from "../../platform/db/schema.js";
import type { Companion, RecordInput } from "../ledger/index.js";
import type { ApplicationRow } from "./applications.service.js";

/**
 * The two writes of an application's hot path — a draft (pre-filled or not) and a submission — for
 * any number of applications at once, each along its ledger entry (Ledger.recordAlongManyReading,
 * the i-th entry recording the i-th application): concurrent callers' applications are written in
 * one statement (a group commit), every row through one JSON parameter (jsonRows) so that the statement's text is the
 * same whatever it holds and PostgreSQL prepares it once per connection. Each caller gets back what
 * the statement wrote for its application (rows as JSON, as `row_to_json` gives them).
 */

/** At most this many applications per statement, and one statement at a time per kind of write. */
const GROUP = { maxBatch: 32, maxInFlight: 1 };

/** The columns a draft is inserted with, and their types in SQL. */
const DRAFT_TYPES = {
  id: "uuid",
  number: "text",
  kind: "text",
  service_code: "text",
  service_name: "text",
  service_name_en: "text",
  lead_department: "text",
  applicant_account: "uuid",
  subject_type: "text",
  subject_id: "uuid",
  subject_name: "text",
  on_behalf: "text",
  promised_days: "integer",
  form: "text",
  prefill: "text",
  materials: "text",
  consents: "text",
};

/** A draft's row as inserted (JSON columns as JSON text). */
export type DraftRow = Required<Pick<Insertable<DB["applications"]>, keyof typeof DRAFT_TYPES>>;

/** An event written with a draft; `recorded`: it names the draft's ledger entry (`ledger_seq`). */
export interface DraftEvent {
  action: string;
  actor: string | null;
  comment: string | null;
  recorded: boolean;
}

export interface DraftItem {
  row: DraftRow;
  events: DraftEvent[];
  entry: RecordInput;
}

/** What a write returned for one application: its row, and the events (and tasks) it wrote. */
export interface WrittenJson {
  app: unknown;
  events: unknown[];
  tasks: unknown[];
  /** The row's version as written (its xmin), for a change that applies to it as written. */
  version: string;
}

const DRAFT_EVENT_TYPES = {
  ord: "integer",
  application_id: "uuid",
  actor: "uuid",
  action: "text",
  comment: "text",
  recorded: "boolean",
};

/** One statement: the drafts, their events and their ledger entries. */
async function writeDrafts(ctx: ServiceContext, items: DraftItem[]): Promise<WrittenJson[]> {
  const events = items.flatMap((item, i) =>
    item.events.map((e) => ({
      ord: i + 1,
      application_id: item.row.id,
      actor: e.actor,
      action: e.action,
      comment: e.comment,
      recorded: e.recorded,
    })),
  );
  const rows = await ctx.ledger.recordAlongManyReading(
    ctx.db,
    items.map((item) => item.entry),
    [
      {
        name: "application",
        sql: sql`insert into applications (id, number, kind, service_code, service_name, service_name_en,
            lead_department, applicant_account, subject_type, subject_id, subject_name, on_behalf, status,
            promised_days, form, prefill, materials, consents)
          select r.id, r.number, r.kind, r.service_code, r.service_name, r.service_name_en, r.lead_department,
            r.applicant_account, r.subject_type, r.subject_id, r.subject_name, r.on_behalf::jsonb, 'draft',
            r.promised_days, r.form::jsonb, r.prefill::jsonb, r.materials::jsonb, r.consents::jsonb
          from ${jsonRows(
            items.map((item) => item.row),
            DRAFT_TYPES,
            "r",
          )}
          order by r.n
          returning *, xmin::text as row_version`,
      },
      {
        name: "application_event",
        sql: sql`insert into application_events (application_id, task_id, actor_account, action, step, department,
            comment, ledger_seq)
          select e.application_id, null, e.actor, e.action, null, null, e.comment,
            case when e.recorded then s.seq end
          from ${jsonRows(events, DRAFT_EVENT_TYPES, "e")}
          join entry_seqs s on s.ord = e.ord
          order by e.n
          returning *`,
      },
    ],
    sql<{ id: string; app: unknown; events: unknown[]; version: string }>`select a.id,
        to_jsonb(a) - 'row_version' as app, a.row_version as version,
        (select coalesce(json_agg(e order by e.id), '[]'::json) from application_event e
          where e.application_id = a.id) as events
      from application a`,
  );
  return inOrder(
    items.map((item) => item.row.id),
    rows.map((r) => ({ id: r.id, written: { app: r.app, events: r.events, tasks: [], version: r.version } })),
  );
}

/** The written rows in the order of the items (by application id). */
function inOrder(ids: string[], rows: { id: string; written: WrittenJson }[]): WrittenJson[] {
  const byId = new Map(rows.map((r) => [r.id, r.written]));
  return ids.map((id) => {
    const written = byId.get(id);
    if (!written) {
      throw new Error(`applications: the write returned no row for application ${id}`);
    }
    return written;
  });
}

/**
 * Writes a draft with its events along its ledger entry and returns what was written. Concurrent
 * drafts are written together (group commit, one statement): each is as atomic with its entry as
 * alone, and each call returns only after the statement holding its draft succeeded, or fails with
 * its own error (see groupCommit). Inside a caller's transaction, at once.
 */
export const writeDraft = groupCommitPerDb(writeDrafts, GROUP);

/** The columns a task is inserted with, and their types in SQL. */
const TASK_TYPES = {
  application_id: "uuid",
  item_code: "text",
  item_name: "text",
  item_name_en: "text",
  department: "text",
  steps: "text",
  step_index: "integer",
  current_department: "text",
  status: "text",
  after_codes: "text",
  limit_days: "integer",
  statutory_days: "integer",
  accepted_on: "date",
  due_on: "date",
  started_at: "timestamptz",
};

/** A task as a submission starts it (JSON columns as JSON text). */
export type NewTask = Required<Pick<Insertable<DB["application_tasks"]>, keyof typeof TASK_TYPES>>;

/** A submission: the draft as read and checked (`version`, its xmin), what changes, its tasks. */
export interface SubmissionItem {
  id: string;
  version: string;
  submittedAt: Date;
  acceptedOn: string;
  dueOn: string | null;
  actor: string | null;
  tasks: NewTask[];
  entry: RecordInput;
  /** The application as it will be once submitted (for `along`). */
  app: ApplicationRow;
}

/**
 * Statements to write along a batch of submissions (notifications: ConclusionHooks.onSubmitted), in
 * the same statement, and what to do once it succeeded.
 */
export type SubmissionCompanions = (
  apps: ApplicationRow[],
) => Promise<{ companions: Companion[]; after: () => Promise<void> }>;

const SUBMISSION_TYPES = {
  ord: "integer",
  id: "uuid",
  version: "text",
  submitted_at: "timestamptz",
  accepted_on: "date",
  due_on: "date",
  actor: "uuid",
  first: "boolean",
};

/**
 * One statement: the submissions, each applying only to its draft as read (xmin), with their tasks,
 * events and ledger entries and what `along` adds. When a draft changed since it was read (or the
 * batch holds the same draft twice), the statement fails as a whole (applications_changed_meanwhile,
 * SQLSTATE YA409, migration 20261127T2020); the group commit then writes each submission alone, so
 * that only those whose draft changed fail, and are checked again.
 */
async function writeSubmissions(
  ctx: ServiceContext,
  items: SubmissionItem[],
  along: SubmissionCompanions | undefined,
): Promise<WrittenJson[]> {
  const seen = new Set<string>();
  const submissions = items.map((item, i) => {
    const first = !seen.has(item.id);
    seen.add(item.id);
    return {
      ord: i + 1,
      id: item.id,
      version: item.version,
      submitted_at: item.submittedAt,
      accepted_on: item.acceptedOn,
      due_on: item.dueOn,
      actor: item.actor,
      first,
    };
  });
  const extra = along ? await along(items.map((item) => item.app)) : null;
  const rows = await ctx.ledger.recordAlongManyReading(
    ctx.db,
    items.map((item) => item.entry),
    [
      {
        name: "application",
        sql: sql`update applications a set status = 'submitted', submitted_at = u.submitted_at,
            accepted_on = u.accepted_on, due_on = u.due_on, updated_at = u.submitted_at
          from ${jsonRows(submissions, SUBMISSION_TYPES, "u")}
          where a.id = u.id and a.xmin = u.version::xid and u.first
          returning a.*, a.xmin::text as row_version`,
      },
      {
        name: "application_tasks_new",
        sql: sql`insert into application_tasks (application_id, item_code, item_name, item_name_en, department,
            steps, step_index, current_department, status, after_codes, limit_days, statutory_days, accepted_on,
            due_on, started_at)
          select t.application_id, t.item_code, t.item_name, t.item_name_en, t.department, t.steps::jsonb,
            t.step_index, t.current_department, t.status, t.after_codes::jsonb, t.limit_days, t.statutory_days,
            t.accepted_on, t.due_on, t.started_at
          from ${jsonRows(
            items.flatMap((item) => item.tasks),
            TASK_TYPES,
            "t",
          )}
          order by t.n
          returning *`,
      },
      {
        // Its application id is the updated row's: when a draft changed since it was read (or is a
        // second submission of the same draft), none, and the statement fails as a whole.
        name: "application_event",
        sql: sql`insert into application_events (application_id, task_id, actor_account, action, step, department,
            comment, ledger_seq)
          select coalesce((select x.id from application x where x.id = u.id and u.first),
              applications_changed_meanwhile()),
            null, u.actor, 'submit', null, null, null, s.seq
          from ${jsonRows(submissions, SUBMISSION_TYPES, "u")}
          join entry_seqs s on s.ord = u.ord
          order by u.n
          returning *`,
      },
      ...(extra?.companions ?? []),
    ],
    sql<{ id: string; app: unknown; tasks: unknown[]; event: unknown; version: string }>`select a.id,
        to_jsonb(a) - 'row_version' as app, a.row_version as version,
        (select coalesce(json_agg(t order by t.item_code), '[]'::json) from application_tasks_new t
          where t.application_id = a.id) as tasks,
        (select row_to_json(e) from application_event e where e.application_id = a.id) as event
      from application a`,
  );
  const written = inOrder(
    items.map((item) => item.id),
    rows.map((r) => ({
      id: r.id,
      written: { app: r.app, events: [r.event], tasks: r.tasks, version: r.version },
    })),
  );
  await extra?.after();
  return written;
}

const submissionWriters = new WeakMap<
  object,
  (ctx: ServiceContext, item: SubmissionItem) => Promise<WrittenJson>
>();
const NOTHING_ALONG = {};

/**
 * Writes a submission (see writeSubmissions) and returns what was written; concurrent submissions
 * with the same `along` are written together (group commit, one statement). Inside a caller's
 * transaction, at once.
 */
export function writeSubmission(
  ctx: ServiceContext,
  item: SubmissionItem,
  along: SubmissionCompanions | undefined,
): Promise<WrittenJson> {
  const key = along ?? NOTHING_ALONG;
  let write = submissionWriters.get(key);
  if (!write) {
    write = groupCommitPerDb(
      (c: ServiceContext, batch: SubmissionItem[]) => writeSubmissions(c, batch, along),
      GROUP,
    );
    submissionWriters.set(key, write);
  }
  return write(ctx, item);
}
