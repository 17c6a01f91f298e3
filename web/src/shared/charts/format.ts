import type { MessageKey } from "../i18n";

/** A share (0…1) as a percentage with one decimal, or a dash when there is nothing to divide. */
export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? "—" : `${(rate * 100).toFixed(1)}%`;
}

/** A mean with up to two decimals, or a dash. */
export function decimal(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : String(Math.round(value * 100) / 100);
}

/** The translation keys of the five rating levels, index 0 = score 1. */
export const LEVEL_KEYS: readonly MessageKey[] = ["level.1", "level.2", "level.3", "level.4", "level.5"];

/** Colours of the levels: the two bad ones warm, the good ones cool. */
export const LEVEL_COLOURS = ["#b91c1c", "#ea580c", "#ca8a04", "#059669", "#1d4ed8"];

/** Tag colours of the levels: antd's presets, whose light backgrounds keep text contrast at WCAG AA. */
export const LEVEL_TAGS = ["red", "magenta", "purple", "geekblue", "blue"];
