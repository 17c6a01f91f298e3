import type {
  AgreementEffectiveStatus,
  AlertKind,
  ConsentStatus,
  DataClass,
  FieldType,
  OpenDataClass,
  SubjectType,
  UpdateFrequency,
  UsageDimension,
} from "../api-types";
import type { MessageKey } from "../i18n";

export const DATA_CLASS_KEY: Record<DataClass, MessageKey> = {
  general: "exchange.dataClass.general",
  personal: "exchange.dataClass.personal",
  sensitive: "exchange.dataClass.sensitive",
  health: "exchange.dataClass.health",
};

export const OPEN_DATA_KEY: Record<OpenDataClass, MessageKey> = {
  open: "exchange.openData.open",
  conditional: "exchange.openData.conditional",
  closed: "exchange.openData.closed",
};

export const FREQUENCY_KEY: Record<UpdateFrequency, MessageKey> = {
  realtime: "exchange.frequency.realtime",
  daily: "exchange.frequency.daily",
  weekly: "exchange.frequency.weekly",
  monthly: "exchange.frequency.monthly",
  quarterly: "exchange.frequency.quarterly",
  yearly: "exchange.frequency.yearly",
};

export const SUBJECT_TYPE_KEY: Record<SubjectType, MessageKey> = {
  person: "exchange.subject.person",
  organisation: "exchange.subject.organisation",
};

export const FIELD_TYPE_KEY: Record<FieldType, MessageKey> = {
  string: "exchange.fieldType.string",
  date: "exchange.fieldType.date",
  datetime: "exchange.fieldType.datetime",
  number: "exchange.fieldType.number",
  boolean: "exchange.fieldType.boolean",
  "string[]": "exchange.fieldType.list",
};

export const AGREEMENT_STATUS_KEY: Record<AgreementEffectiveStatus, MessageKey> = {
  applied: "exchange.status.applied",
  approved: "exchange.status.approved",
  refused: "exchange.status.refused",
  suspended: "exchange.status.suspended",
  expired: "exchange.status.expired",
};

export const CONSENT_STATUS_KEY: Record<ConsentStatus, MessageKey> = {
  pending: "exchange.consentStatus.pending",
  granted: "exchange.consentStatus.granted",
  refused: "exchange.consentStatus.refused",
  revoked: "exchange.consentStatus.revoked",
  superseded: "exchange.consentStatus.superseded",
};

export const ALERT_KIND_KEY: Record<AlertKind, { name: MessageKey; explain: MessageKey }> = {
  volume: { name: "exchange.alert.volume", explain: "exchange.alert.volumeExplain" },
  "off-hours": { name: "exchange.alert.offHours", explain: "exchange.alert.offHoursExplain" },
  "no-reference": { name: "exchange.alert.noReference", explain: "exchange.alert.noReferenceExplain" },
};

export const USAGE_DIMENSIONS: readonly UsageDimension[] = [
  "department",
  "resource",
  "purpose",
  "day",
  "outcome",
];

export const USAGE_DIMENSION_KEY: Record<UsageDimension, MessageKey> = {
  department: "supervision.by.department",
  resource: "supervision.by.resource",
  purpose: "supervision.by.purpose",
  day: "supervision.by.day",
  outcome: "supervision.by.outcome",
};

/** "2026-01-01" as the reader's medium date (dates only, no time zone shift). */
export function formatDay(day: string, locale: string): string {
  const [y, m, d] = day.split("-").map(Number);
  if (!y || !m || !d) {
    return day;
  }
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** Whole days from today (China time) to the given day; negative when it has passed. */
export function daysUntil(day: string, now = new Date()): number {
  const today = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}
