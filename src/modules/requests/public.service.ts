/**
 * The public view of requests (issue 7, point 7): a redacted projection anyone may read, with
 * filters that never look at what the projection removed. SQL narrows by what is safe to compare
 * (category, status, the requester's consent) and by supersets of the rest (a widened box, the raw
 * text containing the words); the published form is then built and the filters are checked against
 * it, so no filter can tell whether a removed name, number or exact point was there.
 */
import type {
  PublicRequest,
  PublicRequestFilters,
  PublicRequestPage,
} from "../../../shared/requests/public.js";
import type { Caller, ServiceContext } from "../../platform/context.js";
import { inTransaction } from "../../platform/db/tx.js";
import { notFound, validationError } from "../../platform/errors.js";
import { accounts, directory } from "../identity/index.js";
import { personNameWords } from "../insight/index.js";
import { type CategoryTree, categoryTree } from "./categories.service.js";
import { deptByCode } from "./departments.js";
import * as repo from "./public.repository.js";
import { classOf, generalisePoint, MAX_SHIFT, mentionsHome } from "./public-rules.js";
import { generaliseAddress, type KnownPerson, redactForPublic } from "./redact.js";
import { findRequest } from "./requests.repository.js";
import { REQUEST_STATUSES, type RequestStatus } from "./requests.tables.js";

