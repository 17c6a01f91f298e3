import { createHash, randomBytes, randomUUID } from "node:crypto";
import { sql } from "kysely";
import { calendarFor, chinaDate } from "../../platform/calendar/index.js";
import type { Caller, ServiceContext } from "../../platform/context.js";
import { groupCommitPerDb } from "../../platform/db/group-commit.js";
import { inTransaction } from "../../platform/db/tx.js";
import { DomainError, forbidden, notFound, validationError } from "../../platform/errors.js";
import type { RecordInput } from "../ledger/index.js";
import { assertMayRead, isCentre, type Relation, relationOf } from "./access.js";
import { type Category, categoryOrThrow, categoryTree, propose } from "./categories.service.js";
import { deadlinesFrom } from "./deadlines.js";
import { callerDepartmentCodes } from "./departments.js";
import * as repo from "./requests.repository.js";
import type { Channel, RequestStatus } from "./requests.tables.js";
import {
  bigramCodes,
  boundingBox,
  distanceMetres,
  jaccardAtLeast,
  MAX_TEXT,
  mayReach,
  normalisePhone,
} from "./text.js";

/** What any channel hands to intake. Field names in errors follow `names` (the JSON API's or Open311's). */
export interface IntakeInput {
  channel: Channel;
  title?: string | null | undefined;
  description: string;
  /** The category the filer chose (Open311 service_code), if any. */
  category?: string | null | undefined;
  anonymous?: boolean | undefined;
  contactName?: string | null | undefined;
  contactPhone?: string | null | undefined;
  contactEmail?: string | null | undefined;
  lat?: number | null | undefined;
  lng?: number | null | undefined;
  address?: string | null | undefined;
  mediaUrl?: string | null | undefined;
  open311KeyId?: string | null | undefined;
  /** Open311 requires a location (coordinates or an address). */
  requireLocation?: boolean;
  /** May appear, redacted, in the public view (default yes). */
  publicView?: boolean | undefined;
}

type FieldKey =
  | "title"
  | "description"
  | "category"
  | "contactName"
  | "contactPhone"
  | "contactEmail"
  | "lat"
  | "lng"
  | "address"
  | "mediaUrl";

const API_FIELDS: Record<FieldKey, string> = {
  title: "body.title",
  description: "body.description",
  category: "body.category",
  contactName: "body.contactName",
  contactPhone: "body.contactPhone",
  contactEmail: "body.contactEmail",
  lat: "body.lat",
  lng: "body.lng",
  address: "body.address",
  mediaUrl: "body.mediaUrl",
};

export const OPEN311_FIELDS: Record<FieldKey, string> = {
  title: "title",
  description: "description",
  category: "service_code",
  contactName: "first_name",
  contactPhone: "phone",
  contactEmail: "email",
  lat: "lat",
  lng: "long",
  address: "address_string",
  mediaUrl: "media_url",
};

/** Text as stored: as typed (markup stays text), but never empty, oversize, or holding NUL characters. */
function cleanText(
  value: string | null | undefined,
  field: string,
  max: number,
  required: boolean,
): string | null {
  const text = value?.trim() ?? "";
  if (text === "") {
    if (required) {
      throw validationError(field, `${field} is required and cannot be empty`);
    }
    return null;
  }
  if ([...text].length > max) {
    throw validationError(
      field,
      `${field} is at most ${max.toLocaleString("en")} characters (got ${[...text].length.toLocaleString("en")})`,
    );
  }
  if (text.includes("\u0000")) {
    throw validationError(field, `${field} contains a NUL character`);
  }
  return text;
}

interface Clean {
  title: string | null;
  description: string;
  category: Category | null;
  anonymous: boolean;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  lat: number | null;
  lng: number | null;
  address: string | null;
  mediaUrl: string | null;
}

