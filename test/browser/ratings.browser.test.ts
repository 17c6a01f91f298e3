import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Locale, launchBrowser, newContext, seriousViolations, withSharedSession } from "./helpers.js";

/** Console errors and uncaught exceptions of a page, except the anonymous visitor's expected 401 on /api/me. */
function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && !/status of 401/.test(message.text())) {
      errors.push(message.text());
    }
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

/** A chart has drawn when its box holds an SVG with its axes and shapes in it. */
async function drawn(page: Page, testId: string): Promise<void> {
  const svg = page.getByTestId(testId).locator("svg");
  await svg.waitFor();
  await expect.poll(() => svg.locator("path").count()).toBeGreaterThan(4);
}

async function noSidewaysScroll(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate<number>("document.documentElement.scrollWidth"))
    .toBeLessThanOrEqual(page.viewportSize()?.width ?? 0);
}

describe("ratings: the public performance page and the leaders' statistics", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("publishes ratings with charts to anyone, in both languages, on a phone and a desktop", async () => {
    for (const [locale, width] of [
      ["zh-CN", 390],
      ["en", 1280],
    ] as [Locale, number][]) {
      const context = await newContext(browser, { locale, width });
      const page = await context.newPage();
      const errors = watchConsole(page);
      await page.goto("/login");
      await page.getByTestId("performance-link").click();
      await page.waitForURL("**/performance");
      await page
        .getByRole("heading", { level: 1, name: locale === "en" ? "Service ratings" : "政务服务好差评" })
        .waitFor();
      expect(Number(await page.getByTestId("perf-ratings").textContent())).toBeGreaterThan(50);
      await drawn(page, "chart-levels");
      await drawn(page, "chart-departments");
      expect(await page.getByTestId("perf-departments").locator("tbody tr").count()).toBeGreaterThan(3);
      const comments = await page.getByTestId("perf-comments").textContent();
      expect(comments?.length ?? 0).toBeGreaterThan(10);
      // Names of the demo's residents and officers never appear.
      expect(comments).not.toMatch(/蒋文静|方雅琴|许志明|韩斌|叶建华|吴静|黄敏|刘洋|1\d{10}/);
      await noSidewaysScroll(page);
      expect(errors).toEqual([]);
      await page.setViewportSize({ width: 1280, height: 800 });
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    }
  });

  it("shows a leader the statistics with five charts and filters, without console errors", async () => {
    for (const width of [1280, 390]) {
      const context = await newContext(browser, { locale: "zh-CN", width });
      await withSharedSession(context, "leader");
      const page = await context.newPage();
      const errors = watchConsole(page);
      await page.goto("/cockpit");
      await page.getByTestId("stats-card").getByRole("link").click();
      await page.waitForURL("**/cockpit/stats");
      for (const chart of [
        "chart-volume",
        "chart-on-time",
        "chart-days",
        "chart-materials",
        "chart-ratings",
      ]) {
        await drawn(page, chart);
      }
      const all = Number(await page.getByTestId("kpi-submitted").textContent());
      expect(all).toBeGreaterThan(50);
      expect(await page.getByTestId("kpi-on-time").textContent()).toMatch(/^\d+(\.\d)?%$/);
      // Filtering by a department narrows every figure.
      await page.getByRole("combobox", { name: "部门" }).fill("公安局");
      await page.locator('.ant-select-item-option[title="杭州市公安局"]').click();
      await expect
        .poll(async () => Number(await page.getByTestId("kpi-submitted").textContent()))
        .toBeLessThan(all);
      await noSidewaysScroll(page);
      expect(errors).toEqual([]);
      if (width === 1280) {
        // The select's drop-down (its listbox) closes with an animation: check the page at rest.
        await expect.poll(() => page.locator(".ant-select-dropdown:visible").count()).toBe(0);
        expect(await seriousViolations(page)).toEqual([]);
      }
      await context.close();
    }
  });

  it("gives an auditor the same statistics read-only, in English", async () => {
    const context = await newContext(browser, { locale: "en", width: 1280 });
    await withSharedSession(context, "auditor");
    const page = await context.newPage();
    const errors = watchConsole(page);
    await page.goto("/oversight/stats");
    await page.getByRole("heading", { level: 1, name: "Application statistics" }).waitFor();
    await drawn(page, "chart-volume");
    await drawn(page, "chart-materials");
    expect(await page.getByText("Definitions").count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
