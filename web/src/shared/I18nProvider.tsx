import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import { setRequestLanguage } from "./api";
import { format, LOCALE_STORAGE_KEY, type Locale, type MessageKey, messages, parseLocale } from "./i18n";

export interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  /** Translates a key, filling {placeholders}. */
  t: (key: MessageKey, values?: Record<string, string | number>) => string;
  /** Picks the English or Chinese form of a bilingual name from the API. */
  pick: (zh: string, en: string | null | undefined) => string;
  /** Formats an ISO timestamp for the current locale; null gives "never". */
  dateTime: (iso: string | null) => string;
}

const I18nContext = createContext<I18n | null>(null);

function readStoredLocale(): Locale {
  try {
    return parseLocale(localStorage.getItem(LOCALE_STORAGE_KEY));
  } catch {
    return parseLocale(null);
  }
}

/** Sets <html lang> so screen readers and fonts follow the chosen language. */
export function applyDocumentLocale(locale: Locale): void {
  document.documentElement.lang = locale;
  setRequestLanguage(locale);
}

/** The locale chosen earlier on this device (or zh-CN). */
export function initialLocale(): Locale {
  return readStoredLocale();
}

/** Provides the current language and the translation function. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(readStoredLocale);

  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    applyDocumentLocale(next);
    try {
      localStorage.setItem(LOCALE_STORAGE_KEY, next);
    } catch {
      // Private mode or storage disabled: the choice lasts for this page only.
    }
  }, []);

  const value = useMemo<I18n>(() => {
    const dict = messages[locale];
    const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
    return {
      locale,
      setLocale,
      t: (key, values) => format(dict[key], values),
      pick: (zh, en) => (locale === "en" && en ? en : zh),
      dateTime: (iso) => (iso ? dateFormat.format(new Date(iso)) : dict["app.never"]),
    };
  }, [locale, setLocale]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current language, translation and formatting helpers. */
export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) {
    throw new Error("useI18n must be used inside <I18nProvider>");
  }
  return value;
}
