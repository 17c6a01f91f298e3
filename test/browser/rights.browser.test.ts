import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Locale, launchBrowser, newContext, seriousViolations, signInByApi } from "./helpers.js";

const REMOVED = "330100-GA-CF-001";

/** The power codes the public page lists. */
async function listedCodes(page: Page): Promise<string[]> {
  await page.getByTestId("rights-count").waitFor();
  return page
    .locator("[data-testid=power-card]")
    .evaluateAll((cards) => cards.map((card) => card.getAttribute("data-code") ?? ""));
}

describe("rights and responsibility lists", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("publishes every department's list without signing in, accessibly and without sideways scrolling", async () => {
    for (const locale of ["zh-CN", "en"] satisfies Locale[]) {
      const context = await newContext(browser, { locale, width: 375 });
      const page = await context.newPage();
      await page.goto("/login");
      await page.getByTestId("rights-link").click();
      await page.waitForURL("**/rights");
      const card = page.locator(`[data-testid=power-card][data-code="330100-GA-QR-001"]`);
      await card.waitFor();
      expect(await card.textContent()).toContain(locale === "en" ? "Household registration" : "户口登记");
      expect(await card.getByTestId("legal-basis").allTextContents()).toContain(
        "《中华人民共和国户口登记条例》第三条",
      );
      expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(375);
      await page.setViewportSize({ width: 1280, height: 800 });
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    }
  });

  it("lets a department admin propose removing a power and a legal reviewer approve it, after which it is no longer published", async () => {
    const admin = await newContext(browser);
    await signInByApi(admin, "gaadmin");
    const adminPage = await admin.newPage();
    await adminPage.goto("/workbench");
    await adminPage.getByTestId("dept-rights-card").getByRole("link").click();
    await adminPage.getByRole("button", { name: "提出变更" }).click();
    await adminPage.getByRole("button", { name: "删除：违反治安管理行为的处罚" }).click();
    expect(await adminPage.getByTestId("draft-removed").textContent()).toContain(REMOVED);
    expect(await seriousViolations(adminPage)).toEqual([]);
    await adminPage.getByLabel("变更说明").fill("治安管理处罚权调整至分局行使，市局清单不再列明");
    await adminPage.getByRole("button", { name: "提交审核" }).click();
    await adminPage.getByTestId("pending-proposals").waitFor();
    await admin.close();

    // English first: the Chinese pass approves, which takes the proposal out of the queue.
    for (const locale of ["en", "zh-CN"] satisfies Locale[]) {
      const context = await newContext(browser, { locale });
      await signInByApi(context, "reviewer");
      const page = await context.newPage();
      await page.goto("/workbench/rights-review");
      const item = page.getByTestId("review-queue").locator("li", { hasText: "治安管理处罚权调整" });
      await item.waitFor();
      await page.getByTestId("version-history").locator("tbody tr.ant-table-row").first().waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await item.getByRole("link").click();
      const removed = page.getByTestId("diff-removed");
      await removed.waitFor();
      expect(await removed.textContent()).toContain(REMOVED);
      expect(await seriousViolations(page)).toEqual([]);
      if (locale === "zh-CN") {
        await page.getByLabel("审核意见").fill("依据已核实，同意调整");
        await page.getByRole("button", { name: "批准", exact: true }).last().click();
        await page.waitForURL(/\/workbench\/rights-review$/);
        await expect
          .poll(() => page.getByTestId("version-history").textContent())
          .toContain("依据已核实，同意调整");
      }
      await context.close();
    }

    const visitor = await newContext(browser);
    const page = await visitor.newPage();
    await page.goto("/rights");
    await expect.poll(() => listedCodes(page)).toContain("330100-GA-QR-001");
    expect(await listedCodes(page)).not.toContain(REMOVED);
    await visitor.close();
  });

  it("tells an auditor who may read household registers on which power, and why a health-records read is refused", async () => {
    const context = await newContext(browser);
    await signInByApi(context, "auditor");
    const page = await context.newPage();
    await page.goto("/oversight");
    await page.getByTestId("who-may-read-card").getByRole("link").click();
    const answer = page.getByTestId("who-may-read");
    await answer.waitFor();
    await expect.poll(() => answer.textContent()).toContain("《中华人民共和国户口登记条例》第三条");
    expect(await answer.textContent()).toContain("杭州市公安局 · 承办人员");

    await page.getByLabel("用途", { exact: true }).last().fill("治安调查");
    await page.getByRole("button", { name: "判断" }).click();
    const result = page.getByTestId("explain-result");
    await expect.poll(() => result.textContent()).toContain("拒绝读取");
    expect(await result.textContent()).toContain("健康档案仅可为其列明的用途读取");
    // Check the page at rest, not the button under the pointer mid-transition.
    await page.mouse.move(0, 0);
    await page.waitForTimeout(400);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
