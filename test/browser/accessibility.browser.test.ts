import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Locale, launchBrowser, newContext, seriousViolations, withSharedSession } from "./helpers.js";

/** Opens a page and waits until its content (not a spinner) is there. */
async function open(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  await page.waitForLoadState("networkidle");
}

const PAGES: { user: string | null; paths: string[] }[] = [
  { user: null, paths: ["/login"] },
  { user: "citizen", paths: ["/portal", "/account/password"] },
  { user: "enterprise", paths: ["/portal"] },
  { user: "officer", paths: ["/workbench"] },
  { user: "leader", paths: ["/cockpit"] },
  { user: "auditor", paths: ["/oversight"] },
  { user: "admin", paths: ["/admin/divisions", "/admin/departments", "/admin/accounts"] },
];

describe("accessibility", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  for (const locale of ["zh-CN", "en"] satisfies Locale[]) {
    for (const { user, paths } of PAGES) {
      it(`has no serious or critical axe violations for ${user ?? "a visitor"} (${locale}): ${paths.join(", ")}`, async () => {
        const context = await newContext(browser, { locale });
        if (user) {
          await withSharedSession(context, user);
        }
        const page = await context.newPage();
        for (const path of paths) {
          await open(page, path);
          expect(await seriousViolations(page), `${path} (${locale})`).toEqual([]);
        }
        await context.close();
      });
    }
  }

  it("has a skip link that moves focus to the main content", async () => {
    const context = await newContext(browser);
    await withSharedSession(context, "officer");
    const page = await context.newPage();
    await open(page, "/workbench");
    await page.keyboard.press("Tab");
    expect(await page.evaluate<string>("document.activeElement.textContent")).toBe("跳到主要内容");
    await page.keyboard.press("Enter");
    expect(await page.evaluate<string>("document.activeElement.id")).toBe("main-content");
    await context.close();
  });

  for (const [user, path] of [
    ["citizen", "/portal"],
    ["officer", "/workbench"],
    ["admin", "/admin/accounts"],
  ] as const) {
    it(`fits a 375 px wide phone without horizontal scrolling: ${path}`, async () => {
      const context = await newContext(browser, { width: 375 });
      await withSharedSession(context, user);
      const page = await context.newPage();
      await open(page, path);
      expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(375);
      // The navigation moves into a drawer behind a labelled button.
      await page.getByRole("button", { name: "打开导航菜单" }).click();
      await page.getByRole("dialog").getByRole("navigation").waitFor();
      await context.close();
    });
  }
});
