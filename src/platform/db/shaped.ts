import { randomUUID } from "node:crypto";
import { type Compilable, CompiledQuery, type Kysely, type Transaction } from "kysely";
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
