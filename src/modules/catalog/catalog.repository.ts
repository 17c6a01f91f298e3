import { sql, type Transaction } from "kysely";
import type { ServiceBundle, ServiceItem } from "../../../shared/services/catalogue.js";
import type { Db } from "../../platform/db/database.js";
import type { DB } from "../../platform/db/schema.js";

type Conn = Db | Transaction<DB>;

export interface ItemRow {
  definition: ServiceItem;
  version: number;
  updatedAt: Date;
}
export interface BundleRow {
  definition: ServiceBundle;
  version: number;
  updatedAt: Date;
}

/** What text search matches: names, summaries (and an item's conditions) in both languages, lower-cased. */
export function itemSearchText(item: ServiceItem): string {
  return [item.code, item.name, item.nameEn, item.summary, item.summaryEn, ...item.conditions]
    .join("\n")
    .toLowerCase();
}

export function bundleSearchText(bundle: ServiceBundle): string {
  return [bundle.code, bundle.name, bundle.nameEn, bundle.summary, bundle.summaryEn].join("\n").toLowerCase();
}

const itemColumns = (item: ServiceItem) => ({
  department_code: item.department,
  power_code: item.powerCode,
  name: item.name,
  name_en: item.nameEn,
  audience: item.audience,
  life_events: [...item.lifeEvents],
  search_text: itemSearchText(item),
  definition: JSON.stringify(item),
});

export async function allItems(db: Conn): Promise<ItemRow[]> {
  const rows = await db
    .selectFrom("service_items")
    .select(["definition", "version", "updated_at"])
    .orderBy("code")
    .execute();
  return rows.map((r) => ({
    definition: r.definition as ServiceItem,
    version: r.version,
    updatedAt: new Date(r.updated_at),
  }));
}

export async function allBundles(db: Conn): Promise<BundleRow[]> {
  const rows = await db
    .selectFrom("service_bundles")
    .select(["definition", "version", "updated_at"])
    .orderBy("code")
    .execute();
  return rows.map((r) => ({
    definition: r.definition as ServiceBundle,
    version: r.version,
    updatedAt: new Date(r.updated_at),
  }));
}

/** Inserts items that are not there yet; returns the codes inserted. */
export async function insertItemsIfAbsent(db: Conn, items: readonly ServiceItem[]): Promise<string[]> {
  if (items.length === 0) {
    return [];
  }
  const rows = await db
    .insertInto("service_items")
    .values(items.map((item) => ({ code: item.code, ...itemColumns(item) })))
    .onConflict((oc) => oc.column("code").doNothing())
    .returning("code")
    .execute();
  return rows.map((r) => r.code);
}

/** Inserts bundles that are not there yet; returns the codes inserted. */
export async function insertBundlesIfAbsent(db: Conn, bundles: readonly ServiceBundle[]): Promise<string[]> {
  if (bundles.length === 0) {
    return [];
  }
  const rows = await db
    .insertInto("service_bundles")
    .values(
      bundles.map((b) => ({
        code: b.code,
        lead_department_code: b.leadDepartment,
        name: b.name,
        name_en: b.nameEn,
        audience: b.audience,
        life_events: [...b.lifeEvents],
        item_codes: b.items.map((i) => i.code),
        search_text: bundleSearchText(b),
        definition: JSON.stringify(b),
      })),
    )
    .onConflict((oc) => oc.column("code").doNothing())
    .returning("code")
    .execute();
  return rows.map((r) => r.code);
}

/** Replaces an item's definition, bumping its version; returns the new version (undefined: no such item). */
export async function updateItem(db: Conn, item: ServiceItem): Promise<number | undefined> {
  const row = await db
    .updateTable("service_items")
    .set({ ...itemColumns(item), version: sql`version + 1`, updated_at: new Date() })
    .where("code", "=", item.code)
    .returning("version")
    .executeTakeFirst();
  return row?.version;
}

/** The item's department and version, locked for an update in this transaction. */
export async function lockItem(
  db: Conn,
  code: string,
): Promise<{ department_code: string; version: number } | undefined> {
  return db
    .selectFrom("service_items")
    .select(["department_code", "version"])
    .where("code", "=", code)
    .forUpdate()
    .executeTakeFirst();
}
