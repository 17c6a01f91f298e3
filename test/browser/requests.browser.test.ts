import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiPost, launchBrowser, newContext, seriousViolations, withSharedSession } from "./helpers.js";

async function noSidewaysScroll(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate<number>("document.documentElement.scrollWidth"))
    .toBeLessThanOrEqual(page.viewportSize()?.width ?? 0);
}

describe("接诉即办: a citizen files a request, a department answers, the citizen says it is resolved", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("runs the citizen's and the department's main paths, markup staying text", async () => {
    const marker = `浏览器测试 ${Date.now()}`;
    const citizen = await newContext(browser, { width: 390 });
    await withSharedSession(citizen, "citizen");
    const page = await citizen.newPage();
    await page.goto("/portal/requests/new");
    await page.getByTestId("request-form").waitFor();
    await noSidewaysScroll(page);
    await page
      .locator("#description")
      .fill(`<script>window.pwned=1</script>${marker}：外卖饭菜变质，后厨卫生很差`);
    await page.locator("#lat").fill("30.2861");
    await page.locator("#lng").fill("120.1047");
    await page.getByTestId("request-submit").click();
    await page.waitForURL(/\/portal\/requests\/[0-9a-f-]{36}$/);
    const text = page.getByTestId("request-text");
    await expect.poll(() => text.textContent()).toContain("<script>window.pwned=1</script>");
    expect(await page.evaluate("window.pwned")).toBeUndefined();
    expect(await seriousViolations(page)).toEqual([]);
    const id = page.url().split("/").pop() as string;

    // The keyword rule sent it to 杭州市市场监督管理局; its officer accepts and replies on the workbench.
    const officer = await newContext(browser);
    await withSharedSession(officer, "officer2");
    const desk = await officer.newPage();
    await desk.goto(`/workbench/requests/${id}`);
    await desk.getByTestId("request-actions").waitFor();
    await desk.getByRole("button", { name: "签收" }).click();
    await desk.getByRole("button", { name: "答复" }).click();
    await desk.locator(".ant-modal textarea").fill("已责令商家整改。");
    await desk.locator(".ant-modal").getByRole("button", { name: "答复" }).click();
    await expect.poll(() => desk.getByTestId("request-status").textContent()).toBe("已答复");
    expect(await seriousViolations(desk)).toEqual([]);

    await page.reload();
    await page.getByTestId("request-reply").waitFor();
    expect(await page.getByTestId("request-reply").textContent()).toContain("已责令商家整改。");
    const visit = page.getByTestId("return-visit");
    const yes = visit.locator(".ant-radio-button-wrapper").filter({ hasText: /^是$/ });
    await yes.nth(0).click();
    await yes.nth(1).click();
    await visit.getByRole("button", { name: "提交回访" }).click();
    await expect.poll(() => page.getByTestId("request-status").textContent()).toBe("已办结");

    await page.goto("/portal/requests");
    await expect.poll(() => page.getByTestId("my-requests").textContent()).toContain(marker);
    await noSidewaysScroll(page);
    await citizen.close();
    await officer.close();
  });

  it("gives the 12345 agent a screen that registers a call and says where it went", async () => {
    const context = await newContext(browser);
    await withSharedSession(context, "hotline");
    const page = await context.newPage();
    await page.goto("/workbench/hotline");
    await page.getByTestId("hotline-form").waitFor();
    await page.locator("#callerPhone").fill("13900001234");
    await page.locator("#description").fill("来电人反映：小区门口夜间施工噪音扰民，渣土车进出");
    await page.getByTestId("hotline-submit").click();
    const result = page.getByTestId("hotline-result");
    await result.waitFor();
    expect(await result.textContent()).toMatch(/已登记 YM\d{14}/);
    expect(await page.content()).not.toContain("13900001234");
    expect(await seriousViolations(page)).toEqual([]);
    const queue = await apiPost<unknown>(context, "/api/requests/hotline", {
      description: "来电人反映：路灯不亮",
      callerPhone: "13900001234",
    });
    expect(queue).toMatchObject({ contactPhone: "139****1234" });
    await context.close();
  });
});
