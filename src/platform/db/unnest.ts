import { sql } from "kysely";

/**
 * Rows as a table in a FROM clause: `unnest` of one typed array per column (the same text whatever
 * the number of rows), named `alias` with the columns of `types`, in their order, and `n`, each
 * row's place (from 1).
 */
export function unnestAs<T extends object>(
  rows: readonly T[],
  types: { [K in keyof T]: string },
  alias: string,
) {
  const columns = Object.keys(types) as (keyof T & string)[];
  return sql`unnest(${sql.join(
    columns.map((c) => sql`${sql.val(rows.map((r) => r[c]))}::${sql.raw(types[c])}[]`),
  )}) with ordinality as ${sql.raw(alias)} (${sql.raw(columns.join(", "))}, n)`;
}
