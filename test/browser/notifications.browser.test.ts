import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newContext, seriousViolations, signInByApi } from "./helpers.js";

async function noSidewaysScroll(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate<number>("document.documentElement.scrollWidth"))
    .toBeLessThanOrEqual(page.viewportSize()?.width ?? 0);
}

describe("notifications", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("shows the citizen's unread count on the bell; opening the newest unread one marks it read and follows its link", async () => {
    const context = await newContext(browser, { width: 1280, locale: "zh-CN" });
    await signInByApi(context, "citizen");
    const page = await context.newPage();
    await page.goto("/portal/consents");
    const bell = page.getByTestId("notification-bell");
    await expect.poll(() => bell.getAttribute("aria-label")).toMatch(/^通知，\d+ 条未读$/);
    const before = Number((await bell.getAttribute("aria-label"))?.match(/\d+/)?.[0]);

    await bell.click();
    const panel = page.getByTestId("notification-panel");
    // Other browser tests share the server and may have given the citizen newer notifications than
    // the demo's welcome: open the newest unread one, wherever it leads.
    const newest = panel.locator(".notification-item--unread").first().getByRole("button");
    await newest.waitFor();
    const link = await context.request
      .get("/api/notifications")
      .then(
        async (r) => ((await r.json()) as { items: { readAt: string | null; link: string | null }[] }).items,
      )
      .then((items) => items.find((n) => n.readAt === null)?.link ?? null);
    await page.mouse.move(0, 0);
    expect(await seriousViolations(page)).toEqual([]);
    await newest.click();
    if (link) {
      await page.waitForURL(`**${link}`);
    }
    await expect
      .poll(() => bell.getAttribute("aria-label"))
      .toBe(before > 1 ? `通知，${before - 1} 条未读` : "通知");
    await context.close();
  });

  it("opens as a drawer on a phone, with no sideways scrolling", async () => {
    const context = await newContext(browser, { width: 360, locale: "en" });
    await signInByApi(context, "citizen2");
    const page = await context.newPage();
    await page.goto("/portal");
    await noSidewaysScroll(page);
    await page.getByTestId("notification-bell").click();
    const drawer = page.getByRole("dialog");
    await drawer.getByText("Notifications", { exact: true }).waitFor();
    await drawer.getByText("No notifications").waitFor();
    await noSidewaysScroll(page);
    await context.close();
  });

  it("lets a platform admin add a channel whose secret is never shown again", async () => {
    const context = await newContext(browser, { width: 1280, locale: "en" });
    await signInByApi(context, "admin");
    const page = await context.newPage();
    await page.goto("/admin/notifications");
    await page.getByText("短信网关（示例）").waitFor();
    await page.getByRole("button", { name: "New channel" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Name").fill("Browser-test mail gateway");
    await dialog.getByLabel("Kind").click();
    await page.locator(".ant-select-item-option").filter({ hasText: "E-mail" }).click();
    await dialog.getByLabel("Webhook address").fill("https://mail.example.org/hooks/yimen");
    const secret = "browser-test-secret-0123456789";
    await dialog.getByLabel("Signing secret").fill(secret);
    await dialog.getByRole("button", { name: "Save" }).click();
    await page.getByText("Browser-test mail gateway").waitFor();
    expect(await page.content()).not.toContain(secret);
    await page.getByTestId("outbox-status").waitFor();
    await page.mouse.move(0, 0);
    await page.waitForTimeout(300);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
