import {
  BundleConflictError,
  type BundleMaterial,
  bundleForm,
  bundleMaterials,
  bundlePrefill,
} from "../../../shared/services/bundle-form.js";
import type {
  Audience,
  LifeEvent,
  PrefillRule,
  ServiceBundle,
  ServiceForm,
  ServiceItem,
} from "../../../shared/services/catalogue.js";
import type { Caller, ServiceContext } from "../../platform/context.js";
import { inTransaction } from "../../platform/db/tx.js";
import { conflict, DomainError, forbidden, validationError } from "../../platform/errors.js";
import { catalogue } from "../exchange/index.js";
import { directory } from "../identity/index.js";
import { rightsInForce } from "../policy/index.js";
import * as repo from "./catalog.repository.js";
import { DEMO_BUNDLES, DEMO_SERVICE_ITEMS } from "./demo-services.js";
import { compileForm } from "./form-schema.js";

/** A service item as stored: its definition, version and time of the last change. */
export interface CatalogItem extends ServiceItem {
  version: number;
  updatedAt: string;
}

/** A bundle as stored. */
export interface CatalogBundle extends ServiceBundle {
  version: number;
  updatedAt: string;
}

/** A bundle with its items and what one application to it needs: one form, one set of materials. */
export interface AssembledBundle {
  bundle: CatalogBundle;
  /** The bundle's items, in bundle order. */
  items: CatalogItem[];
  form: ServiceForm;
  materials: BundleMaterial[];
  prefill: PrefillRule[];
}

interface Loaded {
  at: number;
  items: Map<string, CatalogItem>;
  bundles: Map<string, CatalogBundle>;
  /** Lower-cased text that search matches, by item or bundle code. */
  text: Map<string, string>;
}

/** How long a process trusts its copy of the catalogue; writes here refresh it at once. */
const REFRESH_MS = 5_000;
const cache = new WeakMap<object, Loaded>();

async function load(ctx: ServiceContext, force = false): Promise<Loaded> {
  const key = ctx.db as object;
  const hit = cache.get(key);
  if (hit && !force && Date.now() - hit.at < REFRESH_MS) {
    return hit;
  }
  const [itemRows, bundleRows] = await Promise.all([repo.allItems(ctx.db), repo.allBundles(ctx.db)]);
  const items = new Map<string, CatalogItem>();
  const text = new Map<string, string>();
  for (const r of itemRows) {
    items.set(r.definition.code, {
      ...r.definition,
      version: r.version,
      updatedAt: r.updatedAt.toISOString(),
    });
    text.set(r.definition.code, repo.itemSearchText(r.definition));
  }
  const bundles = new Map<string, CatalogBundle>();
  for (const r of bundleRows) {
    const b = r.definition;
    bundles.set(b.code, { ...b, version: r.version, updatedAt: r.updatedAt.toISOString() });
    // A bundle is found by its items' names too: searching 医保 finds 新生儿出生一件事.
    const parts = b.items.map((i) => text.get(i.code) ?? "");
    text.set(b.code, [repo.bundleSearchText(b), ...parts].join("\n"));
  }
  const loaded = { at: Date.now(), items, bundles, text };
  cache.set(key, loaded);
  return loaded;
}

/** Forget the cached catalogue (after a seed in another connection, in tests). */
export function invalidateCatalog(ctx: ServiceContext): void {
  cache.delete(ctx.db as object);
}

/** One service item, or NOT_FOUND naming the field its code came from. */
export async function getItem(ctx: ServiceContext, code: string, field = "code"): Promise<CatalogItem> {
  const item = (await load(ctx)).items.get(code);
  if (!item) {
    throw new DomainError("NOT_FOUND", `Service item ${code} was not found`, field);
  }
  return item;
}

/** One bundle, or NOT_FOUND naming the field its code came from. */
export async function getBundle(ctx: ServiceContext, code: string, field = "code"): Promise<CatalogBundle> {
  const bundle = (await load(ctx)).bundles.get(code);
  if (!bundle) {
    throw new DomainError("NOT_FOUND", `Bundle ${code} was not found`, field);
  }
  return bundle;
}

export interface ItemQuery {
  lifeEvent?: LifeEvent | undefined;
  /** Handling department code (HZ-GA). */
  department?: string | undefined;
  /** Text: a substring of the name, summary or conditions (Chinese or English), or the code. */
  q?: string | undefined;
  audience?: Audience | undefined;
  /** Items exercising this power of the rights list. */
  power?: string | undefined;
}

const matches = (text: string | undefined, q: string | undefined) =>
  !q || (text ?? "").includes(q.trim().toLowerCase());

/** Browses and searches the service catalogue (public: 办事指南 are published), in code order. */
export async function listItems(ctx: ServiceContext, query: ItemQuery = {}): Promise<CatalogItem[]> {
  const { items, text } = await load(ctx);
  return [...items.values()].filter(
    (i) =>
      (!query.lifeEvent || i.lifeEvents.includes(query.lifeEvent)) &&
      (!query.department || i.department === query.department) &&
      (!query.audience || i.audience === query.audience) &&
      (!query.power || i.powerCode === query.power) &&
      matches(text.get(i.code), query.q),
  );
}

