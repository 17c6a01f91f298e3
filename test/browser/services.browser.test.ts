import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Locale, launchBrowser, newContext, seriousViolations } from "./helpers.js";

const NEWBORN_BUNDLE = "330100-YJS-001";
const BIRTH_REGISTRATION = "330100-GA-QR-001-01";

/** The codes of the item cards on the page, once the count says the answer arrived. */
async function shownItems(page: Page): Promise<string[]> {
  await page.getByTestId("services-count").waitFor();
  return page
    .locator("[data-testid=service-card]")
    .evaluateAll((cards) => cards.map((card) => card.getAttribute("data-code") ?? ""));
}

describe("the service catalogue (办事服务)", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("finds services by life event and text on a phone, bundles first, accessibly and without sideways scrolling", async () => {
    for (const locale of ["zh-CN", "en"] satisfies Locale[]) {
      const context = await newContext(browser, { locale, width: 390 });
      const page = await context.newPage();
      await page.goto("/login");
      await page.getByTestId("services-link").click();
      await page.waitForURL("**/services");
      const everything = await shownItems(page);
      expect(everything.length).toBeGreaterThanOrEqual(20);

      await page.locator("[data-testid=life-event][data-event=birth]").click();
      await page.waitForURL(/lifeEvent=birth/);
      await expect.poll(() => shownItems(page)).not.toEqual(everything);
      const bundle = page.locator(`[data-testid=bundle-card][data-code="${NEWBORN_BUNDLE}"]`);
      await bundle.waitFor();
      expect(await bundle.textContent()).toContain(locale === "en" ? "A birth" : "新生儿出生一件事");
      expect(await shownItems(page)).toContain(BIRTH_REGISTRATION);
      expect(
        await page.locator("[data-testid=life-event][data-event=birth]").getAttribute("aria-pressed"),
      ).toBe("true");

      // Text narrows further; the life event stays chosen.
      await page.getByTestId("services-search").fill(locale === "en" ? "household" : "户口");
      await expect.poll(() => shownItems(page)).toEqual([BIRTH_REGISTRATION]);
      expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
      await page.setViewportSize({ width: 1280, height: 800 });
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    }
  });

  it("opens 新生儿出生一件事 with its items in order, one set of materials and the apply link, then an item's guide", async () => {
    const context = await newContext(browser, { locale: "zh-CN", width: 390 });
    const page = await context.newPage();
    await page.goto("/services?lifeEvent=birth");
    await page.getByRole("link", { name: "查看一件事：新生儿出生一件事" }).click();
    await page.waitForURL(`**/services/bundles/${NEWBORN_BUNDLE}`);
    const items = page.getByTestId("bundle-items").locator("li");
    await items.first().waitFor();
    expect(await items.evaluateAll((li) => li.map((el) => el.getAttribute("data-code")))).toEqual([
      "330100-WJ-QT-001-01",
      BIRTH_REGISTRATION,
      "330100-YB-QR-001-01",
      "330100-RS-QT-001-01",
    ]);
    expect(await items.nth(2).textContent()).toContain("在“出生登记”之后办理");
    const birthCertificate = page.locator("[data-testid=material]", { hasText: "出生医学证明" });
    expect(await birthCertificate.getAttribute("data-obtained")).toBe("true");
    expect(await birthCertificate.textContent()).toContain("无需提交，由平台通过数据共享获取");
    // The newborn's particulars are filled from the registries, once for all four items.
    const childName = page.locator("[data-testid=form-fields] [data-field=childName]");
    expect(await childName.count()).toBe(1);
    expect(await childName.getAttribute("data-prefilled")).toBe("true");
    expect(await page.getByTestId("apply-online").getAttribute("href")).toBe(
      `/portal/apply/${NEWBORN_BUNDLE}`,
    );
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByTestId("bundle-items").getByRole("link", { name: "出生登记" }).click();
    await page.waitForURL(`**/services/${BIRTH_REGISTRATION}`);
    const basis = page.getByTestId("service-legal-basis");
    await basis.waitFor();
    expect(await basis.textContent()).toContain("《中华人民共和国户口登记条例》第七条");
    expect(await page.getByTestId("fact-promised").textContent()).toContain("1 个工作日");
    expect(await page.getByTestId("fact-fee").textContent()).toContain("免费");
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId("service-power").getByRole("link").click();
    await page.waitForURL(/\/rights\?department=HZ-GA/);
    const power = page.locator(`[data-testid=power-card][data-code="330100-GA-QR-001"]`);
    await power.getByTestId("power-services").waitFor();
    expect(await power.getByTestId("power-services").textContent()).toContain("出生登记");
    await context.close();
  });
});
