import { GlobalOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { useI18n } from "../I18nProvider";

/** Toggles between Chinese and English; the choice is remembered on this device. */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  const target = locale === "en" ? "zh-CN" : "en";
  return (
    <Button
      type="text"
      className="header-button"
      icon={<GlobalOutlined aria-hidden="true" />}
      aria-label={t("lang.switchLabel")}
      data-testid="language-switch"
      onClick={() => setLocale(target)}
    >
      {/* On a phone only the globe shows (the button keeps its label): the header has no room for the words. */}
      <span lang={target} className="header-link__text">
        {t("lang.switchTo")}
      </span>
    </Button>
  );
}
