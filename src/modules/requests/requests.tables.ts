import type { ColumnType, Generated } from "kysely";

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string | undefined, string>;
type Stamp = ColumnType<Date | null, Date | null | undefined, Date | null>;

import type { RequestStatus } from "../../../shared/requests/types.js";

export { REQUEST_STATUSES, type RequestStatus } from "../../../shared/requests/types.js";
export const CHANNELS = ["web", "api", "open311", "hotline"] as const;
export type Channel = (typeof CHANNELS)[number];
export type AssignmentRole = "lead" | "co";
export type AssignmentStatus = "dispatched" | "accepted" | "done" | "returned" | "escalated";
export type LinkKind = "duplicate" | "repeat";

export interface RequestTables {
  request_categories: {
    code: string;
    parent_code: string | null;
    level: number;
    name: string;
    name_en: string;
    department_code: string | null;
    power_code: string | null;
    contact_hours: number | null;
    resolve_days: number | null;
    keywords: Json<string[]>;
    source: "builtin" | "import";
    active: ColumnType<boolean, boolean | undefined, boolean>;
    sort: ColumnType<number, number | undefined, number>;
    updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  };
  requests: {
    id: Generated<string>;
    number: string;
    token: string;
    channel: Channel;
    status: RequestStatus;
    title: string | null;
    description: string;
    category_code: string | null;
    department_code: string | null;
    proposed_category_code: string | null;
    proposed_department_code: string | null;
    proposed_confidence: number | null;
    proposed_by: string | null;
    requester_account_id: string | null;
    entered_by: string | null;
    anonymous: boolean;
    contact_name: string | null;
    contact_phone: string | null;
    contact_email: string | null;
    lat: number | null;
    lng: number | null;
    address: string | null;
    media_url: string | null;
    open311_key_id: string | null;
    duplicate_of: string | null;
    reopened_count: ColumnType<number, number | undefined, number>;
    reply: string | null;
    reply_by: string | null;
    created_at: CreatedAt;
    updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
    dispatched_at: Stamp;
    accepted_at: Stamp;
    first_contact_at: Stamp;
    replied_at: Stamp;
    closed_at: Stamp;
    contact_due_at: Stamp;
    resolve_due: string | null;
    resolve_due_estimated: ColumnType<boolean, boolean | undefined, boolean>;
    resolved: boolean | null;
    satisfied: boolean | null;
    return_visit_at: Stamp;
    /** The requester lets it appear, redacted, in the public view (default yes). */
    public_view: ColumnType<boolean, boolean | undefined, boolean>;
    /** Distinct character bigrams of the description (intake's near-identical-text look-up); null before 20261127T1920. */
    text_bigrams: number | null;
  };
  request_assignments: {
    id: Generated<string>;
    request_id: string;
    department_code: string;
    role: AssignmentRole;
    status: AssignmentStatus;
    assigned_at: CreatedAt;
    assigned_by: string | null;
    accepted_at: Stamp;
    done_at: Stamp;
    contribution: string | null;
  };
  request_events: {
    id: Generated<number>;
    request_id: string;
    at: CreatedAt;
    kind: string;
    actor_account_id: string | null;
    department_code: string | null;
    public: boolean;
    message: string | null;
    details: Json<Record<string, unknown>>;
    ledger_seq: number | null;
  };
  request_links: {
    request_id: string;
    related_id: string;
    kind: LinkKind;
    reason: string;
    score: number;
    created_at: CreatedAt;
  };
  request_photos: {
    id: Generated<string>;
    request_id: string;
    content_type: "image/png" | "image/jpeg";
    size_bytes: number;
    sha256: string;
    data: ColumnType<Uint8Array, Buffer | Uint8Array, never>;
    uploaded_by: string | null;
    created_at: CreatedAt;
  };
  request_corrections: {
    id: Generated<string>;
    request_id: string;
    text: string;
    source: "returned" | "dispatcher";
    from_category_code: string | null;
    from_department_code: string | null;
    from_confidence: number | null;
    to_category_code: string | null;
    to_department_code: string | null;
    reason: string | null;
    created_by: string | null;
    created_at: CreatedAt;
    resolved_at: Stamp;
  };
  request_return_visits: {
    id: Generated<string>;
    request_id: string;
    at: CreatedAt;
    by_account_id: string | null;
    channel: "self" | "phone";
    resolved: boolean;
    satisfied: boolean;
    comment: string | null;
    reopened: boolean;
  };
  open311_keys: {
    id: Generated<string>;
    name: string;
    prefix: string;
    key_hash: string;
    created_at: CreatedAt;
    created_by: string | null;
    revoked_at: Stamp;
    last_used_at: Stamp;
  };
}
