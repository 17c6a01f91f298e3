import { type RawBuilder, sql } from "kysely";
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
  if (spec.timestamps?.includes(column)) {
    // Read through JSON (see prefetchSql) a timestamp arrives as text with the session's offset.
    return new Date(raw as string).toISOString();
  }
  return raw as Value;
}

function subjectValue(spec: RegistrySpec, subject: SubjectKey): string | null {
  if (subject.type !== spec.subjectType) {
    return null;
  }
  return subject.type === "person" ? subject.idNumber : subject.creditCode;
}

function checkFields(spec: RegistrySpec, fields: readonly string[]): void {
  const unknown = fields.filter((f) => !Object.hasOwn(spec.fields, f));
  if (unknown.length > 0) {
    throw new DomainError("VALIDATION", `${spec.resourceId} has no field ${unknown.join(", ")}`, "fields", {
      resourceId: spec.resourceId,
      unknownFields: unknown,
    });
  }
}

/** The columns that answer the fields (the other side's too), and the other side's key. */
function columnsFor(spec: RegistrySpec, fields: readonly string[]): string[] {
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
  return [...columns];
}

/** Rows as read (newest first) → records with the fields asked for, the subject always on "our" side. */
function toRecords(
  spec: RegistrySpec,
  key: string,
  fields: readonly string[],
  rows: readonly Record<string, unknown>[],
): ProviderRecord[] {
  const other = spec.otherSide;
  return rows.map((row) => {
    const flipped = other !== undefined && row[other.key] === key;
    const values: ProviderRecord["values"] = {};
    for (const f of fields) {
      const column = (flipped ? other?.fields[f] : undefined) ?? (spec.fields[f] as string);
      values[f] = decode(spec, column, row[column]);
    }
    const updated = row.updated_at;
    return {
      values,
      updatedAt: (updated instanceof Date ? updated : new Date(updated as string)).toISOString(),
    };
  });
}

/** A provider reading one of the platform-hosted registry tables. */
function tableProvider(spec: RegistrySpec): RegistryProvider {
  return {
    async lookup(ctx, subject, fields) {
      checkFields(spec, fields);
      const key = subjectValue(spec, subject);
      if (key === null) {
        return [];
      }
      const rows = await repo.findBySubject(ctx.db, spec.table, spec.keys, key, columnsFor(spec, fields));
      return toRecords(spec, key, fields, rows);
    },
  };
}

/**
 * A built-in registry's read as a SQL expression, so that the gateway reads it in the same round
 * trip as the agreement (one statement instead of two). `sql(key)` is a JSON array of the rows whose
 * key columns equal `key` (a value or a parameter's stand-in), newest first, holding only the
 * columns of fields in `agreed` (a SQL jsonb array: the agreement's fields), so the statement reads
 * nothing the agreement does not cover; the caller evaluates it only under an approved agreement
 * of its own department. `records` then does what `lookup` does with the rows, for the fields asked
 * (which must be among the agreed ones) and the subject's key.
 */
export interface RegistryPrefetch {
  sql(key: unknown): RawBuilder<unknown>;
  records(raw: unknown, fields: readonly string[], key: string): ProviderRecord[];
}

export function prefetchFor(
  resourceId: string,
  subjectType: SubjectKey["type"],
  agreed: RawBuilder<unknown>,
): RegistryPrefetch | undefined {
  const spec = REGISTRY_SPECS.find((s) => s.resourceId === resourceId);
  if (!spec || spec.subjectType !== subjectType) {
    return undefined;
  }
  return {
    // Built only when a statement's shape is compiled: the gateway compiles each shape once.
    sql: (key) => {
      // Each column, with the fields it answers (a column may answer a field of either side).
      const answers = new Map<string, string[]>();
      const note = (column: string, field: string) =>
        answers.set(column, [...(answers.get(column) ?? []), field]);
      for (const f of Object.keys(spec.fields)) {
        note(spec.fields[f] as string, f);
        const mirrored = spec.otherSide?.fields[f];
        if (mirrored) {
          note(mirrored, f);
        }
      }
      const parts = [...answers].map(([column, fields]) =>
        column === spec.otherSide?.key
          ? sql`${sql.lit(column)}, r.${sql.ref(column)}`
          : sql`${sql.lit(column)}, case when ${agreed} ?| ${sql.lit(`{${fields.join(",")}}`)}::text[] then r.${sql.ref(column)} end`,
      );
      if (spec.otherSide && !answers.has(spec.otherSide.key)) {
        parts.push(sql`${sql.lit(spec.otherSide.key)}, r.${sql.ref(spec.otherSide.key)}`);
      }
      parts.push(sql`'updated_at', r.updated_at`);
      return sql`(select coalesce(json_agg(json_build_object(${sql.join(parts)}) order by r.updated_at desc), '[]'::json)
        from ${sql.table(spec.table)} r where ${sql.join(
          spec.keys.map((k) => sql`r.${sql.ref(k)} = ${key}`),
          sql` or `,
        )})`;
    },
    records: (raw, fields, key) => {
      checkFields(spec, fields);
      return toRecords(spec, key, fields, raw as Record<string, unknown>[]);
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
