import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newContext, withSharedSession } from "./helpers.js";

describe("language switch", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("starts in Chinese, switches to English, and keeps English after a reload", async () => {
    const context = await newContext(browser);
    await withSharedSession(context, "citizen");
    const page = await context.newPage();
    await page.goto("/portal");
    await page.getByTestId("language-switch").waitFor();
    expect(await page.getAttribute("html", "lang")).toBe("zh-CN");
    expect(await page.getByTestId("language-switch").textContent()).toContain("English");

    await page.getByTestId("language-switch").click();
    await expect.poll(() => page.getAttribute("html", "lang")).toBe("en");
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe("One door, every service");
    expect(await page.evaluate<string | null>("localStorage.getItem('yimen.locale')")).toBe("en");

    await page.reload();
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe("One door, every service");
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(await page.getByTestId("language-switch").textContent()).toContain("中文");
    await context.close();
  });

  it("also applies on the sign-in page before anyone signs in", async () => {
    const context = await newContext(browser, { locale: "en" });
    const page = await context.newPage();
    await page.goto("/login");
    await expect.poll(() => page.getByRole("button", { name: "Sign in", exact: true }).count()).toBe(1);
    expect(await page.getAttribute("html", "lang")).toBe("en");
    await context.close();
  });
});
