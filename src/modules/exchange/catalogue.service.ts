import { sql } from "kysely";
import type {
  DataResourceDefinition,
  ResourceField,
  SharingClass,
} from "../../../shared/exchange/catalogue.js";
import type { Caller, ServiceContext } from "../../platform/context.js";
import { inTransaction } from "../../platform/db/tx.js";
import { DomainError, forbidden, validationError } from "../../platform/errors.js";
import { directory } from "../identity/index.js";
import { httpProvider } from "../registries/index.js";
import { DEMO_CATALOGUE } from "./demo-catalogue.js";
import type { ProviderConfig } from "./exchange.tables.js";

export interface CatalogueResource extends DataResourceDefinition {
  version: number;
  updatedAt: string;
  provider: ProviderConfig;
}

/** How long a process trusts its copy of the catalogue; writes here refresh it at once. */
const REFRESH_MS = 5_000;
const cache = new WeakMap<object, { at: number; byId: Map<string, CatalogueResource> }>();

async function load(ctx: ServiceContext, force = false): Promise<Map<string, CatalogueResource>> {
  const key = ctx.db as object;
  const hit = cache.get(key);
  if (hit && !force && Date.now() - hit.at < REFRESH_MS) {
    return hit.byId;
  }
  const rows = await ctx.db.selectFrom("exchange_resources").selectAll().orderBy("code").execute();
  const byId = new Map<string, CatalogueResource>();
  for (const r of rows) {
    byId.set(r.id, {
      ...(r.definition as DataResourceDefinition),
      version: r.version,
      updatedAt: new Date(r.updated_at).toISOString(),
      provider: r.provider as ProviderConfig,
    });
  }
  cache.set(key, { at: Date.now(), byId });
  return byId;
}

/** One resource of the catalogue, or NOT_FOUND naming the field it came from. */
export async function getResource(
  ctx: ServiceContext,
  id: string,
  field = "resource",
): Promise<CatalogueResource> {
  const r = (await load(ctx)).get(id);
  if (!r) {
    throw new DomainError("NOT_FOUND", `Data resource ${id} was not found`, field);
  }
  return r;
}

/** The attributes the policy decision point needs, or undefined for an unknown resource. */
export async function policyAttrs(ctx: ServiceContext, id: string) {
  const r = (await load(ctx)).get(id);
  return r
    ? {
        id: r.id,
        owner: r.owner,
        sharingClass: r.sharingClass,
        dataClass: r.dataClass,
        purposes: [...r.purposes],
      }
    : undefined;
}

/** Names and owners of resources given by id, for presenting rows that name them (unknown ids are left out). */
export async function resourceRefs(
  ctx: ServiceContext,
  ids: readonly string[],
): Promise<Map<string, { name: string; nameEn: string; owner: string }>> {
  const all = await load(ctx);
  const refs = new Map<string, { name: string; nameEn: string; owner: string }>();
  for (const id of ids) {
    const r = all.get(id);
    if (r) {
      refs.set(id, { name: r.name, nameEn: r.nameEn, owner: r.owner });
    }
  }
  return refs;
}

export interface CatalogueQuery {
  q?: string | undefined;
  owner?: string | undefined;
  sharingClass?: SharingClass | undefined;
  subjectType?: "person" | "organisation" | undefined;
}

/** Browses and searches the catalogue (public: 目录 are published). Text matches names, descriptions and field labels. */
export async function searchCatalogue(
  ctx: ServiceContext,
  query: CatalogueQuery,
): Promise<CatalogueResource[]> {
  const all = [...(await load(ctx)).values()];
  const needle = query.q?.trim().toLowerCase();
  return all.filter((r) => {
    if (query.owner && r.owner !== query.owner) {
      return false;
    }
    if (query.sharingClass && r.sharingClass !== query.sharingClass) {
      return false;
    }
    if (query.subjectType && r.subjectType !== query.subjectType) {
      return false;
    }
    if (!needle) {
      return true;
    }
    const haystack = [
      r.code,
      r.name,
      r.nameEn,
      r.description,
      r.descriptionEn,
      ...r.fields.flatMap((f) => [f.label, f.labelEn, f.name]),
    ]
      .join("\n")
      .toLowerCase();
    return haystack.includes(needle);
  });
}

/** Catalogue entries as the public sees them: without the provider's connection details. */
export function presentResource(r: CatalogueResource) {
  const { provider, ...rest } = r;
  return { ...rest, providerKind: provider.kind };
}

function checkFields(fields: ResourceField[]): void {
  const names = new Set<string>();
  fields.forEach((f, i) => {
    if (names.has(f.name)) {
      throw validationError(`body.fields[${i}].name`, `Duplicate field ${f.name}`);
    }
    names.add(f.name);
  });
}

