/** The auditor's search as it sits in the URL (so reload, back and shared links keep it). */
export interface LedgerFilters {
  actor?: string;
  departmentId?: string;
  subjectType: "person" | "organisation";
  subject?: string;
  action?: string;
  /** datetime-local values ("2026-05-01T09:30"), in the reader's time zone. */
  from?: string;
  to?: string;
  /** Comma-separated sequence numbers (from a supervision alert or a refused call). */
  seqs?: string;
}

const PARAM: Record<Exclude<keyof LedgerFilters, "subjectType">, string> = {
  actor: "actor",
  departmentId: "department",
  subject: "subject",
  action: "action",
  from: "from",
  to: "to",
  seqs: "seqs",
};

/** Reads the filters from the page's query string. */
export function filtersFromParams(params: URLSearchParams): LedgerFilters {
  const filters: LedgerFilters = {
    subjectType: params.get("subjectType") === "organisation" ? "organisation" : "person",
  };
  for (const [key, name] of Object.entries(PARAM) as [keyof typeof PARAM, string][]) {
    const value = params.get(name)?.trim();
    if (value) {
      filters[key] = value;
    }
  }
  return filters;
}

/** Writes the filters into a query string (page 1). */
export function paramsFromFilters(filters: LedgerFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, name] of Object.entries(PARAM) as [keyof typeof PARAM, string][]) {
    const value = filters[key]?.trim();
    if (value) {
      params.set(name, value);
    }
  }
  if (filters.subject && filters.subjectType === "organisation") {
    params.set("subjectType", "organisation");
  }
  return params;
}

function toIso(local: string | undefined): string | undefined {
  if (!local) {
    return undefined;
  }
  const time = new Date(local);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}

/** The query of GET /api/ledger/entries for the filters. */
export function apiQuery(filters: LedgerFilters): Record<string, string | undefined> {
  const subject = filters.subject?.toUpperCase();
  return {
    actor: filters.actor?.toLowerCase(),
    departmentId: filters.departmentId,
    subjectIdNumber: filters.subjectType === "person" ? subject : undefined,
    subjectCreditCode: filters.subjectType === "organisation" ? subject : undefined,
    action: filters.action,
    from: toIso(filters.from),
    to: toIso(filters.to),
    seqs: filters.seqs && /^\d+(,\d+)*$/.test(filters.seqs) ? filters.seqs : undefined,
  };
}
