import { randomUUID } from "node:crypto";
import { type Compilable, CompiledQuery, type Kysely, type RawBuilder, sql, type Transaction } from "kysely";
import type { DB } from "./schema.js";

/** Strings that stand for the parameters while a shape is compiled (no real value looks like them). */
const MARK = `yimen-slot-${randomUUID()}:`;
const slot = (i: number) => `${MARK}${i}`;

/** Where each parameter of a compiled shape comes from: a value given per run, or a fixed one. */
type Source = { from: number } | { fixed: unknown };

const shapes = new Map<string, { sql: string; sources: Source[] }>();
const MAX_SHAPES = 1_000;

/**
 * Runs a query whose shape (its SQL text) depends only on `key`, with `values` as its parameters.
 * Building a query with Kysely's builder costs more than running it on a hot path (every node is
 * an immutable object, cloned at each step); here it is built and compiled once per key, with
 * stand-ins for the values, and later runs substitute the values into the compiled parameters.
 * `build` must use each of its `slots` only as a value (a parameter), and `key` must name
 * everything else the shape depends on (tables, columns, how many conditions).
 */
export async function runShaped<R>(
  db: Kysely<DB> | Transaction<DB>,
  key: string,
  values: readonly unknown[],
  build: (slots: string[]) => Compilable<R>,
): Promise<R[]> {
  let shape = shapes.get(key);
  if (!shape) {
    const compiled = build(values.map((_, i) => slot(i))).compile();
    const sources = compiled.parameters.map((p): Source => {
      return typeof p === "string" && p.startsWith(MARK)
        ? { from: Number(p.slice(MARK.length)) }
        : { fixed: p };
    });
    const used = new Set(sources.flatMap((s) => ("from" in s ? [s.from] : [])));
    if (compiled.sql.includes(MARK) || values.some((_, i) => !used.has(i))) {
      throw new Error(`query shape ${key}: every value must be a parameter`);
    }
    shape = { sql: compiled.sql, sources };
    if (shapes.size >= MAX_SHAPES) {
      shapes.clear();
    }
    shapes.set(key, shape);
  }
  const parameters = shape.sources.map((s) => ("from" in s ? values[s.from] : s.fixed));
  const result = await db.executeQuery<R>(CompiledQuery.raw(shape.sql, parameters));
  return result.rows;
}

/** The SQL type of one value of a batched shape (see runShapedMany). */
export type SlotType = "text" | "uuid" | "date" | "int" | "boolean" | "text[]";

const batchShapes = new Map<string, { sql: string; sources: ({ items: true } | { fixed: unknown })[] }>();

/**
 * Runs the query of one shape for many items in one statement, one round trip: `build` gets, for
 * each value, an SQL expression reading it from the item at hand (typed by `types`), and must
 * return exactly one row for each item; the rows come back in the items' order. The items travel
 * as one JSON parameter, read into typed columns once, so the statement's text and its plan are the same whatever the batch's
 * size. As with runShaped, the query is built and compiled once per `key`.
 */
export async function runShapedMany<R>(
  db: Kysely<DB> | Transaction<DB>,
  key: string,
  types: readonly SlotType[],
  items: readonly (readonly unknown[])[],
  build: (slots: RawBuilder<unknown>[]) => RawBuilder<R>,
): Promise<R[]> {
  let shape = batchShapes.get(key);
  if (!shape) {
    // Each item is a JSON object (its position, then its values), turned into a typed row once, so
    // the query reads plain columns rather than parsing JSON wherever a value is used.
    const columns = sql.join([
      sql`o int`,
      ...types.map((type, i) => sql`${sql.raw(`s${i}`)} ${sql.raw(type)}`),
    ]);
    const slots = types.map((_, i) => sql.ref(`item.s${i}`));
    const compiled = sql<R>`select q.* from json_to_recordset(${MARK}::json) as item (${columns})
      cross join lateral (${build(slots)}) as q order by item.o`.compile(db);
    shape = {
      sql: compiled.sql,
      sources: compiled.parameters.map((p) => (p === MARK ? { items: true } : { fixed: p })),
    };
    if (batchShapes.size >= MAX_SHAPES) {
      batchShapes.clear();
    }
    batchShapes.set(key, shape);
  }
  const json = JSON.stringify(
    items.map((values, o) => Object.fromEntries([["o", o], ...values.map((v, i) => [`s${i}`, v])])),
  );
  const parameters = shape.sources.map((s) => ("items" in s ? json : s.fixed));
  const { rows } = await db.executeQuery<R>(CompiledQuery.raw(shape.sql, parameters));
  if (rows.length !== items.length) {
    throw new Error(`query shape ${key}: ${rows.length} rows for ${items.length} items`);
  }
  return rows;
}
