import type { MouseEvent } from "react";
import { useI18n } from "../I18nProvider";

export const MAIN_ID = "main-content";

/** The first focusable element: jumps keyboard users past the header and navigation. */
export function SkipLink() {
  const { t } = useI18n();
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    const main = document.getElementById(MAIN_ID);
    main?.focus();
    main?.scrollIntoView();
  };
  return (
    <a className="skip-link" href={`#${MAIN_ID}`} onClick={onClick}>
      {t("app.skipToContent")}
    </a>
  );
}