async function validate(
  ctx: ServiceContext,
  input: IntakeInput,
  names: Record<FieldKey, string>,
): Promise<Clean> {
  const description = cleanText(input.description, names.description, MAX_TEXT, true) as string;
  const title = cleanText(input.title, names.title, 100, false);
  const hasLat = input.lat !== null && input.lat !== undefined;
  const hasLng = input.lng !== null && input.lng !== undefined;
  if (hasLat !== hasLng) {
    throw validationError(
      hasLat ? names.lng : names.lat,
      `Give both ${names.lat} and ${names.lng}, or neither`,
    );
  }
  if (hasLat && (!Number.isFinite(input.lat) || (input.lat as number) < -90 || (input.lat as number) > 90)) {
    throw validationError(names.lat, `${names.lat} must be a latitude between -90 and 90 (WGS 84 degrees)`);
  }
  if (
    hasLng &&
    (!Number.isFinite(input.lng) || (input.lng as number) < -180 || (input.lng as number) > 180)
  ) {
    throw validationError(
      names.lng,
      `${names.lng} must be a longitude between -180 and 180 (WGS 84 degrees)`,
    );
  }
  const address = cleanText(input.address, names.address, 200, false);
  if (input.requireLocation && !hasLat && !address) {
    throw validationError(
      names.lat,
      `A location is required: ${names.lat} and ${names.lng}, or ${names.address}`,
    );
  }
  let category: Category | null = null;
  if (input.category) {
    category = await categoryOrThrow(ctx, input.category, names.category);
  }
  let contactPhone: string | null = null;
  if (input.contactPhone?.trim()) {
    contactPhone = normalisePhone(input.contactPhone);
    if (!contactPhone) {
      throw validationError(names.contactPhone, `${names.contactPhone} is not a phone number`);
    }
  }
  const contactEmail = cleanText(input.contactEmail, names.contactEmail, 200, false);
  if (contactEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contactEmail)) {
    throw validationError(names.contactEmail, `${names.contactEmail} is not an e-mail address`);
  }
  const mediaUrl = cleanText(input.mediaUrl, names.mediaUrl, 500, false);
  if (mediaUrl && !/^https?:\/\/[^\s]+$/i.test(mediaUrl)) {
    throw validationError(names.mediaUrl, `${names.mediaUrl} must be an http(s) URL`);
  }
  return {
    title,
    description,
    category,
    anonymous: input.anonymous ?? false,
    contactName: cleanText(input.contactName, names.contactName, 50, false),
    contactPhone,
    contactEmail,
    lat: hasLat ? (input.lat as number) : null,
    lng: hasLng ? (input.lng as number) : null,
    address,
    mediaUrl,
  };
}

const THIS_TEXT_SIMILAR = 0.8;
const RECENT_TEXTS = 300;

/**
 * Files a request from any channel: validates, asks the classifier, stores it, links likely
 * duplicates and earlier requests of the same caller, and dispatches it at once when the proposal's
 * confidence reaches the threshold (else it waits for the dispatcher). One transaction, one ledger entry.
 */
