import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  launchBrowser,
  newContext,
  noSidewaysScroll,
  seriousViolations,
  withSharedSession,
} from "./helpers.js";

describe("接诉即办考评: the three rates in the cockpit", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("ranks the departments of last month with both charts, and regroups by district", async () => {
    for (const width of [1280, 390]) {
      const context = await newContext(browser, { locale: "zh-CN", width });
      await withSharedSession(context, "leader");
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto("/cockpit");
      await page.getByTestId("rates-card").getByRole("link").click();
      await page.waitForURL("**/cockpit/rates");
      for (const chart of ["chart-composite", "chart-trend"]) {
        await expect.poll(() => page.getByTestId(chart).locator("svg path").count()).toBeGreaterThan(4);
      }
      expect(await page.getByTestId("kpi-response").textContent()).toMatch(/^\d+(\.\d)?%$/);
      expect(await page.getByTestId("kpi-composite").textContent()).toMatch(/^\d+(\.\d+)?$/);
      const rows = page.locator(".ant-table-tbody tr.ant-table-row");
      expect(await rows.count()).toBeGreaterThan(8);
      // Numerators and denominators are shown under each rate.
      expect(await rows.first().textContent()).toMatch(/\d+ \/ \d+/);
      await page.getByRole("combobox", { name: "统计维度" }).click();
      await page.locator('.ant-select-item-option[title="区县"]').click();
      await expect.poll(() => rows.count()).toBeLessThan(5);
      expect(await page.locator(".ant-table-tbody").textContent()).toContain("西湖区");
      await noSidewaysScroll(page);
      expect(errors).toEqual([]);
      if (width === 1280) {
        await expect.poll(() => page.locator(".ant-select-dropdown:visible").count()).toBe(0);
        expect(await seriousViolations(page)).toEqual([]);
      }
      await context.close();
    }
  });

  it("gives an auditor the same figures read-only, in English", async () => {
    const context = await newContext(browser, { locale: "en", width: 1280 });
    await withSharedSession(context, "auditor");
    const page = await context.newPage();
    await page.goto("/oversight/rates");
    await page.getByRole("heading", { level: 1, name: "Citizens' requests: the three rates" }).waitFor();
    await expect.poll(() => page.getByTestId("chart-trend").locator("svg path").count()).toBeGreaterThan(4);
    expect(await page.getByText("Definitions").count()).toBeGreaterThan(0);
    await context.close();
  });
});
