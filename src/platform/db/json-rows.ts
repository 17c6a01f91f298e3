import { type RawBuilder, sql } from "kysely";

/**
 * Rows as a table in a FROM clause, from one JSON parameter: `json_to_recordset` with the columns
 * of `types` (SQL types, in their order) and `n`, each row's place from 1, named `alias`. The
 * statement's text is the same whatever the number of rows (so its prepared plan is reused), and
 * the values are quoted by JSON.stringify, which costs less than `pg`'s array literals for long texts
 * such as ledger entries. Array columns take JS arrays; timestamps take Dates.
 */
export function jsonRows<T extends object>(
  rows: readonly T[],
  types: { [K in keyof T]: string },
  alias: string,
): RawBuilder<unknown> {
  const columns = Object.keys(types) as (keyof T & string)[];
  const json = JSON.stringify(
    rows.map((row, i) => {
      const out: Record<string, unknown> = { n: i + 1 };
      for (const c of columns) {
        out[c] = row[c];
      }
      return out;
    }),
  );
  const definitions = [...columns.map((c) => `${c} ${types[c]}`), "n int"].join(", ");
  return sql`json_to_recordset(${json}::json) as ${sql.raw(alias)} (${sql.raw(definitions)})`;
}