export async function submit(
  ctx: ServiceContext,
  caller: Caller,
  input: IntakeInput,
  options: { names?: Record<FieldKey, string>; requesterAccountId?: string | null } = {},
): Promise<repo.RequestRow> {
  const names = options.names ?? API_FIELDS;
  const clean = await validate(ctx, input, names);
  if (input.channel === "hotline" && !clean.contactPhone) {
    throw validationError(names.contactPhone, "A hotline request needs the caller's phone number");
  }
  const text = clean.title ? `${clean.title}\n${clean.description}` : clean.description;
  const proposal = await propose(ctx, text);
  // The filer's own choice of category is trusted when the classifier agrees on the first level.
  let proposed: { category: Category; department: string; confidence: number; by: string } | null = proposal;
  if (clean.category) {
    const agrees = proposal !== null && proposal.category.root === clean.category.root;
    proposed = {
      category: clean.category,
      department: clean.category.department,
      confidence: agrees ? Math.max(proposal.confidence, 0.8) : 0.5,
      by: "filer",
    };
  }
  const requesterAccountId =
    options.requesterAccountId !== undefined
      ? options.requesterAccountId
      : input.channel === "hotline"
        ? null
        : caller.actor.accountId;
  const calendar = await calendarFor(ctx);
  const now = new Date();
  const day = chinaDate(now).replaceAll("-", "");
  const auto =
    proposed !== null && proposed.department !== "" && proposed.confidence >= ctx.config.dispatchThreshold;
  // Two round trips and no transaction: the look-ups (number, link candidates), then one statement
  // writing the request, its links, events and assignment along its ledger entry (atomic as one),
  // which returns what it wrote for the answer.
  const id = randomUUID();
  const related = await findRelated(ctx, {
    text: clean.description,
    category: proposed?.category.code ?? null,
    lat: clean.lat,
    lng: clean.lng,
    account: requesterAccountId,
    phone: clean.contactPhone,
    now,
    day,
  });
  const due = auto && proposed ? deadlinesFrom(calendar, now, proposed.category) : null;
  const events: repo.IntakeItem["events"][number][] = [
    {
      kind: "submitted",
      actor: caller.actor.accountId,
      department: null,
      public: true,
      details: { channel: input.channel },
    },
  ];
  if (due && proposed) {
    events.push({
      kind: "dispatched",
      actor: null,
      department: proposed.department,
      public: true,
      details: {
        category: proposed.category.code,
        coHandlers: [],
        automatic: true,
        resolveDue: due.resolveDue,
      },
    });
  }
  const item: repo.IntakeItem = {
    request: {
      id,
      number: related.number,
      token: randomBytes(12).toString("base64url"),
      channel: input.channel,
      status: due ? "dispatched" : "pending",
      title: clean.title,
      description: clean.description,
      category_code: due && proposed ? proposed.category.code : null,
      department_code: due && proposed ? proposed.department : null,
      proposed_category_code: proposed?.category.code ?? null,
      proposed_department_code: proposed?.department || null,
      proposed_confidence: proposed?.confidence ?? null,
      proposed_by: proposed?.by ?? null,
      requester_account_id: requesterAccountId,
      entered_by: input.channel === "hotline" ? caller.actor.accountId : null,
      anonymous: clean.anonymous,
      contact_name: clean.anonymous ? null : clean.contactName,
      contact_phone: clean.contactPhone,
      contact_email: clean.anonymous ? null : clean.contactEmail,
      lat: clean.lat,
      lng: clean.lng,
      address: clean.address,
      media_url: clean.mediaUrl,
      open311_key_id: input.open311KeyId ?? null,
      public_view: input.publicView ?? true,
      duplicate_of: related.duplicateOf,
      text_bigrams: related.mine.length,
      created_at: now,
      dispatched_at: due ? now : null,
      contact_due_at: due ? due.contactDueAt : null,
      resolve_due: due ? due.resolveDue : null,
      resolve_due_estimated: due ? due.estimated : false,
    },
    links: related.links,
    events,
    lead: due && proposed ? { department: proposed.department, by: caller.actor.accountId } : null,
  };
  const written = await writeIntake(ctx, item, {
    action: "requests.submit",
    actor: caller.actor,
    subjects: requesterAccountId ? [{ type: "account", id: requesterAccountId }] : [],
    resource: `requests/${id}`,
    outcome: "success",
    requestId: caller.requestId,
    details: {
      number: related.number,
      channel: input.channel,
      anonymous: clean.anonymous,
      proposedCategory: proposed?.category.code ?? null,
      proposedBy: proposed?.by ?? null,
      confidence: proposed ? Math.round(proposed.confidence * 1000) / 1000 : null,
      dispatchedTo: auto && proposed ? proposed.department : null,
      duplicates: related.duplicates,
    },
  });
  rememberText(id, related.mine);
  justWritten.set(written.request, written);
  return written.request;
}

/** At most this many requests per write, and one write at a time: requests arriving meanwhile go together. */
const GROUP = { maxBatch: 32, maxInFlight: 1 };

/**
 * Writes a request with its ledger entry and returns what was written. Concurrent intakes are
 * written together (group commit): one statement for the batch, so each request is as atomic with
 * its entry as before, and each call returns only after the statement holding its request
 * succeeded, or fails with its own error (see groupCommit). Inside a caller's transaction, at once.
 */
function writeIntake(ctx: ServiceContext, item: repo.IntakeItem, entry: RecordInput): Promise<repo.Written> {
  return intakeWriter(ctx, { item, entry });
}

