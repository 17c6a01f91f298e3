import type { LedgerEntryV1, Outcome } from "../../../../shared/ledger/entry.js";
import type { LedgerEntryItem, LedgerIdentity, Role } from "../api-types";
import { ROLES } from "../api-types";
import type { MessageKey } from "../i18n";

export type { LedgerEntryV1, Outcome };

/** Every action the server records so far, grouped by module, with its message key. */
export const ACTION_GROUPS: readonly { prefix: string; label: MessageKey; actions: readonly string[] }[] = [
  {
    prefix: "identity.",
    label: "ledger.actionGroup.identity",
    actions: [
      "identity.sign_in",
      "identity.sign_out",
      "identity.password.change",
      "identity.account.create",
      "identity.account.update",
      "identity.account.password_reset",
      "identity.token.create",
      "identity.token.revoke",
      "identity.person.register",
      "identity.organisation.register",
      "identity.accounts.read",
      "identity.organisations.read",
    ],
  },
  {
    prefix: "policy.",
    label: "ledger.actionGroup.policy",
    actions: ["policy.propose", "policy.approve", "policy.refuse"],
  },
  {
    prefix: "exchange.",
    label: "ledger.actionGroup.exchange",
    actions: [
      "exchange.query",
      "exchange.consent.request",
      "exchange.consent.grant",
      "exchange.consent.refuse",
      "exchange.consent.revoke",
      "exchange.agreement.apply",
      "exchange.agreement.granted",
      "exchange.agreement.approve",
      "exchange.agreement.refuse",
      "exchange.agreement.suspend",
      "exchange.agreement.resume",
      "exchange.agreement.expiry_warning",
      "exchange.resource.register",
      "exchange.resource.update",
      "exchange.resource.provider",
      "exchange.alert.raise",
      "exchange.alert.review",
    ],
  },
  {
    prefix: "notifications.",
    label: "ledger.actionGroup.notifications",
    actions: ["notifications.channel.create", "notifications.channel.update", "notifications.channel.delete"],
  },
  {
    prefix: "certificates.",
    label: "ledger.actionGroup.certificates",
    actions: [
      "certificates.issue",
      "certificates.read",
      "certificates.revoke",
      "certificates.verify",
      "certificates.key.rotate",
    ],
  },
  {
    prefix: "requests.",
    label: "ledger.actionGroup.requests",
    actions: [
      "requests.submit",
      "requests.dispatch",
      "requests.accept",
      "requests.contact",
      "requests.contact.read",
      "requests.note",
      "requests.reply",
      "requests.close",
      "requests.return",
      "requests.escalate",
      "requests.cohandler.add",
      "requests.contribute",
      "requests.return_visit",
      "requests.photo.add",
      "requests.public_view",
      "requests.categories.seed",
      "requests.categories.import",
      "requests.categories.update",
      "requests.open311_key.create",
      "requests.open311_key.revoke",
    ],
  },
  { prefix: "ledger.", label: "ledger.actionGroup.ledger", actions: ["ledger.search", "ledger.export"] },
];

const KNOWN_ACTIONS = new Set(ACTION_GROUPS.flatMap((group) => group.actions));

/** The message key of an action's name, or null for one this client does not know (shown raw). */
export function actionKey(action: string): MessageKey | null {
  return KNOWN_ACTIONS.has(action) ? (`ledger.action.${action}` as MessageKey) : null;
}

export const OUTCOME_KEY: Record<Outcome, MessageKey> = {
  success: "ledger.outcome.success",
  failure: "ledger.outcome.failure",
  denied: "ledger.outcome.denied",
};

export const VIA_KEY: Record<LedgerEntryV1["actor"]["via"], MessageKey> = {
  session: "ledger.via.session",
  token: "ledger.via.token",
  system: "ledger.via.system",
  anonymous: "ledger.via.anonymous",
};

// Purposes are free text on the wire; the ones the server writes today get a translation.
const PURPOSE_KEY: Record<string, MessageKey> = {
  "account administration": "ledger.purpose.accountAdministration",
  supervision: "ledger.purpose.supervision",
};

/** The message key of a purpose the client knows, or null (shown as written). */
export function purposeKey(purpose: string): MessageKey | null {
  return PURPOSE_KEY[purpose] ?? null;
}

export const SUBJECT_TYPE_KEY: Record<LedgerIdentity["type"], MessageKey> = {
  account: "ledger.subjectType.account",
  person: "ledger.subjectType.person",
  organisation: "ledger.subjectType.organisation",
};

/** A role named in an entry, when it is one of the platform's roles. */
export function knownRole(role: string): Role | null {
  return ROLES.find((known) => known === role) ?? null;
}

const OUTCOMES: readonly string[] = ["success", "failure", "denied"];
const VIAS: readonly string[] = ["session", "token", "system", "anonymous"];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Parses an entry's canonical JSON; null when it is not a version 1 entry this client can show. */
export function parseEntry(body: string): LedgerEntryV1 | null {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return null;
  }
  if (
    !isRecord(value) ||
    value.v !== 1 ||
    typeof value.time !== "string" ||
    typeof value.action !== "string" ||
    !isRecord(value.actor) ||
    !Array.isArray(value.actor.roles) ||
    !Array.isArray(value.actor.departments) ||
    !VIAS.includes(String(value.actor.via)) ||
    !Array.isArray(value.subjects) ||
    !OUTCOMES.includes(String(value.outcome)) ||
    !Array.isArray(value.policies) ||
    !isRecord(value.details)
  ) {
    return null;
  }
  return value as unknown as LedgerEntryV1;
}

/** An entry as the pages show it: the API's item with its parsed body. */
export interface ShownEntry extends LedgerEntryItem {
  entry: LedgerEntryV1 | null;
}

/** Parses each listed item's body once. */
export function toShown(items: readonly LedgerEntryItem[]): ShownEntry[] {
  return items.map((item) => ({ ...item, entry: parseEntry(item.body) }));
}

/** "k1:4521952391ef…a330": a keyed hash short enough to read, still telling entries apart. */
export function shortHash(ref: string): string {
  return ref.length > 20 ? `${ref.slice(0, 15)}…${ref.slice(-4)}` : ref;
}

/** The clear identity of whoever acted, when the API revealed it. */
export function actorIdentity(item: LedgerEntryItem): LedgerIdentity | undefined {
  return item.identities.find((identity) => identity.kind === "actor");
}

/** Who acted, for display: the account's label, or "the system" / "someone not signed in". */
export function actorName(item: ShownEntry, t: (key: MessageKey) => string): string {
  const identity = actorIdentity(item);
  if (identity) {
    return identity.label ?? t("ledger.unlabelled");
  }
  if (item.entry?.actor.account) {
    return t("ledger.unlabelled");
  }
  return item.entry?.actor.via === "system" ? t("ledger.system") : t("ledger.anonymous");
}
