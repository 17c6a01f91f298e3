import { createHash } from "node:crypto";
import type { Selectable } from "kysely";
import type { Caller, ServiceContext } from "../../platform/context.js";
import type { DB } from "../../platform/db/schema.js";
import { inTransaction } from "../../platform/db/tx.js";
import { notFound, validationError } from "../../platform/errors.js";
import { CATEGORY_TREE, type CategorySeed } from "./categories.data.js";
import {
  type ClassifiableCategory,
  type Classifier,
  keywordClassifier,
  pluggedClassifier,
} from "./dispatch.js";

type CategoryRow = Selectable<DB["request_categories"]>;

/** A category with what it inherits from the levels above resolved. */
export interface Category extends ClassifiableCategory {
  parent: string | null;
  nameEn: string;
  /** The department the category names itself, before inheritance. */
  ownDepartment: string | null;
  power: string | null;
  contactHours: number;
  resolveDays: number;
  source: "builtin" | "import";
  active: boolean;
  sort: number;
  /** Names from the first level down to this one. */
  path: string[];
}

export interface CategoryTree {
  list: Category[];
  byCode: Map<string, Category>;
  /** The keyword rule over this tree (used when no classifier is plugged in). */
  keywordRule: Classifier;
}

const DEFAULT_CONTACT_HOURS = 24;
const DEFAULT_RESOLVE_DAYS = 15;
const CACHE_MS = 60_000;
const cache = new WeakMap<object, { tree: Promise<CategoryTree>; loadedAt: number }>();

function buildTree(rows: CategoryRow[]): CategoryTree {
  const raw = new Map(rows.map((r) => [r.code, r]));
  const byCode = new Map<string, Category>();
  const resolve = (row: CategoryRow): Category => {
    const known = byCode.get(row.code);
    if (known) {
      return known;
    }
    const parentRow = row.parent_code ? raw.get(row.parent_code) : undefined;
    const parent = parentRow ? resolve(parentRow) : null;
    const category: Category = {
      code: row.code,
      parent: row.parent_code,
      level: row.level,
      name: row.name,
      nameEn: row.name_en,
      keywords: row.keywords,
      ownDepartment: row.department_code,
      department: row.department_code ?? parent?.department ?? "",
      power: row.power_code ?? null,
      contactHours: row.contact_hours ?? parent?.contactHours ?? DEFAULT_CONTACT_HOURS,
      resolveDays: row.resolve_days ?? parent?.resolveDays ?? DEFAULT_RESOLVE_DAYS,
      source: row.source,
      active: row.active && (parent?.active ?? true),
      sort: row.sort,
      root: parent?.root ?? row.code,
      path: [...(parent?.path ?? []), row.name],
    };
    byCode.set(row.code, category);
    return category;
  };
  const list = rows
    .map(resolve)
    .sort((a, b) => a.level - b.level || a.sort - b.sort || a.code.localeCompare(b.code));
  return {
    list,
    byCode,
    keywordRule: keywordClassifier(list.filter((c) => c.active && c.department !== "")),
  };
}

/** The category tree, cached per database for a minute (and reloaded at once after an import here). */
export function categoryTree(ctx: ServiceContext): Promise<CategoryTree> {
  const hit = cache.get(ctx.db);
  if (hit && Date.now() - hit.loadedAt < CACHE_MS) {
    return hit.tree;
  }
  const tree = ctx.db
    .selectFrom("request_categories")
    .selectAll()
    .execute()
    .then(buildTree)
    .catch((error: unknown) => {
      cache.delete(ctx.db);
      throw error;
    });
  cache.set(ctx.db, { tree, loadedAt: Date.now() });
  return tree;
}

function forget(ctx: ServiceContext): void {
  cache.delete(ctx.db);
}

/** A category by code, or a VALIDATION error naming the field. */
export async function categoryOrThrow(ctx: ServiceContext, code: string, field: string): Promise<Category> {
  const category = (await categoryTree(ctx)).byCode.get(code);
  if (!category?.active) {
    throw validationError(field, `Unknown category ${code}`);
  }
  return category;
}

/** The classifier's proposal for a text: the plugged-in classifier if there is one, else the keyword rule. */
export async function propose(
  ctx: ServiceContext,
  text: string,
): Promise<{ category: Category; department: string; confidence: number; by: string } | null> {
  const tree = await categoryTree(ctx);
  const plugged = pluggedClassifier();
  const proposal = (plugged ?? tree.keywordRule)(text);
  if (!proposal) {
    return null;
  }
  const category = tree.byCode.get(proposal.category);
  if (!category?.active || !proposal.department) {
    return null;
  }
  const confidence = Math.max(0, Math.min(1, proposal.confidence));
  return { category, department: proposal.department, confidence, by: plugged ? "classifier" : "keywords" };
}

const insertable = (seed: CategorySeed, level: number, parent: string | null, sort: number) => ({
  code: seed.code,
  parent_code: parent,
  level,
  name: seed.name,
  name_en: seed.nameEn,
  department_code: seed.department,
  power_code: seed.power ?? null,
  contact_hours: seed.contactHours ?? null,
  resolve_days: seed.resolveDays ?? null,
  keywords: JSON.stringify(seed.keywords),
  source: "builtin" as const,
  sort,
});

