import type { ColumnType, Generated } from "kysely";

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Stamp = ColumnType<Date, Date | string, Date | string>;
type DateCol = ColumnType<string, string, string>;

import type { RectificationFinding, RectificationStatus } from "../../../shared/services/ratings.js";

export type { RectificationFinding, RectificationStatus };

export interface RatingTables {
  application_ratings: {
    id: Generated<string>;
    application_id: string;
    rater_account: string;
    score: number;
    comment: string | null;
    public_comment: string | null;
    department: string;
    service_code: string;
    service_name: string;
    service_name_en: string;
    rated_at: CreatedAt;
    ledger_seq: ColumnType<number | null, number | null | undefined, number | null>;
  };
  rating_rectifications: {
    id: Generated<string>;
    rating_id: string;
    application_id: string;
    department: string;
    status: RectificationStatus;
    opened_on: DateCol;
    limit_days: number;
    due_on: DateCol | null;
    due_unknown_year: number | null;
    reply: string | null;
    replied_at: Stamp | null;
    replied_by: string | null;
    finding: RectificationFinding | null;
    review_note: string | null;
    reviewed_at: Stamp | null;
    reviewed_by: string | null;
    created_at: CreatedAt;
    updated_at: UpdatedAt;
  };
}
