import type { MaskKind, ResourceField } from "../../../shared/exchange/catalogue.js";
import { maskIdNumber, maskMobile } from "../identity/index.js";
import type { ProviderRecord } from "./provider.js";

type Value = ProviderRecord["values"][string];

/** The part of an address down to its street, town or township (街道, 镇, 乡); the rest is hidden. */
function maskAddress(address: string): string {
  const match = /^(.*?(?:街道|镇|乡))/.exec(address);
  if (match?.[1] && match[1].length < address.length) {
    return `${match[1]}****`;
  }
  return `${address.slice(0, Math.min(6, Math.max(1, address.length - 4)))}****`;
}

/** Masks one value as its field says; values that cannot be partly shown are withheld (null). */
export function maskValue(kind: MaskKind, value: Value): Value {
  if (value === null) {
    return null;
  }
  if (typeof value !== "string") {
    return null;
  }
  switch (kind) {
    case "name":
      return value.length <= 1 ? "*" : `${value.slice(0, 1)}${"*".repeat(Math.min(value.length - 1, 3))}`;
    case "idNumber":
      return value.length === 18 ? maskIdNumber(value) : "******";
    case "creditCode":
      return value.length === 18 ? `${value.slice(0, 6)}********${value.slice(14)}` : "******";
    case "mobile":
      return value.length === 11 ? maskMobile(value) : "******";
    case "address":
      return maskAddress(value);
    case "date":
      // Year and month only: enough to check an age or a period, not to identify a person.
      return /^\d{4}-\d{2}/.test(value) ? value.slice(0, 7) : null;
    case "redact":
      return null;
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

/** A field is shown in full only when its sensitivity is within the agreement's clearance. */
export function needsMask(field: ResourceField, clearance: number): boolean {
  return field.sensitivity > clearance;
}