export interface BundleQuery {
  lifeEvent?: LifeEvent | undefined;
  /** The lead department or the department of any of the bundle's items. */
  department?: string | undefined;
  /** Text: a substring of the bundle's or any of its items' names and summaries. */
  q?: string | undefined;
  audience?: Audience | undefined;
  /** Bundles that contain this item. */
  item?: string | undefined;
}

/** Browses and searches the one-thing bundles (public), in code order. */
export async function listBundles(ctx: ServiceContext, query: BundleQuery = {}): Promise<CatalogBundle[]> {
  const { bundles, items, text } = await load(ctx);
  return [...bundles.values()].filter(
    (b) =>
      (!query.lifeEvent || b.lifeEvents.includes(query.lifeEvent)) &&
      (!query.department ||
        b.leadDepartment === query.department ||
        b.items.some((i) => items.get(i.code)?.department === query.department)) &&
      (!query.audience || b.audience === query.audience) &&
      (!query.item || b.items.some((i) => i.code === query.item)) &&
      matches(text.get(b.code), query.q),
  );
}

/** The items exercising a power of the rights list (what the rights list links to). */
export function itemsForPower(ctx: ServiceContext, powerCode: string): Promise<CatalogItem[]> {
  return listItems(ctx, { power: powerCode });
}

/** A short reference to a service item, as lists that link to it show it. */
export interface ItemRef {
  code: string;
  name: string;
  nameEn: string;
}

/** Every power's items as references, by power code (for publishing the rights lists with their links). */
export async function itemRefsByPower(ctx: ServiceContext): Promise<Map<string, ItemRef[]>> {
  const refs = new Map<string, ItemRef[]>();
  for (const i of (await load(ctx)).items.values()) {
    refs.set(i.powerCode, [
      ...(refs.get(i.powerCode) ?? []),
      { code: i.code, name: i.name, nameEn: i.nameEn },
    ]);
  }
  return refs;
}

function assemble(items: ServiceItem[]) {
  return { form: bundleForm(items), materials: bundleMaterials(items), prefill: bundlePrefill(items) };
}

/** A bundle with its items, merged form, materials and pre-fill; NOT_FOUND naming `field` when unknown. */
export async function assembleBundle(
  ctx: ServiceContext,
  code: string,
  field = "code",
): Promise<AssembledBundle> {
  const bundle = await getBundle(ctx, code, field);
  const { items: all } = await load(ctx);
  const items = bundle.items.map((b) => {
    const item = all.get(b.code);
    if (!item) {
      // Only a catalogue edited behind the platform's back gets here: say so rather than guess.
      throw new DomainError("INTERNAL", `Bundle ${code} names item ${b.code}, which is not in the catalogue`);
    }
    return item;
  });
  return { bundle, items, ...assemble(items) };
}

/** The power of the rights list in force with this code, if any. */
export async function powerInForce(ctx: ServiceContext, code: string) {
  for (const list of await rightsInForce(ctx)) {
    const power = list.powers.find((p) => p.code === code);
    if (power) {
      return power;
    }
  }
  return undefined;
}

/** An item with the power it exercises (undefined when no longer in force) and the bundles containing it. */
export async function itemDetail(ctx: ServiceContext, code: string, field = "code") {
  const item = await getItem(ctx, code, field);
  const [power, bundles] = await Promise.all([
    powerInForce(ctx, item.powerCode),
    listBundles(ctx, { item: code }),
  ]);
  return { item, power, bundles };
}

/** Items by code, for presenting bundles with their items' names. */
export async function itemsByCode(ctx: ServiceContext): Promise<Map<string, CatalogItem>> {
  return (await load(ctx)).items;
}

