import { Layout } from "antd";
import type { ReactNode } from "react";
import { BrandLink } from "./BrandLink";
import { LanguageSwitch } from "./LanguageSwitch";

/** The page header: optional leading control, brand, then language switch and any trailing controls. */
export function TopBar({ leading, trailing }: { leading?: ReactNode; trailing?: ReactNode }) {
  return (
    <Layout.Header className="topbar">
      {leading}
      <BrandLink />
      <div className="topbar__spacer" />
      <LanguageSwitch />
      {trailing}
    </Layout.Header>
  );
}
