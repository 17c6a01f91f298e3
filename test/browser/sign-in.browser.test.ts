import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newContext, readMe, signInByApi, signInByForm } from "./helpers.js";

describe("signing in", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("takes a citizen to the portal, greeting them by the name on record", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signInByForm(page, "citizen");
    await page.waitForURL("**/portal");
    const me = await readMe(context);
    expect(me.person?.name).toBeTruthy();
    await expect.poll(() => page.getByTestId("person-name").textContent()).toBe(me.person?.name);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain("进一扇门");
    await context.close();
  });

  it("takes an officer to the workbench listing their department", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signInByForm(page, "officer");
    await page.waitForURL("**/workbench");
    const me = await readMe(context);
    const department = me.departments[0];
    expect(department).toBeDefined();
    await expect
      .poll(() => page.getByTestId("my-departments").textContent())
      .toContain(department?.name ?? "—");
    await context.close();
  });

  it("shows the server's reason when the password is wrong, and stays on the sign-in page", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    // citizen2 rather than citizen: one failure must not lock an account other tests use.
    await signInByForm(page, "citizen2", "not-the-password");
    const alert = page.getByTestId("login-error");
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/用户名或密码错误|wrong/i);
    expect(new URL(page.url()).pathname).toBe("/login");
    await context.close();
  });

  it("sends a visitor who is not signed in to the sign-in page and back afterwards", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto("/portal");
    await page.waitForURL("**/login?next=%2Fportal");
    await page.locator("#login_username").fill("citizen");
    await page.locator("#login_password").fill(process.env.YIMEN_DEMO_PASSWORD ?? "Yimen-demo-2026");
    await page.locator("form#login button[type=submit]").click();
    await page.waitForURL("**/portal");
    await context.close();
  });

  it("shows 403 to a role that opens a page it may not see, and 404 for an unknown page", async () => {
    const context = await newContext(browser);
    await signInByApi(context, "citizen");
    const page = await context.newPage();
    await page.goto("/admin/accounts");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("无权访问");
    await page.goto("/portal/no-such-page");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("页面不存在");
    await context.close();
  });

  it("signs out from the user menu", async () => {
    const context = await newContext(browser);
    await signInByApi(context, "citizen");
    const page = await context.newPage();
    await page.goto("/portal");
    // On a loaded machine a click can land while the dropdown is still opening: try again then.
    for (let attempt = 0; attempt < 3 && !page.url().includes("/login"); attempt++) {
      await page.getByTestId("user-menu").click();
      const item = page.getByRole("menuitem", { name: "退出登录" });
      await item.waitFor({ state: "visible" });
      await item.click();
      await page.waitForURL("**/login", { timeout: 10_000 }).catch(() => undefined);
    }
    expect(page.url()).toContain("/login");
    const me = await context.request.get("/api/me");
    expect(me.status()).toBe(401);
    await context.close();
  });
});
