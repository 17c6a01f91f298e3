import type { ColumnType, Generated } from "kysely";

export interface PolicyTables {
  policy_daily_reads: { account_id: string; day: string; subject_id: string };
  policy_daily_counts: { account_id: string; day: string; shard: number; persons: number };
  declared_relations: {
    account_id: string;
    person_id: string;
    relation: string;
    declared_at: ColumnType<Date, Date | string | undefined, never>;
  };
  rights_list_versions: {
    id: Generated<string>;
    department_code: string;
    version: number;
    powers: ColumnType<unknown, string, string>;
    status: "proposed" | "approved" | "refused";
    summary: string;
    proposed_by: string | null;
    proposed_at: ColumnType<Date, Date | string | undefined, never>;
    reviewed_by: string | null;
    reviewed_at: Date | null;
    review_reason: string | null;
    effective_from: Date | null;
  };
}