/**
 * A department admin registers or updates one of their department's resources. Each change bumps
 * the version and is recorded in the ledger.
 */
export async function saveResource(
  ctx: ServiceContext,
  caller: Caller,
  input: DataResourceDefinition,
): Promise<CatalogueResource> {
  const mine = await directory.departmentCodes(ctx, caller.actor.departmentIds);
  if (!caller.actor.roles.includes("dept_admin") || !mine.includes(input.owner)) {
    throw forbidden("Only an admin of the owning department registers its data resources");
  }
  checkFields(input.fields);
  if (input.dataClass === "health" && input.purposes.length === 0) {
    throw validationError("body.purposes", "Health data lists the purposes it may be read for");
  }
  await inTransaction(ctx.db, async (tx) => {
    const existing = await tx
      .selectFrom("exchange_resources")
      .select(["owner_code", "code"])
      .where("id", "=", input.id)
      .executeTakeFirst();
    if (existing && existing.owner_code !== input.owner) {
      throw forbidden("This resource belongs to another department");
    }
    const clash = await tx
      .selectFrom("exchange_resources")
      .select("id")
      .where("code", "=", input.code)
      .where("id", "<>", input.id)
      .executeTakeFirst();
    if (clash) {
      throw validationError("body.code", `Resource code ${input.code} is taken`);
    }
    await tx
      .insertInto("exchange_resources")
      .values({
        id: input.id,
        code: input.code,
        owner_code: input.owner,
        name: input.name,
        name_en: input.nameEn,
        sharing_class: input.sharingClass,
        definition: JSON.stringify(input),
      })
      .onConflict((oc) =>
        oc.column("id").doUpdateSet({
          code: input.code,
          name: input.name,
          name_en: input.nameEn,
          sharing_class: input.sharingClass,
          definition: JSON.stringify(input),
          version: sql`exchange_resources.version + 1`,
          updated_at: new Date(),
        }),
      )
      .execute();
    await ctx.ledger.record(tx, {
      action: existing ? "exchange.resource.update" : "exchange.resource.register",
      actor: caller.actor,
      resource: `exchange/resources/${input.id}`,
      outcome: "success",
      requestId: caller.requestId,
      details: { owner: input.owner, sharingClass: input.sharingClass, fields: input.fields.length },
    });
  });
  return (await load(ctx, true)).get(input.id) as CatalogueResource;
}

/** Connects a resource to the department's own system instead of the built-in registry. */
export async function setProvider(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  provider: ProviderConfig,
): Promise<void> {
  const resource = await getResource(ctx, id, "params.id");
  const mine = await directory.departmentCodes(ctx, caller.actor.departmentIds);
  if (!caller.actor.roles.includes("dept_admin") || !mine.includes(resource.owner)) {
    throw forbidden("Only an admin of the owning department connects its registry");
  }
  if (provider.kind === "http") {
    // Refused now rather than at the first call: the document must describe a lookup operation.
    try {
      httpProvider(provider);
    } catch (error) {
      if (error instanceof DomainError && error.code === "VALIDATION") {
        throw validationError(`body.${error.field ?? "openapi"}`, error.message);
      }
      throw error;
    }
  }
  await inTransaction(ctx.db, async (tx) => {
    await tx
      .updateTable("exchange_resources")
      .set({ provider: JSON.stringify(provider), version: sql`version + 1`, updated_at: new Date() })
      .where("id", "=", id)
      .execute();
    await ctx.ledger.record(tx, {
      action: "exchange.resource.provider",
      actor: caller.actor,
      resource: `exchange/resources/${id}`,
      outcome: "success",
      requestId: caller.requestId,
      details: provider.kind === "http" ? { kind: "http", baseUrl: provider.baseUrl } : { kind: "builtin" },
    });
  });
  await load(ctx, true);
}

/** Seeds the demo catalogue (inside the demo seed's transaction). */
export async function seedDemoCatalogue(ctx: ServiceContext, caller: Caller): Promise<void> {
  await ctx.db
    .insertInto("exchange_resources")
    .values(
      DEMO_CATALOGUE.map((r) => ({
        id: r.id,
        code: r.code,
        owner_code: r.owner,
        name: r.name,
        name_en: r.nameEn,
        sharing_class: r.sharingClass,
        definition: JSON.stringify(r),
      })),
    )
    .execute();
  await ctx.ledger.record(ctx.db, {
    action: "exchange.resource.register",
    actor: caller.actor,
    resource: "exchange/resources",
    outcome: "success",
    requestId: caller.requestId,
    details: { resources: DEMO_CATALOGUE.map((r) => r.id) },
  });
}

/** Forget the cached catalogue (after a seed in another connection, in tests). */
export function invalidateCatalogue(ctx: ServiceContext): void {
  cache.delete(ctx.db as object);
}