/** Every reference an item makes must resolve: its power, registries, fields and departments. */
async function checkItem(ctx: ServiceContext, item: ServiceItem): Promise<void> {
  const power = await powerInForce(ctx, item.powerCode);
  if (!power) {
    throw validationError("body.powerCode", `No power ${item.powerCode} is in the rights lists in force`);
  }
  if (power.department !== item.department) {
    throw validationError(
      "body.powerCode",
      `Power ${item.powerCode} belongs to ${power.department}, not ${item.department}`,
    );
  }
  if (power.type !== item.itemType) {
    throw validationError("body.itemType", `Power ${item.powerCode} is a ${power.type}`);
  }
  if (item.promisedDays > item.statutoryDays) {
    throw validationError("body.promisedDays", "The promised time limit may not exceed the statutory one");
  }
  compileForm(item.form, "body.form");
  const properties = item.form.schema.properties;
  const seenFields = new Set<string>();
  for (const [i, rule] of item.prefill.entries()) {
    const at = `body.prefill[${i}]`;
    if (!(rule.field in properties)) {
      throw validationError(`${at}.field`, `${rule.field} is not a field of the form`);
    }
    if (seenFields.has(rule.field)) {
      throw validationError(`${at}.field`, `${rule.field} is filled by another rule already`);
    }
    seenFields.add(rule.field);
    const resource = await resourceOrRefuse(ctx, rule.resource, `${at}.resource`);
    if (resource.subjectType !== item.audience) {
      throw validationError(
        `${at}.resource`,
        `${rule.resource} is looked up by ${resource.subjectType}, but this item's applicant is a ${item.audience}`,
      );
    }
    if (!resource.fields.some((f) => f.name === rule.sourceField)) {
      throw validationError(`${at}.sourceField`, `${rule.resource} has no field ${rule.sourceField}`);
    }
  }
  const ids = new Set<string>();
  for (const [i, material] of item.materials.entries()) {
    if (ids.has(material.id)) {
      throw validationError(`body.materials[${i}].id`, `Duplicate material ${material.id}`);
    }
    ids.add(material.id);
    if (material.obtainedVia) {
      const via = material.obtainedVia;
      const resource = await resourceOrRefuse(ctx, via.resource, `body.materials[${i}].obtainedVia.resource`);
      via.fields.forEach((f, j) => {
        if (!resource.fields.some((rf) => rf.name === f)) {
          throw validationError(
            `body.materials[${i}].obtainedVia.fields[${j}]`,
            `${via.resource} has no field ${f}`,
          );
        }
      });
    }
  }
  const stepDepartments = [...new Set(item.steps.flatMap((s) => (s.department ? [s.department] : [])))];
  const known = await directory.departmentNames(ctx, stepDepartments);
  item.steps.forEach((s, i) => {
    if (s.department && !known.has(s.department)) {
      throw validationError(`body.steps[${i}].department`, `No department ${s.department}`);
    }
  });
}

async function resourceOrRefuse(ctx: ServiceContext, id: string, field: string) {
  try {
    return await catalogue.getResource(ctx, id, field);
  } catch (error) {
    if (error instanceof DomainError && error.code === "NOT_FOUND") {
      throw validationError(field, error.message);
    }
    throw error;
  }
}

/**
 * A department admin replaces one of their department's items' definitions. The definition must
 * hold together (see checkItem) and every bundle containing the item must still merge into one
 * form. The change bumps the version and is recorded in the ledger in the same transaction.
 */
export async function updateItem(
  ctx: ServiceContext,
  caller: Caller,
  code: string,
  definition: Omit<ServiceItem, "code">,
): Promise<CatalogItem> {
  const existing = await getItem(ctx, code, "params.code");
  const mine = await directory.departmentCodes(ctx, caller.actor.departmentIds);
  if (!caller.actor.roles.includes("dept_admin") || !mine.includes(existing.department)) {
    throw forbidden("Only an admin of the handling department updates its service items");
  }
  const item: ServiceItem = { ...definition, code };
  if (item.department !== existing.department) {
    throw validationError(
      "body.department",
      "An item stays with its department; another department adds its own",
    );
  }
  await checkItem(ctx, item);
  const { bundles, items } = await load(ctx);
  for (const bundle of bundles.values()) {
    if (!bundle.items.some((b) => b.code === code)) {
      continue;
    }
    const members = bundle.items.map((b) => (b.code === code ? item : (items.get(b.code) as ServiceItem)));
    try {
      assemble(members);
    } catch (error) {
      if (error instanceof BundleConflictError) {
        throw conflict(
          `${error.message}: bundle ${bundle.code} (${bundle.name}) would no longer have one form`,
          "body.form",
        );
      }
      throw error;
    }
  }
  await inTransaction(ctx.db, async (tx) => {
    const locked = await repo.lockItem(tx, code);
    if (!locked) {
      throw new DomainError("NOT_FOUND", `Service item ${code} was not found`, "params.code");
    }
    const version = (await repo.updateItem(tx, item)) as number;
    await ctx.ledger.record(tx, {
      action: "catalog.item.update",
      actor: caller.actor,
      resource: `catalog/items/${code}`,
      outcome: "success",
      requestId: caller.requestId,
      details: { department: item.department, power: item.powerCode, version },
    });
  });
  return (await load(ctx, true)).items.get(code) as CatalogItem;
}

/**
 * Seeds the demo catalogue: items and bundles not there yet are inserted, existing ones are left as
 * their departments may have edited them. Recorded in the ledger when anything was inserted.
 */
export async function seedDemoServices(ctx: ServiceContext, caller: Caller): Promise<number> {
  const inserted = await inTransaction(ctx.db, async (tx) => {
    const items = await repo.insertItemsIfAbsent(tx, DEMO_SERVICE_ITEMS);
    const bundles = await repo.insertBundlesIfAbsent(tx, DEMO_BUNDLES);
    if (items.length + bundles.length > 0) {
      await ctx.ledger.record(tx, {
        action: "catalog.seed",
        actor: caller.actor,
        resource: "catalog",
        outcome: "success",
        requestId: caller.requestId,
        details: { items: items.length, bundles: bundles.length },
      });
    }
    return items.length + bundles.length;
  });
  invalidateCatalog(ctx);
  return inserted;
}