export interface PublicQuery {
  category?: string | undefined;
  status?: RequestStatus | undefined;
  district?: string | undefined;
  /** minLng,minLat,maxLng,maxLat (WGS 84), as GeoJSON and FixMyStreet order them. */
  bbox?: string | undefined;
  text?: string | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

const BATCH = 100;
// The most rows one call reads: a rare text or a small box stops here and hands back a cursor.
const MAX_SCANNED = 2000;
const DEFAULT_LIMIT = 20;

// ---- what the platform knows of a requester (to remove it from their text) ----------------------

const knownCache = new Map<string, { at: number; value: KnownPerson }>();
const KNOWN_TTL_MS = 10 * 60_000;

async function requesterKnown(ctx: ServiceContext, accountId: string | null): Promise<KnownPerson> {
  const empty: KnownPerson = { names: [], phones: [], emails: [] };
  if (!accountId) {
    return empty;
  }
  const hit = knownCache.get(accountId);
  if (hit && Date.now() - hit.at < KNOWN_TTL_MS) {
    return hit.value;
  }
  const account = await accounts.findAccountOrThrow(ctx, accountId).catch(() => null);
  const person = account?.person_id ? await directory.findPerson(ctx, account.person_id) : undefined;
  const value: KnownPerson = {
    names: [account?.display_name, person?.name],
    phones: [person?.mobile],
    emails: [],
  };
  knownCache.set(accountId, { at: Date.now(), value });
  if (knownCache.size > 5000) {
    knownCache.delete(knownCache.keys().next().value as string);
  }
  return value;
}

// ---- districts -----------------------------------------------------------------------------------

const districtCache = new WeakMap<object, { at: number; list: Promise<{ code: string; name: string }[]> }>();

/** The county-level divisions of the platform's city (the 12345 centre's), longest name first for matching. */
function districtsOf(ctx: ServiceContext): Promise<{ code: string; name: string }[]> {
  const hit = districtCache.get(ctx.db);
  if (hit && Date.now() - hit.at < 10 * 60_000) {
    return hit.list;
  }
  const list = (async () => {
    const centre = await deptByCode(ctx, ctx.config.requestsCentre);
    if (!centre) {
      return [];
    }
    const city = `${centre.divisionCode.slice(0, 4)}00`;
    const rows = await directory.listDivisions(ctx, { parent: city, limit: 100 });
    return rows.filter((d) => d.name !== "市辖区").map((d) => ({ code: d.code, name: d.name }));
  })();
  districtCache.set(ctx.db, { at: Date.now(), list });
  list.catch(() => districtCache.delete(ctx.db));
  return list;
}

function districtIn(
  address: string | null,
  districts: readonly { code: string; name: string }[],
): { code: string; name: string } | null {
  if (!address) {
    return null;
  }
  let best: { code: string; name: string; at: number } | null = null;
  for (const d of districts) {
    const at = address.indexOf(d.name);
    if (at >= 0 && (best === null || at < best.at)) {
      best = { ...d, at };
    }
  }
  return best ? { code: best.code, name: best.name } : null;
}

// ---- the projection --------------------------------------------------------------------------------

// A projection depends only on the row (its updated_at changes with every action) and the requester.
const projections = new Map<string, PublicRequest>();

async function project(
  ctx: ServiceContext,
  row: repo.PublicCandidate,
  tree: CategoryTree,
  districts: readonly { code: string; name: string }[],
): Promise<PublicRequest | null> {
  const code = row.category_code ?? row.proposed_category_code;
  const klass = classOf(code, (c) => tree.byCode.get(c)?.parent);
  if (klass === null || klass === "hidden") {
    return null;
  }
  const key = `${row.id}:${row.updated_at.getTime()}`;
  const cached = projections.get(key);
  if (cached) {
    return cached;
  }
  const requester = await requesterKnown(ctx, row.requester_account_id);
  const known: KnownPerson = {
    names: [row.contact_name, ...requester.names],
    phones: [row.contact_phone, ...requester.phones],
    emails: [row.contact_email, ...requester.emails],
  };
  const category = code ? tree.byCode.get(code) : undefined;
  const dept = row.department_code ? await deptByCode(ctx, row.department_code) : undefined;
  const address = generaliseAddress(row.address, known, personNameWords);
  const home = klass === "private" || mentionsHome(row.title, row.description, row.address);
  const presented: PublicRequest = {
    id: row.id,
    number: row.number,
    status: row.status,
    category: category
      ? { code: category.code, name: category.name, nameEn: category.nameEn, path: category.path }
      : null,
    department: dept ? { code: dept.code, name: dept.name, nameEn: dept.nameEn } : null,
    title: row.title ? redactForPublic(row.title, known, personNameWords) : null,
    description: redactForPublic(row.description, known, personNameWords),
    reply: row.reply ? redactForPublic(row.reply, known, personNameWords) : null,
    address,
    district: districtIn(address, districts),
    location:
      row.lat !== null && row.lng !== null
        ? {
            ...generalisePoint({ lat: row.lat, lng: row.lng }, home ? "private" : "public"),
            kind: home ? "private" : "public",
          }
        : null,
    createdAt: row.created_at.toISOString(),
    dispatchedAt: row.dispatched_at?.toISOString() ?? null,
    repliedAt: row.replied_at?.toISOString() ?? null,
    closedAt: row.closed_at?.toISOString() ?? null,
  };
  projections.set(key, presented);
  if (projections.size > 5000) {
    projections.delete(projections.keys().next().value as string);
  }
  return presented;
}

/**
 * The published form of stored requests, for the other public readers (Open311 GET requests): null
 * for a request its requester kept out of the public view, or whose category is never shown.
 */
export async function publishedForms(
  ctx: ServiceContext,
  rows: readonly Omit<repo.PublicCandidate, "at_key">[],
): Promise<(PublicRequest | null)[]> {
  const tree = await categoryTree(ctx);
  const districts = await districtsOf(ctx);
  const out: (PublicRequest | null)[] = [];
  for (const row of rows) {
    const published = (row as { public_view?: boolean }).public_view !== false;
    out.push(published ? await project(ctx, { ...row, at_key: "" }, tree, districts) : null);
  }
  return out;
}

// ---- filters -----------------------------------------------------------------------------------------

/** The codes that may be shown, optionally within one category's subtree. */
function shownCodes(tree: CategoryTree, within?: string): string[] {
  const parentOf = (c: string) => tree.byCode.get(c)?.parent;
  const inside = (code: string) => {
    for (let c: string | null | undefined = code; c; c = parentOf(c)) {
      if (c === within) {
        return true;
      }
    }
    return false;
  };
  return tree.list
    .filter((c) => {
      const klass = classOf(c.code, parentOf);
      return klass !== null && klass !== "hidden" && (!within || inside(c.code));
    })
    .map((c) => c.code);
}

function parseBbox(value: string) {
  const parts = value.split(",").map((p) => Number(p.trim()));
  const [minLng, minLat, maxLng, maxLat] = parts as [number, number, number, number];
  const field = "querystring.bbox";
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) {
    throw validationError(field, "bbox is minLng,minLat,maxLng,maxLat: four numbers separated by commas");
  }
  if (minLat < -90 || maxLat > 90 || minLng < -180 || maxLng > 180) {
    throw validationError(field, "bbox must lie within latitudes -90…90 and longitudes -180…180");
  }
  if (minLat >= maxLat || minLng >= maxLng) {
    throw validationError(field, "bbox needs minLng < maxLng and minLat < maxLat");
  }
  return { minLat, maxLat, minLng, maxLng };
}

function parseCursor(value: string): { at: string; id: string } {
  const text = Buffer.from(value, "base64url").toString("utf8");
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|([0-9a-f-]{36})$/.exec(text);
  if (!match) {
    throw validationError("querystring.cursor", "cursor is not one this API gave out");
  }
  return { at: match[1] as string, id: match[2] as string };
}

const cursorOf = (row: repo.PublicCandidate) => Buffer.from(`${row.at_key}|${row.id}`).toString("base64url");

// ---- service functions -------------------------------------------------------------------------------

