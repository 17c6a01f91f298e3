import { createHash, randomBytes } from "node:crypto";
import type { Caller, ServiceContext } from "../../platform/context.js";
import { inTransaction } from "../../platform/db/tx.js";
import { DomainError, notFound, validationError } from "../../platform/errors.js";
import { type Category, categoryTree } from "./categories.service.js";
import { deptByCode } from "./departments.js";
import { publishedForms } from "./public.service.js";
import * as repo from "./requests.repository.js";
import { OPEN311_FIELDS, submit } from "./requests.service.js";

// ---- API keys ---------------------------------------------------------------------------------

const KEY_PREFIX = "o311_";
const hashKey = (key: string) => createHash("sha256").update(key).digest("hex");

/** Issues an Open311 API key: returned once, only its SHA-256 is stored. */
export async function createKey(
  ctx: ServiceContext,
  caller: Caller,
  name: string,
): Promise<{ id: string; name: string; key: string; prefix: string }> {
  const clean = name.trim();
  if (clean === "" || clean.length > 100) {
    throw validationError("name", "A key's name is 1 to 100 characters");
  }
  const key = `${KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  const prefix = key.slice(0, KEY_PREFIX.length + 6);
  const row = await inTransaction(ctx.db, async (tx) => {
    const created = await tx
      .insertInto("open311_keys")
      .values({ name: clean, prefix, key_hash: hashKey(key), created_by: caller.actor.accountId })
      .returning(["id", "name"])
      .executeTakeFirstOrThrow();
    await ctx.ledger.record(tx, {
      action: "requests.open311_key.create",
      actor: caller.actor,
      resource: `open311/keys/${created.id}`,
      outcome: "success",
      requestId: caller.requestId,
      details: { name: clean, prefix },
    });
    return created;
  });
  return { id: row.id, name: row.name, key, prefix };
}

export function listKeys(ctx: ServiceContext) {
  return ctx.db
    .selectFrom("open311_keys")
    .select(["id", "name", "prefix", "created_at", "revoked_at", "last_used_at"])
    .orderBy("created_at", "desc")
    .execute();
}

export async function revokeKey(ctx: ServiceContext, caller: Caller, id: string): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    const done = await tx
      .updateTable("open311_keys")
      .set({ revoked_at: new Date() })
      .where("id", "=", id)
      .where("revoked_at", "is", null)
      .returning("id")
      .executeTakeFirst();
    if (!done) {
      throw notFound("Open311 API key");
    }
    await ctx.ledger.record(tx, {
      action: "requests.open311_key.revoke",
      actor: caller.actor,
      resource: `open311/keys/${id}`,
      outcome: "success",
      requestId: caller.requestId,
    });
  });
}

/** The key's id when it is valid and not revoked; FORBIDDEN (403 in Open311) otherwise. */
export async function verifyKey(ctx: ServiceContext, key: string | undefined): Promise<string> {
  if (!key) {
    throw new DomainError("FORBIDDEN", "api_key was not provided", "api_key");
  }
  const row = await ctx.db
    .updateTable("open311_keys")
    .set({ last_used_at: new Date() })
    .where("key_hash", "=", hashKey(key))
    .where("revoked_at", "is", null)
    .returning("id")
    .executeTakeFirst();
  if (!row) {
    throw new DomainError("FORBIDDEN", "api_key is invalid or revoked", "api_key");
  }
  return row.id;
}

// ---- GeoReport v2 shapes ------------------------------------------------------------------------

/** ISO 8601 with the China offset (+08:00), as GeoReport v2 asks for a time zone on every date. */
export function open311Date(date: Date | null): string | null {
  if (!date) {
    return null;
  }
  const local = new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 19);
  return `${local}+08:00`;
}

/** A date-time filter as GeoReport v2 gives it: ISO 8601 and, for an instant, a zone. */
export function parseOpen311Date(value: string, field: string): Date {
  const m = /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/.exec(value.trim());
  const date = m ? new Date(m[2] ? value.trim() : `${m[1]}T00:00:00+08:00`) : null;
  if (!date || Number.isNaN(date.getTime())) {
    throw validationError(
      field,
      `${field} must be an ISO 8601 date-time with a time zone, e.g. 2026-11-27T09:30:00+08:00`,
    );
  }
  return date;
}

export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: "realtime";
  keywords: string;
  group: string;
}

/** GeoReport services: the second-level categories (and third-level ones imported under them). */
export async function services(ctx: ServiceContext): Promise<Open311Service[]> {
  const tree = await categoryTree(ctx);
  const out: Open311Service[] = [];
  for (const c of tree.list) {
    if (c.level < 2 || !c.active || !c.department) {
      continue;
    }
    const dept = await deptByCode(ctx, c.department);
    out.push({
      service_code: c.code,
      service_name: c.name,
      description: `${c.path.join(" / ")}${dept ? `（${dept.name}）` : ""}`,
      metadata: false,
      type: "realtime",
      keywords: c.keywords.join(","),
      group: tree.byCode.get(c.root)?.name ?? "",
    });
  }
  return out;
}

/** A service definition: this platform asks for no extra attributes. NOT_FOUND for an unknown code. */
export async function serviceDefinition(
  ctx: ServiceContext,
  code: string,
): Promise<{ service_code: string; attributes: [] }> {
  const c = (await categoryTree(ctx)).byCode.get(code);
  if (!c || c.level < 2 || !c.active) {
    throw new DomainError("NOT_FOUND", `service_code ${code} was not found`, "service_code");
  }
  return { service_code: c.code, attributes: [] };
}

export interface Open311PostInput {
  api_key?: string | undefined;
  jurisdiction_id?: string | undefined;
  service_code?: string | undefined;
  lat?: string | undefined;
  long?: string | undefined;
  address_string?: string | undefined;
  address_id?: string | undefined;
  email?: string | undefined;
  device_id?: string | undefined;
  account_id?: string | undefined;
  first_name?: string | undefined;
  last_name?: string | undefined;
  phone?: string | undefined;
  description?: string | undefined;
  media_url?: string | undefined;
  title?: string | undefined;
}

export function checkJurisdiction(ctx: ServiceContext, id: string | undefined): void {
  if (id !== undefined && id !== "" && id !== ctx.config.open311Jurisdiction) {
    throw new DomainError("NOT_FOUND", `jurisdiction_id ${id} was not found`, "jurisdiction_id");
  }
}

const num = (value: string | undefined, field: string): number | null => {
  if (value === undefined || value.trim() === "") {
    return null;
  }
  const n = Number(value);
  if (!Number.isFinite(n)) {
    throw validationError(field, `${field} must be a number in decimal degrees (WGS 84)`);
  }
  return n;
};

/** POST Service Request: api_key, then the same intake as every channel. */
export async function postRequest(
  ctx: ServiceContext,
  caller: Caller,
  input: Open311PostInput,
): Promise<{ service_request_id: string; token: string; service_notice: string; account_id: null }> {
  checkJurisdiction(ctx, input.jurisdiction_id);
  const keyId = await verifyKey(ctx, input.api_key);
  if (!input.service_code?.trim()) {
    throw validationError("service_code", "service_code is required");
  }
  const known = (await categoryTree(ctx)).byCode.get(input.service_code.trim());
  if (!known || known.level < 2 || !known.active) {
    throw validationError(
      "service_code",
      `service_code ${input.service_code} is not a service of this jurisdiction`,
    );
  }
  const name = [input.first_name, input.last_name]
    .map((s) => s?.trim())
    .filter(Boolean)
    .join(" ");
  const row = await submit(
    ctx,
    caller,
    {
      channel: "open311",
      description: input.description ?? "",
      title: input.title ?? null,
      category: known.code,
      anonymous: !name && !input.phone && !input.email,
      contactName: name || null,
      contactPhone: input.phone ?? null,
      contactEmail: input.email ?? null,
      lat: num(input.lat, "lat"),
      lng: num(input.long, "long"),
      address: input.address_string ?? input.address_id ?? null,
      mediaUrl: input.media_url ?? null,
      open311KeyId: keyId,
      requireLocation: true,
    },
    { names: OPEN311_FIELDS, requesterAccountId: null },
  );
  return {
    service_request_id: row.number,
    token: row.token,
    service_notice: serviceNotice(row, known),
    account_id: null,
  };
}

function serviceNotice(row: repo.RequestRow, category: Category): string {
  return row.status === "pending"
    ? `已受理，正由 12345 热线分派。Received; the 12345 centre will dispatch it.`
    : `已受理，派至承办单位，${category.resolveDays} 个工作日内办理。Received and sent to the department responsible.`;
}

export interface Open311Request {
  service_request_id: string;
  status: "open" | "closed";
  status_notes: string | null;
  service_name: string | null;
  service_code: string | null;
  description: string;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: null;
  zipcode: null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

const STATUS_NOTES: Record<repo.RequestRow["status"], string> = {
  pending: "待分派 awaiting dispatch",
  dispatched: "已派单 sent to the department",
  in_progress: "办理中 being handled",
  replied: "已答复 replied",
  closed: "已办结 closed",
};

/**
 * Requests as GeoReport v2 shows them to anyone, in the public view's published form
 * (docs/requests-public.md): personal data removed from the text and the reply, the address and the
 * point generalised, no photo. A request its requester kept out of the public view, or whose
 * category is never shown, keeps only its number, service, status and dates when asked for by id
 * (a client following its own request), and is left out of listings.
 */
export async function presentOpen311(
  ctx: ServiceContext,
  rows: repo.RequestRow[],
  options: { byId: boolean },
): Promise<Open311Request[]> {
  const tree = await categoryTree(ctx);
  const published = await publishedForms(ctx, rows);
  const out: Open311Request[] = [];
  for (const [i, r] of rows.entries()) {
    const view = published[i] ?? null;
    if (!view && !options.byId) {
      continue;
    }
    const code = r.category_code ?? r.proposed_category_code;
    const category = code ? tree.byCode.get(code) : undefined;
    const dept = r.department_code ? await deptByCode(ctx, r.department_code) : undefined;
    out.push({
      service_request_id: r.number,
      status: r.status === "closed" ? "closed" : "open",
      status_notes:
        (r.status === "replied" || r.status === "closed") && view?.reply
          ? view.reply
          : STATUS_NOTES[r.status],
      service_name: category?.name ?? null,
      service_code: category?.code ?? null,
      description: view ? view.description : NOT_PUBLIC,
      agency_responsible: dept?.name ?? null,
      service_notice: view ? null : NOT_PUBLIC,
      requested_datetime: open311Date(r.created_at) as string,
      updated_datetime: open311Date(r.updated_at) as string,
      expected_datetime: r.resolve_due ? `${r.resolve_due}T17:00:00+08:00` : null,
      address: view?.address ?? null,
      address_id: null,
      zipcode: null,
      lat: view?.location?.lat ?? null,
      long: view?.location?.lng ?? null,
      media_url: null,
    });
  }
  return out;
}
const NOT_PUBLIC = "不公开 (not public)";

export interface Open311Query {
  jurisdiction_id?: string | undefined;
  service_request_id?: string | undefined;
  service_code?: string | undefined;
  start_date?: string | undefined;
  end_date?: string | undefined;
  status?: string | undefined;
}

const MAX_SPAN_MS = 90 * 86_400_000;
const MAX_RESULTS = 1000;

/**
 * GET Service Requests: by ids (which override every other filter), else by service codes, status
 * (open, closed) and a window of at most 90 days (the last 90 days by default), newest first, 1,000 at most.
 */
export async function listRequests(ctx: ServiceContext, query: Open311Query): Promise<repo.RequestRow[]> {
  checkJurisdiction(ctx, query.jurisdiction_id);
  const list = (v: string | undefined) =>
    (v ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  const ids = list(query.service_request_id);
  let q = ctx.db.selectFrom("requests").selectAll();
  if (ids.length > 0) {
    if (ids.length > 100) {
      throw validationError("service_request_id", "At most 100 service_request_id values at once");
    }
    return q.where("number", "in", ids).orderBy("created_at", "desc").execute();
  }
  const codes = list(query.service_code);
  if (codes.length > 0) {
    const tree = await categoryTree(ctx);
    for (const code of codes) {
      if (!tree.byCode.has(code)) {
        throw validationError("service_code", `service_code ${code} is not a service of this jurisdiction`);
      }
    }
    q = q.where((eb) =>
      eb.or([
        eb("category_code", "in", codes),
        eb.and([eb("category_code", "is", null), eb("proposed_category_code", "in", codes)]),
      ]),
    );
  }
  const statuses = list(query.status);
  for (const s of statuses) {
    if (s !== "open" && s !== "closed") {
      throw validationError("status", `status must be open or closed (got ${s})`);
    }
  }
  if (statuses.length === 1) {
    q = statuses[0] === "closed" ? q.where("status", "=", "closed") : q.where("status", "!=", "closed");
  }
  const end = query.end_date ? parseOpen311Date(query.end_date, "end_date") : null;
  const start = query.start_date ? parseOpen311Date(query.start_date, "start_date") : null;
  const to = end ?? (start ? new Date(start.getTime() + MAX_SPAN_MS) : new Date());
  const from = start ?? new Date(to.getTime() - MAX_SPAN_MS);
  if (from > to) {
    throw validationError("end_date", "end_date is before start_date");
  }
  if (to.getTime() - from.getTime() > MAX_SPAN_MS) {
    throw validationError("end_date", "start_date and end_date may not span more than 90 days");
  }
  return q
    .where("created_at", ">=", from)
    .where("created_at", "<=", to)
    .orderBy("created_at", "desc")
    .limit(MAX_RESULTS)
    .execute();
}

/** GET Service Request: NOT_FOUND for an unknown id. */
export async function getRequest(
  ctx: ServiceContext,
  number: string,
  jurisdiction?: string,
): Promise<repo.RequestRow> {
  checkJurisdiction(ctx, jurisdiction);
  const row = await repo.findByNumber(ctx.db, number);
  if (!row) {
    throw new DomainError("NOT_FOUND", `service_request_id ${number} was not found`, "service_request_id");
  }
  return row;
}

/** GET service_request_id from a token. */
export async function fromToken(ctx: ServiceContext, token: string, jurisdiction?: string) {
  checkJurisdiction(ctx, jurisdiction);
  const row = await repo.findByToken(ctx.db, token);
  if (!row) {
    throw new DomainError("NOT_FOUND", `token ${token} was not found`, "token");
  }
  return { service_request_id: row.number, token };
}
