import type { ThemeConfig } from "antd";

export const FONT_FAMILY = [
  '"PingFang SC"',
  '"Microsoft YaHei"',
  '"Noto Sans CJK SC"',
  '"Noto Sans SC"',
  '"Source Han Sans SC"',
  '"Hiragino Sans GB"',
  "-apple-system",
  "BlinkMacSystemFont",
  '"Segoe UI"',
  "Roboto",
  '"Helvetica Neue"',
  "Arial",
  "sans-serif",
].join(", ");

/** Deep government blue; the red is kept for the brand mark. Secondary text is darkened for AA contrast. */
export const theme: ThemeConfig = {
  cssVar: { key: "yimen" },
  hashed: false,
  token: {
    colorPrimary: "#1d4ed8",
    // antd derives a lighter hover blue on which white text falls below 4.5:1; keep hover darker.
    colorPrimaryHover: "#1e40af",
    colorPrimaryActive: "#1e3a8a",
    colorInfo: "#1d4ed8",
    colorLink: "#1d4ed8",
    colorSuccess: "#15803d",
    colorWarning: "#b45309",
    colorError: "#b91c1c",
    colorTextSecondary: "rgba(0, 0, 0, 0.68)",
    colorTextTertiary: "rgba(0, 0, 0, 0.62)",
    colorTextDescription: "rgba(0, 0, 0, 0.62)",
    colorTextPlaceholder: "rgba(0, 0, 0, 0.58)",
    colorBgLayout: "#f3f5f9",
    borderRadius: 6,
    fontFamily: FONT_FAMILY,
    fontSize: 14,
  },
  components: {
    Layout: {
      headerBg: "#ffffff",
      headerHeight: 60,
      headerPadding: "0 20px",
      footerBg: "transparent",
      bodyBg: "#f3f5f9",
    },
    Menu: {
      itemBorderRadius: 6,
      itemSelectedBg: "#e8efff",
      itemSelectedColor: "#1d4ed8",
      groupTitleColor: "rgba(0, 0, 0, 0.62)",
    },
    Card: {
      headerFontSize: 16,
    },
    Table: {
      headerBg: "#f5f7fb",
    },
  },
};