/** What the public page filters by: the city's districts, the categories that are shown, the statuses. */
export async function publicFilters(ctx: ServiceContext): Promise<PublicRequestFilters> {
  const tree = await categoryTree(ctx);
  const shown = new Set(shownCodes(tree));
  return {
    districts: await districtsOf(ctx),
    categories: tree.list
      .filter((c) => shown.has(c.code) && c.active)
      .map((c) => ({ code: c.code, parent: c.parent, level: c.level, name: c.name, nameEn: c.nameEn })),
    statuses: [...REQUEST_STATUSES],
  };
}

/** Published requests, newest first, filtered on their published form; throws VALIDATION naming the field. */
export async function listPublic(ctx: ServiceContext, query: PublicQuery): Promise<PublicRequestPage> {
  const tree = await categoryTree(ctx);
  if (query.category && !tree.byCode.has(query.category)) {
    throw validationError("querystring.category", `No category with code ${query.category}`);
  }
  const codes = shownCodes(tree, query.category);
  if (query.category && codes.length === 0) {
    throw validationError("querystring.category", `Category ${query.category} is not shown in public`);
  }
  const districts = await districtsOf(ctx);
  const district = query.district ? districts.find((d) => d.code === query.district) : undefined;
  if (query.district && !district) {
    throw validationError("querystring.district", `No district with code ${query.district} in this city`);
  }
  const box = query.bbox ? parseBbox(query.bbox) : undefined;
  const text = query.text?.trim() || undefined;
  const limit = query.limit ?? DEFAULT_LIMIT;
  let after = query.cursor ? parseCursor(query.cursor) : undefined;

  const items: PublicRequest[] = [];
  let scanned = 0;
  let last: repo.PublicCandidate | undefined;
  for (;;) {
    const rows = await repo.publicCandidates(ctx.db, {
      categories: codes,
      status: query.status,
      // Widened by the largest grid shift, so every request whose published point is inside is read.
      box: box && {
        minLat: box.minLat - MAX_SHIFT,
        maxLat: box.maxLat + MAX_SHIFT,
        minLng: box.minLng - MAX_SHIFT,
        maxLng: box.maxLng + MAX_SHIFT,
      },
      text,
      addressHas: district?.name,
      after,
      limit: BATCH,
    });
    for (const row of rows) {
      scanned++;
      const p = await project(ctx, row, tree, districts);
      if (p && matches(p, { box, text, district: district?.code })) {
        if (items.length === limit) {
          return { items, nextCursor: cursorOf(last as repo.PublicCandidate) };
        }
        items.push(p);
      }
      last = row;
    }
    if (rows.length < BATCH) {
      return { items, nextCursor: null };
    }
    if (scanned >= MAX_SCANNED) {
      return { items, nextCursor: cursorOf(last as repo.PublicCandidate) };
    }
    after = { at: (last as repo.PublicCandidate).at_key, id: (last as repo.PublicCandidate).id };
  }
}

function matches(
  p: PublicRequest,
  f: {
    box: { minLat: number; maxLat: number; minLng: number; maxLng: number } | undefined;
    text: string | undefined;
    district: string | undefined;
  },
): boolean {
  if (f.box) {
    const l = p.location;
    if (!l || l.lat < f.box.minLat || l.lat > f.box.maxLat || l.lng < f.box.minLng || l.lng > f.box.maxLng) {
      return false;
    }
  }
  if (f.text) {
    const haystack = `${p.title ?? ""}\n${p.description}\n${p.reply ?? ""}`.toLowerCase();
    if (!haystack.includes(f.text.toLowerCase())) {
      return false;
    }
  }
  return !f.district || p.district?.code === f.district;
}

/** One published request, or NOT_FOUND (also for one that exists but is not shown: ids reveal nothing). */
export async function getPublic(ctx: ServiceContext, id: string): Promise<PublicRequest> {
  const tree = await categoryTree(ctx);
  const [row] = await repo.publicCandidates(ctx.db, { categories: shownCodes(tree), id, limit: 1 });
  const presented = row ? await project(ctx, row, tree, await districtsOf(ctx)) : null;
  if (!presented) {
    throw notFound("Request");
  }
  return presented;
}

/**
 * The requester shows or withdraws their request from the public view (recorded in the ledger).
 * Anyone else gets NOT_FOUND, as for reading it.
 */
export async function setPublicView(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  value: boolean,
): Promise<{ publicView: boolean }> {
  await inTransaction(ctx.db, async (tx) => {
    const request = await findRequest(tx, id);
    if (!request || !caller.actor.accountId || request.requester_account_id !== caller.actor.accountId) {
      throw notFound("Request");
    }
    await repo.setPublicView(tx, id, value);
    await ctx.ledger.record(tx, {
      action: "requests.public_view",
      actor: caller.actor,
      subjects: [{ type: "account", id: caller.actor.accountId }],
      resource: `requests/${id}`,
      outcome: "success",
      requestId: caller.requestId,
      details: { number: request.number, publicView: value },
    });
  });
  return { publicView: value };
}