/** Loads the built-in tree (once: categories already present are left as they are). */
export async function seedCategories(ctx: ServiceContext, caller: Caller): Promise<number> {
  const rows = CATEGORY_TREE.flatMap((top, i) => [
    insertable(top, 1, null, i),
    ...(top.children ?? []).map((child, j) => insertable(child, 2, top.code, j)),
  ]);
  const inserted = await inTransaction(ctx.db, async (tx) => {
    const done = await tx
      .insertInto("request_categories")
      .values(rows)
      .onConflict((oc) => oc.column("code").doNothing())
      .returning("code")
      .execute();
    if (done.length > 0) {
      await ctx.ledger.record(tx, {
        action: "requests.categories.seed",
        actor: caller.actor,
        resource: "requests/categories",
        outcome: "success",
        requestId: caller.requestId,
        details: { categories: done.length },
      });
    }
    return done.length;
  });
  forget(ctx);
  return inserted;
}

/** Parses CSV text (RFC 4180: quotes, doubled quotes, CRLF) into rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const body = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        cell += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && body[i + 1] === "\n") {
        i++;
      }
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else {
      cell += ch;
    }
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ""));
}

const shortHash = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 8);

export interface ImportResult {
  rows: number;
  created: number;
  existing: number;
}

/**
 * Imports a category tree from CSV with the columns level1,level2,level3 (a header row is
 * required; level3 may be empty). Existing categories are matched by name under the same parent,
 * so the built-in first level and its departments stay; new categories inherit the department and
 * deadlines from the level above. Imported codes are stable: the parent's code plus a hash of the name.
 */
export async function importCategoriesCsv(
  ctx: ServiceContext,
  caller: Caller,
  csv: string,
): Promise<ImportResult> {
  const rows = parseCsv(csv);
  const header = rows.shift()?.map((h) => h.trim().toLowerCase());
  if (header?.[0] !== "level1" || header[1] !== "level2") {
    throw validationError("csv", "The first row must be the header level1,level2,level3");
  }
  const hasLevel3 = header[2] === "level3";
  if (rows.length === 0) {
    throw validationError("csv", "The file has a header but no categories");
  }
  if (rows.length > 20_000) {
    throw validationError("csv", "At most 20,000 rows can be imported at once");
  }
  const result = await inTransaction(ctx.db, async (tx) => {
    const existing = await tx
      .selectFrom("request_categories")
      .select(["code", "parent_code", "name"])
      .execute();
    const byKey = new Map(existing.map((c) => [`${c.parent_code ?? ""}\u0000${c.name}`, c.code]));
    let created = 0;
    let matched = 0;
    const ensure = async (
      parent: string | null,
      name: string,
      level: number,
      line: number,
    ): Promise<string> => {
      const key = `${parent ?? ""}\u0000${name}`;
      const known = byKey.get(key);
      if (known) {
        matched++;
        return known;
      }
      if (name.length > 60) {
        throw validationError(
          `csv line ${line}`,
          `A category name is at most 60 characters: ${name.slice(0, 20)}…`,
        );
      }
      const code = parent ? `${parent}-${shortHash(name)}` : `imported-${shortHash(name)}`;
      await tx
        .insertInto("request_categories")
        .values({
          code,
          parent_code: parent,
          level,
          name,
          name_en: name,
          department_code: null,
          power_code: null,
          contact_hours: null,
          resolve_days: null,
          keywords: JSON.stringify([]),
          source: "import",
          sort: 1000 + created,
        })
        .execute();
      byKey.set(key, code);
      created++;
      return code;
    };
    for (const [i, cells] of rows.entries()) {
      const line = i + 2;
      const [l1, l2, l3] = cells.map((c) => c.trim());
      if (!l1 || !l2) {
        throw validationError(`csv line ${line}`, "level1 and level2 are required on every row");
      }
      const one = await ensure(null, l1, 1, line);
      const two = await ensure(one, l2, 2, line);
      if (hasLevel3 && l3) {
        await ensure(two, l3, 3, line);
      }
    }
    await ctx.ledger.record(tx, {
      action: "requests.categories.import",
      actor: caller.actor,
      resource: "requests/categories",
      outcome: "success",
      requestId: caller.requestId,
      details: { rows: rows.length, created },
    });
    return { rows: rows.length, created, existing: matched };
  });
  forget(ctx);
  return result;
}

/** Changes a category's department or deadlines (platform admins); recorded in the ledger. */
export async function updateCategory(
  ctx: ServiceContext,
  caller: Caller,
  code: string,
  input: {
    department?: string | null;
    contactHours?: number | null;
    resolveDays?: number | null;
    active?: boolean;
  },
): Promise<Category> {
  const tree = await categoryTree(ctx);
  if (!tree.byCode.has(code)) {
    throw notFound(`Category ${code}`);
  }
  await inTransaction(ctx.db, async (tx) => {
    await tx
      .updateTable("request_categories")
      .set({
        ...(input.department !== undefined ? { department_code: input.department } : {}),
        ...(input.contactHours !== undefined ? { contact_hours: input.contactHours } : {}),
        ...(input.resolveDays !== undefined ? { resolve_days: input.resolveDays } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        updated_at: new Date(),
      })
      .where("code", "=", code)
      .execute();
    await ctx.ledger.record(tx, {
      action: "requests.categories.update",
      actor: caller.actor,
      resource: `requests/categories/${code}`,
      outcome: "success",
      requestId: caller.requestId,
      details: {
        department: input.department ?? null,
        contactHours: input.contactHours ?? null,
        resolveDays: input.resolveDays ?? null,
      },
    });
  });
  forget(ctx);
  return (await categoryTree(ctx)).byCode.get(code) as Category;
}
