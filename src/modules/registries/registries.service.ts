import type { Caller, ServiceContext } from "../../platform/context.js";
import { inTransaction } from "../../platform/db/tx.js";
import { DomainError } from "../../platform/errors.js";
import type { ProviderRecord, RegistryProvider, SubjectKey } from "../exchange/provider.js";
import { REGISTRY_SPECS, type RegistrySpec } from "./registries.mapping.js";
import * as repo from "./registries.repository.js";

type Value = ProviderRecord["values"][string];

function decode(spec: RegistrySpec, column: string, raw: unknown): Value {
  if (raw === null || raw === undefined) {
    return null;
  }
  if (raw instanceof Date) {
    return raw.toISOString();
  }
  if (spec.numeric?.includes(column)) {
    return Number(raw);
  }
  return raw as Value;
}

function subjectValue(spec: RegistrySpec, subject: SubjectKey): string | null {
  if (subject.type !== spec.subjectType) {
    return null;
  }
  return subject.type === "person" ? subject.idNumber : subject.creditCode;
}

/** A provider reading one of the platform-hosted registry tables. */
function tableProvider(spec: RegistrySpec): RegistryProvider {
  return {
    async lookup(ctx, subject, fields) {
      const unknown = fields.filter((f) => !Object.hasOwn(spec.fields, f));
      if (unknown.length > 0) {
        throw new DomainError(
          "VALIDATION",
          `${spec.resourceId} has no field ${unknown.join(", ")}`,
          "fields",
          { resourceId: spec.resourceId, unknownFields: unknown },
        );
      }
      const key = subjectValue(spec, subject);
      if (key === null) {
        return [];
      }
      const other = spec.otherSide;
      const columns = new Set<string>();
      for (const f of fields) {
        columns.add(spec.fields[f] as string);
        const mirrored = other?.fields[f];
        if (mirrored) {
          columns.add(mirrored);
        }
      }
      if (other) {
        columns.add(other.key);
      }
      const rows = await repo.findBySubject(ctx.db, spec.table, spec.keys, key, [...columns]);
      return rows.map((row) => {
        const flipped = other !== undefined && row[other.key] === key;
        const values: ProviderRecord["values"] = {};
        for (const f of fields) {
          const column = (flipped ? other?.fields[f] : undefined) ?? (spec.fields[f] as string);
          values[f] = decode(spec, column, row[column]);
        }
        return { values, updatedAt: row.updated_at.toISOString() };
      });
    },
  };
}

/** The platform-hosted registries, by catalogue resource id. */
export const builtinProviders: Readonly<Record<string, RegistryProvider>> = Object.fromEntries(
  REGISTRY_SPECS.map((spec) => [spec.resourceId, tableProvider(spec)]),
);

/** The provider of a platform-hosted registry, or undefined when the resource has none here. */
export function providerFor(resourceId: string): RegistryProvider | undefined {
  return Object.hasOwn(builtinProviders, resourceId) ? builtinProviders[resourceId] : undefined;
}

/** The catalogue field names a platform-hosted registry can answer. */
export function providedFields(resourceId: string): readonly string[] {
  const spec = REGISTRY_SPECS.find((s) => s.resourceId === resourceId);
  return spec ? Object.keys(spec.fields) : [];
}

/**
 * Loads registry rows (the demo's, in seedDemoRows' transaction) and records one ledger entry for
 * the load, in the same transaction.
 */
export async function seedRegistries(
  ctx: ServiceContext,
  caller: Caller,
  rows: repo.RegistryRows,
): Promise<Record<string, number>> {
  return inTransaction(ctx.db, async (tx) => {
    const counts = await repo.insertRows(tx, rows);
    await ctx.ledger.record(tx, {
      action: "registries.seed",
      actor: caller.actor,
      resource: "registries",
      outcome: "success",
      requestId: caller.requestId,
      details: counts,
    });
    return counts;
  });
}
