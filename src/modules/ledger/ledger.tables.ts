import type { ColumnType, Generated } from "kysely";

export interface LedgerTables {
  /** Appended entries; idx is assigned when the integrator adds them to the tree. */
  ledger_entries: {
    seq: Generated<number>;
    idx: number | null;
    body: string;
    action: string;
    time: ColumnType<Date, Date | string, never>;
    department_ids: string[];
  };
  /** The clear identifiers behind an entry's keyed hashes: for the person concerned and auditors only. */
  ledger_identities: {
    seq: number;
    kind: "actor" | "subject";
    subject_type: "person" | "organisation" | "account";
    subject_id: string;
  };
  /** Hashes of perfect subtrees: level 0 are leaf hashes; (level, idx) covers leaves idx·2^level … */
  ledger_nodes: { level: number; idx: number; hash: Uint8Array };
  ledger_checkpoints: {
    size: number;
    root: Uint8Array;
    note: string;
    created_at: ColumnType<Date, Date | string | undefined, never>;
  };
}
