/** Citizens' requests (接诉即办) as the API presents them: one definition for the server's presenters and the web client. */

export const REQUEST_STATUSES = ["pending", "dispatched", "in_progress", "replied", "closed"] as const;
/** pending: waiting for the 12345 dispatcher; dispatched: sent to a department; in_progress: accepted. */
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export type RequestChannel = "web" | "api" | "open311" | "hotline";
export type DueStatus = "on-time" | "near" | "overdue";

export interface DeptRef {
  code: string;
  name: string;
  nameEn: string;
}

export interface CategoryRef {
  code: string;
  name: string;
  nameEn: string;
  /** Names from the first level down. */
  path: string[];
}

export interface RequestSummary {
  id: string;
  number: string;
  channel: RequestChannel;
  status: RequestStatus;
  title: string | null;
  description: string;
  category: CategoryRef | null;
  /** The classifier's proposal: staff only (null for the requester). */
  proposedCategory: CategoryRef | null;
  proposedDepartment: DeptRef | null;
  proposedConfidence: number | null;
  proposedBy: string | null;
  department: DeptRef | null;
  anonymous: boolean;
  /** The requester lets it appear, redacted, in the public view (诉求公开). */
  publicView: boolean;
  contactName: string | null;
  /** Always masked (138****0218); the clear number only through the handling department's contact view. */
  contactPhone: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  mediaUrl: string | null;
  duplicateOf: string | null;
  reopenedCount: number;
  createdAt: string;
  dispatchedAt: string | null;
  acceptedAt: string | null;
  firstContactAt: string | null;
  repliedAt: string | null;
  closedAt: string | null;
  contactDueAt: string | null;
  contactOverdue: boolean;
  resolveDue: string | null;
  resolveDueEstimated: boolean;
  dueStatus: DueStatus | null;
  resolved: boolean | null;
  satisfied: boolean | null;
  returnVisitAt: string | null;
}

export interface RequestListItem extends RequestSummary {
  coHandlers: (DeptRef | null)[];
}

export interface RequestPermissions {
  dispatch: boolean;
  accept: boolean;
  contact: boolean;
  note: boolean;
  reply: boolean;
  close: boolean;
  returnToDispatcher: boolean;
  escalate: boolean;
  coHandle: boolean;
  contribute: boolean;
  returnVisit: boolean;
  revealContact: boolean;
  addPhoto: boolean;
}

export interface RequestEvent {
  kind: string;
  at: string;
  department: DeptRef | null;
  message: string | null;
  /** Whether the requester sees this event (staff see every event). */
  public: boolean;
  details: Record<string, unknown>;
  /** Staff only: who acted. */
  actor: string | null;
  ledgerSeq: number | null;
}

export interface RequestAssignment {
  department: DeptRef | null;
  role: "lead" | "co";
  status: "dispatched" | "accepted" | "done" | "returned" | "escalated";
  assignedAt: string;
  acceptedAt: string | null;
  doneAt: string | null;
  contribution: string | null;
}

export interface RequestLink {
  id: string;
  number: string;
  kind: "duplicate" | "repeat";
  reason: string;
  score: number;
  direction: "to" | "from";
}

export interface RequestDetail extends RequestSummary {
  reply: string | null;
  view: "requester" | "staff";
  can: RequestPermissions;
  assignments: RequestAssignment[];
  events: RequestEvent[];
  links: RequestLink[];
  photos: { id: string; contentType: string; sizeBytes: number; createdAt: string }[];
  returnVisits: {
    at: string;
    channel: "self" | "phone";
    resolved: boolean;
    satisfied: boolean;
    comment: string | null;
    reopened: boolean;
  }[];
}

export interface RequestCategory {
  code: string;
  parent: string | null;
  level: number;
  name: string;
  nameEn: string;
  department: DeptRef | null;
  power: string | null;
  contactHours: number;
  resolveDays: number;
  source: "builtin" | "import";
}

export interface RequestsWorkspace {
  centre: boolean;
  departments: string[];
  reader: boolean;
}

/** The limits the server enforces, for forms to show. */
export const REQUEST_LIMITS = { text: 4000, title: 100, photoBytes: 5 * 1024 * 1024, photos: 6 } as const;