const intakeWriter = groupCommitPerDb(
  (ctx: ServiceContext, batch: { item: repo.IntakeItem; entry: RecordInput }[]) =>
    writeIntakes(ctx, ctx.db, batch),
  GROUP,
);

/** One statement: the batch's requests, links, events and assignments along their ledger entries. */
async function writeIntakes(
  ctx: ServiceContext,
  db: ServiceContext["db"],
  batch: { item: repo.IntakeItem; entry: RecordInput }[],
): Promise<repo.Written[]> {
  const write = repo.intakeWrite(batch.map((b) => b.item));
  const rows = await ctx.ledger.recordAlongManyReading(
    db,
    batch.map((b) => b.entry),
    write.companions,
    write.read,
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return batch.map(({ item }) => {
    const row = byId.get(item.request.id);
    if (!row) {
      throw new Error(`intake: the write returned no row for request ${item.request.id}`);
    }
    return repo.readWritten(row, item);
  });
}

/**
 * What intake wrote, by the row it returned: the detail answered after intake is built from it, as
 * the statement that wrote the request returned it, without reading it again. A request filed a
 * moment ago has no photos or return visits, and no other request links to it yet.
 */
const justWritten = new WeakMap<repo.RequestRow, repo.Written>();

/** Character-bigram sets of recent requests by id (descriptions never change), most recent last. */
const textCache = new Map<string, Float64Array>();
const TEXT_CACHE_SIZE = 4096;

function rememberText(id: string, codes: Float64Array): void {
  textCache.delete(id);
  textCache.set(id, codes);
  if (textCache.size > TEXT_CACHE_SIZE) {
    textCache.delete(textCache.keys().next().value as string);
  }
}

/**
 * Finds the links of a new request: likely duplicates (same category nearby, or a near-identical
 * text among the most recent requests) and the caller's earlier requests, with the number it gets.
 */
async function findRelated(
  ctx: ServiceContext,
  r: {
    text: string;
    category: string | null;
    lat: number | null;
    lng: number | null;
    account: string | null;
    phone: string | null;
    now: Date;
    day: string;
  },
): Promise<{
  number: string;
  links: Omit<Parameters<typeof repo.addLinks>[1][number], "requestId">[];
  duplicates: number;
  duplicateOf: string | null;
  mine: Float64Array;
}> {
  const since = new Date(r.now.getTime() - ctx.config.duplicateDays * 86_400_000);
  const point = r.lat !== null && r.lng !== null ? { lat: r.lat, lng: r.lng } : null;
  const mine = bigramCodes(r.text);
  const looked = await repo.intakeLookups(ctx.db, {
    day: r.day,
    since,
    nearby:
      r.category && point && ctx.config.duplicateMetres > 0
        ? { category: r.category, box: boundingBox(point, ctx.config.duplicateMetres) }
        : null,
    recent: mine.length >= 4 ? { limit: RECENT_TEXTS, bigrams: mine.length } : null,
    account: r.account,
    phone: r.phone,
  });
  const found = new Map<string, { reason: string; score: number; original: string; at: Date }>();
  if (point) {
    for (const n of looked.nearby) {
      const d = distanceMetres(point, { lat: n.lat, lng: n.lng });
      if (d <= ctx.config.duplicateMetres) {
        const score = Math.round((1 - d / Math.max(ctx.config.duplicateMetres, 1)) * 1000) / 1000;
        found.set(n.id, { reason: "nearby", score, original: n.duplicate_of ?? n.id, at: n.created_at });
      }
    }
  }
  if (mine.length >= 4) {
    const missing = looked.recent.filter((o) => !textCache.has(o.id)).map((o) => o.id);
    for (const t of await repo.textsOf(ctx.db, missing)) {
      rememberText(t.id, bigramCodes(t.description));
    }
    for (const other of looked.recent) {
      const theirs = textCache.get(other.id);
      if (!theirs || !mayReach(mine.length, theirs.length, THIS_TEXT_SIMILAR)) {
        continue;
      }
      const score = jaccardAtLeast(mine, theirs, THIS_TEXT_SIMILAR);
      if (score !== null && (found.get(other.id)?.score ?? 0) < score) {
        found.set(other.id, {
          reason: "similar_text",
          score: Math.round(score * 1000) / 1000,
          original: other.duplicate_of ?? other.id,
          at: other.created_at,
        });
      }
    }
  }
  const links: Omit<Parameters<typeof repo.addLinks>[1][number], "requestId">[] = [...found].map(
    ([relatedId, f]) => ({ relatedId, kind: "duplicate", reason: f.reason, score: f.score }),
  );
  for (const earlier of looked.earlier) {
    links.push({
      relatedId: earlier.id,
      kind: "repeat",
      reason: r.account && earlier.requester_account_id === r.account ? "same_account" : "same_phone",
      score: 1,
    });
  }
  const original =
    found.size > 0
      ? ([...found.values()].sort((a, b) => a.at.getTime() - b.at.getTime())[0]?.original ?? null)
      : null;
  return { number: looked.number, links, duplicates: found.size, duplicateOf: original, mine };
}

// ---- reading ----------------------------------------------------------------------------------

/** A request with everything its detail view needs, and how the caller stands to it. */
export interface RequestDetail {
  request: repo.RequestRow;
  relation: Relation;
  assignments: repo.AssignmentRow[];
  events: repo.EventRow[];
  links: Awaited<ReturnType<typeof repo.linksOf>>;
  photos: repo.PhotoMeta[];
  returnVisits: repo.ReturnVisitRow[];
}

/**
 * A request as the caller may see it (the requester sees the public history only). `loaded` is its
 * row when the caller has just read it (intake), which saves reading it again.
 */
export async function getRequest(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  loaded?: repo.RequestRow,
): Promise<RequestDetail> {
  const written = loaded?.id === id ? justWritten.get(loaded) : undefined;
  const request = loaded?.id === id ? loaded : await repo.findRequest(ctx.db, id);
  if (!request) {
    throw notFound("Request");
  }
  const assignments = written ? written.assignments : await repo.assignmentsOf(ctx.db, [id]);
  const relation = await relationOf(ctx, caller, request, assignments);
  assertMayRead(caller, relation);
  const staffView = relation.centre || relation.handler || relation.reader;
  if (written) {
    return {
      request,
      relation,
      assignments,
      events: staffView ? written.events : written.events.filter((e) => e.public),
      links: staffView ? written.links : [],
      photos: [],
      returnVisits: [],
    };
  }
  const [events, links, photos, returnVisits] = await Promise.all([
    repo.eventsOf(ctx.db, id, !staffView),
    staffView ? repo.linksOf(ctx.db, id) : Promise.resolve([]),
    repo.photosOf(ctx.db, id),
    repo.returnVisitsOf(ctx.db, id),
  ]);
  return { request, relation, assignments, events, links, photos, returnVisits };
}

/**
 * The caller's phone number in clear, for the handling screen only (the lead or a co-handling
 * department, or the hotline centre calling back); recorded in the ledger. Anonymous requests keep it.
 */
export async function revealContact(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
): Promise<{ name: string | null; phone: string | null; email: string | null }> {
  const request = await repo.findRequest(ctx.db, id);
  if (!request) {
    throw notFound("Request");
  }
  const relation = await relationOf(ctx, caller, request, await repo.assignmentsOf(ctx.db, [id]));
  assertMayRead(caller, relation);
  if (!(relation.lead || relation.co || relation.centre)) {
    throw forbidden("Only the department handling the request sees the caller's contact details");
  }
  if (request.anonymous) {
    throw new DomainError("FORBIDDEN", "The requester asked to stay anonymous: no contact details are shown");
  }
  await ctx.ledger.record(ctx.db, {
    action: "requests.contact.read",
    actor: caller.actor,
    subjects: request.requester_account_id ? [{ type: "account", id: request.requester_account_id }] : [],
    resource: `requests/${id}`,
    purpose: "handling a citizen's request",
    outcome: "success",
    requestId: caller.requestId,
    details: { number: request.number },
  });
  return { name: request.contact_name, phone: request.contact_phone, email: request.contact_email };
}

export interface ListFilter {
  status?: RequestStatus | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

/** The caller's own requests, newest first. */
export async function listMine(ctx: ServiceContext, caller: Caller, filter: ListFilter) {
  if (!caller.actor.accountId) {
    throw forbidden();
  }
  let q = ctx.db.selectFrom("requests").where("requester_account_id", "=", caller.actor.accountId);
  if (filter.status) {
    q = q.where("status", "=", filter.status);
  }
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy("created_at", "desc").limit(filter.limit).offset(filter.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export type QueueView = "dispatch" | "department" | "all";

/**
 * Work queues: `dispatch` (the centre's requests waiting for a department), `department` (requests
 * whose open assignments belong to the caller's departments, with their deadlines), `all`
 * (leaders, auditors and the centre: every request).
 */
export async function listQueue(ctx: ServiceContext, caller: Caller, view: QueueView, filter: ListFilter) {
  const centre = await isCentre(ctx, caller);
  const reader = caller.actor.roles.includes("leader") || caller.actor.roles.includes("auditor");
  let q = ctx.db.selectFrom("requests");
  if (view === "dispatch") {
    if (!centre && !reader) {
      throw forbidden("The dispatch queue is for the 12345 centre");
    }
    q = q.where("status", "=", "pending");
  } else if (view === "department") {
    const mine = await callerDepartmentCodes(ctx, caller);
    if (mine.length === 0) {
      throw forbidden("Your account belongs to no department");
    }
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("request_assignments as a")
          .select(sql`1`.as("one"))
          .whereRef("a.request_id", "=", "requests.id")
          .where("a.department_code", "in", mine)
          .where("a.status", "in", ["dispatched", "accepted", "done"]),
      ),
    );
    if (!filter.status) {
      q = q.where("status", "!=", "closed");
    }
  } else if (!centre && !reader) {
    throw forbidden("Only the 12345 centre, leaders and auditors see every request");
  }
  if (filter.status) {
    q = q.where("status", "=", filter.status);
  }
  if (filter.q) {
    const like = `%${filter.q.replaceAll("\\", "\\\\").replaceAll("%", "\\%").replaceAll("_", "\\_")}%`;
    q = q.where((eb) =>
      eb.or([eb("number", "=", filter.q ?? ""), eb("description", "like", like), eb("title", "like", like)]),
    );
  }
  const order = view === "department" ? "resolve_due" : "created_at";
  const [rows, total] = await Promise.all([
    q
      .selectAll()
      .orderBy(order, view === "department" ? "asc" : "desc")
      .orderBy("created_at", "desc")
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  const assignments = await repo.assignmentsOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  return { rows, total: Number(total.n), assignments };
}

// ---- photos -----------------------------------------------------------------------------------

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const MAX_PHOTOS = 6;

/** The image type a file's first bytes show (PNG or JPEG), whatever the client said. */
export function sniffImage(bytes: Uint8Array): "image/png" | "image/jpeg" | null {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) {
    return "image/png";
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return "image/jpeg";
  }
  return null;
}

/** Adds a photo (PNG or JPEG by its magic bytes, at most 5 MB) to an open request: the requester or the hotline centre. */
export async function addPhoto(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  declaredType: string,
  bytes: Buffer,
): Promise<repo.PhotoMeta> {
  if (bytes.length === 0) {
    throw validationError("body", "The photo is empty");
  }
  if (bytes.length > MAX_PHOTO_BYTES) {
    throw new DomainError("PAYLOAD_TOO_LARGE", "A photo is at most 5 MB", "body");
  }
  const sniffed = sniffImage(bytes);
  if (!sniffed) {
    throw new DomainError("UNSUPPORTED_MEDIA_TYPE", "Only PNG and JPEG photos are accepted", "body");
  }
  if (sniffed !== declaredType) {
    throw new DomainError("UNSUPPORTED_MEDIA_TYPE", `The file is ${sniffed}, not ${declaredType}`, "body");
  }
  return inTransaction(ctx.db, async (tx) => {
    const request = await repo.lockRequest(tx, id);
    if (!request) {
      throw notFound("Request");
    }
    const relation = await relationOf(
      { ...ctx, db: tx },
      caller,
      request,
      await repo.assignmentsOf(tx, [id]),
    );
    assertMayRead(caller, relation);
    if (!relation.requester && !(relation.centre && request.channel === "hotline")) {
      throw forbidden("Only the requester adds photos to a request");
    }
    if (request.status === "closed") {
      throw new DomainError("CONFLICT", "The request is closed");
    }
    const count = await tx
      .selectFrom("request_photos")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("request_id", "=", id)
      .executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_PHOTOS) {
      throw new DomainError("CONFLICT", `A request holds at most ${MAX_PHOTOS} photos`);
    }
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const photo = await tx
      .insertInto("request_photos")
      .values({
        request_id: id,
        content_type: sniffed,
        size_bytes: bytes.length,
        sha256,
        data: bytes,
        uploaded_by: caller.actor.accountId,
      })
      .returning(["id", "request_id", "content_type", "size_bytes", "sha256", "uploaded_by", "created_at"])
      .executeTakeFirstOrThrow();
    const seq = await ctx.ledger.record(tx, {
      action: "requests.photo.add",
      actor: caller.actor,
      resource: `requests/${id}`,
      outcome: "success",
      requestId: caller.requestId,
      details: { number: request.number, sha256, bytes: bytes.length },
    });
    await repo.addEvent(tx, {
      requestId: id,
      kind: "photo_added",
      actor: caller.actor.accountId,
      public: true,
      ledgerSeq: seq,
    });
    return photo;
  });
}

/** A photo's bytes, for whoever may read the request. */
export async function getPhoto(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  photoId: string,
): Promise<{ contentType: string; data: Buffer }> {
  await getRequest(ctx, caller, id);
  const photo = await ctx.db
    .selectFrom("request_photos")
    .select(["content_type", "data"])
    .where("id", "=", photoId)
    .where("request_id", "=", id)
    .executeTakeFirst();
  if (!photo) {
    throw notFound("Photo");
  }
  return { contentType: photo.content_type, data: Buffer.from(photo.data) };
}

/** The category tree for forms and Open311 (active categories only). */
export async function listCategories(ctx: ServiceContext): Promise<Category[]> {
  return (await categoryTree(ctx)).list.filter((c) => c.active);
}

const HOTLINE_FIELDS: Record<FieldKey, string> = {
  ...API_FIELDS,
  contactName: "body.callerName",
  contactPhone: "body.callerPhone",
};

export interface HotlineInput {
  title?: string | undefined;
  description: string;
  category?: string | undefined;
  anonymous?: boolean | undefined;
  callerName?: string | undefined;
  callerPhone: string;
  address?: string | undefined;
  lat?: number | undefined;
  lng?: number | undefined;
  publicView?: boolean | undefined;
}

/** A 12345 hotline agent files what a caller says, with the caller's phone number (required). */
export async function submitHotline(
  ctx: ServiceContext,
  caller: Caller,
  input: HotlineInput,
): Promise<repo.RequestRow> {
  if (!(await isCentre(ctx, caller))) {
    throw forbidden("Only 12345 hotline agents file telephone requests");
  }
  return submit(
    ctx,
    caller,
    {
      channel: "hotline",
      title: input.title,
      description: input.description,
      category: input.category,
      anonymous: input.anonymous,
      contactName: input.callerName,
      contactPhone: input.callerPhone,
      address: input.address,
      lat: input.lat,
      lng: input.lng,
      publicView: input.publicView,
    },
    { names: HOTLINE_FIELDS, requesterAccountId: null },
  );
}

/** What a staff member does here: whether they are of the 12345 centre, and the departments whose queues they see. */
export async function workspace(
  ctx: ServiceContext,
  caller: Caller,
): Promise<{ centre: boolean; departments: string[]; reader: boolean }> {
  return {
    centre: await isCentre(ctx, caller),
    departments: caller.actor.roles.includes("officer") ? await callerDepartmentCodes(ctx, caller) : [],
    reader: caller.actor.roles.includes("leader") || caller.actor.roles.includes("auditor"),
  };
}
