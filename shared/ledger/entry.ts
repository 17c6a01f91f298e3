/** The ledger entry schema, version 1: what every leaf of the log holds, as canonical JSON. */

export type Outcome = "success" | "failure" | "denied";

/** A person, organisation or account named only by a keyed hash ("k1:" + hex HMAC-SHA-256). */
export interface SubjectRef {
  type: "person" | "organisation" | "account";
  ref: string;
}

export interface LedgerEntryV1 {
  v: 1;
  /** ISO 8601 UTC time of the action. */
  time: string;
  /** Dotted action name, e.g. "identity.sign_in", "exchange.query". */
  action: string;
  actor: {
    /** Keyed hash of the acting account, null for anonymous actions. */
    account: string | null;
    roles: string[];
    /** Ids (UUIDs) of the departments the actor acted for (public: departments are not persons). */
    departments: string[];
    via: "session" | "token" | "system" | "anonymous";
  };
  subjects: SubjectRef[];
  /** What was touched, e.g. "identity/accounts" or "exchange/resources/household-register". */
  resource: string | null;
  purpose: string | null;
  legalBasis: string | null;
  /** Sharing agreement or consent reference. */
  reference: string | null;
  outcome: Outcome;
  /** Policies that decided an access decision. */
  policies: string[];
  requestId: string | null;
  /** Further non-personal facts (roles granted, counts, reasons). */
  details: Record<string, string | number | boolean | null | string[]>;
}

export const ENTRY_VERSION = 1;
