import type { OverrideRow } from "./calendar.repository.js";

/** An override as the API shows it (the account that set it is in the ledger, not on the wire). */
export function presentOverride(row: OverrideRow) {
  return { day: row.day, working: row.working, reason: row.reason, setAt: row.set_at.toISOString() };
}
