import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeIdNumber } from "../../src/modules/identity/id-number.js";
import {
  apiPost,
  axeAtRest,
  type Locale,
  launchBrowser,
  newContext,
  noSidewaysScroll,
  signInByApi,
  withSharedSession,
} from "./helpers.js";

/** The demo citizen 林晓雨 (src/seed/demo-data.ts). */
const CITIZEN_ID = makeIdNumber("330106", "1992-05-17", 124);

describe("data-sharing exchange", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("publishes the data-resource catalogue without signing in: search, filter and a resource's fields", async () => {
    const context = await newContext(browser, { width: 375 });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByTestId("catalogue-link").click();
    await page.waitForURL("**/data/catalogue");
    const cards = page.locator("[data-testid=resource-card]");
    await expect.poll(() => cards.count()).toBeGreaterThanOrEqual(8);
    await noSidewaysScroll(page);

    await page.getByTestId("catalogue-search").fill("户籍人口");
    await expect.poll(() => cards.count()).toBe(1);
    const household = page.locator("[data-testid=resource-card][data-id=household-register]");
    expect(await household.getByTestId("resource-owner").textContent()).toBe("杭州市公安局");
    expect(await household.getByTestId("sharing-class").textContent()).toBe("有条件共享");

    await page.getByRole("button", { name: "查看详情：户籍人口基本信息" }).click();
    const drawer = page.locator(".resource-drawer");
    await drawer.getByTestId("resource-fields").waitFor();
    expect(await drawer.getByTestId("resource-legal-basis").allTextContents()).toContain(
      "《中华人民共和国户口登记条例》第三条",
    );
    expect(await drawer.getByTestId("resource-conditions").textContent()).toContain("户籍核验");
    const idRow = drawer.locator("tr", { hasText: "公民身份号码" });
    expect(await idRow.textContent()).toContain("敏感");
    expect(page.url()).toContain("resource=household-register");
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await axeAtRest(page)).toEqual([]);
    await drawer.getByRole("button", { name: /close|关闭/i }).click();

    await page.getByTestId("catalogue-search").fill("");
    await page.getByLabel("共享属性").click();
    await page.getByTitle("不予共享").click();
    await expect.poll(() => cards.count()).toBe(1);
    expect(await cards.first().getAttribute("data-id")).toBe("criminal-records");
    expect(await axeAtRest(page)).toEqual([]);
    await context.close();
  });

  it("lets the owning department's admin approve another department's application, narrowed", async () => {
    const context = await newContext(browser);
    await signInByApi(context, "gaadmin");
    const page = await context.newPage();
    await page.goto("/workbench");
    await page.getByTestId("agreements-card").getByRole("link").click();
    await page.getByTestId("expiring-agreements").waitFor();
    await page.getByRole("tab", { name: /我部门提供的/ }).click();
    const application = page.locator(
      "[data-testid=agreements-owner] [data-testid=agreement-card][data-consumer=HZ-WJ][data-status=applied]",
    );
    await application.waitFor();
    expect(await application.getByTestId("requested-fields").textContent()).toContain("与户主关系");
    expect(await axeAtRest(page)).toEqual([]);

    await application.getByRole("button", { name: "审核" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByTestId("field-relationToHead").click();
    await dialog.getByTestId("field-householdHead").click();
    await dialog.getByLabel("理由").fill("同意；签发出生医学证明只需核验身份，户主信息不予提供");
    expect(await axeAtRest(page)).toEqual([]);
    await dialog.getByTestId("review-submit").click();

    // HZ-WJ holds other approved agreements too (pre-fill of its service items): find this one.
    const approved = page
      .locator(
        "[data-testid=agreements-owner] [data-testid=agreement-card][data-consumer=HZ-WJ][data-status=approved]",
      )
      .filter({ hasText: "户主信息不予提供" });
    await approved.waitFor();
    expect(await approved.getByTestId("granted-fields").textContent()).toBe(
      "姓名、公民身份号码、性别、出生日期",
    );
    expect(await approved.getByTestId("withheld-fields").textContent()).toContain("与户主关系");
    expect(await approved.textContent()).toContain("户主信息不予提供");
    await context.close();
  });

  it("lets a citizen grant a department's consent request and then revoke it", async () => {
    const officer = await newContext(browser);
    await signInByApi(officer, "officer");
    const reference = `BJ-E2E-${Date.now()}`;
    const asked = await apiPost<{ id: string }>(officer, "/api/exchange/consents", {
      subject: { idNumber: CITIZEN_ID },
      scope: [{ resource: "birth-certificates", fields: ["certificateNumber", "childName", "motherName"] }],
      purpose: "新生儿出生登记",
      validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      reference,
    });
    await officer.close();

    const context = await newContext(browser, { width: 375 });
    await withSharedSession(context, "citizen");
    const page = await context.newPage();
    await page.goto("/portal");
    await page.getByTestId("consents-card").getByRole("link").click();
    const request = page.locator(`[data-testid=consent-pending][data-id="${asked.id}"]`);
    await request.waitFor();
    const text = await request.textContent();
    expect(text).toContain("杭州市公安局请求使用您的数据");
    expect(text).toContain("新生儿出生登记");
    expect(text).toContain("出生医学证明信息");
    expect(text).toContain("新生儿姓名");
    expect(text).toContain(reference);
    await noSidewaysScroll(page);
    expect(await axeAtRest(page)).toEqual([]);

    await request.getByRole("button", { name: "同意", exact: true }).click();
    const granted = page.locator(`[data-testid=consent-granted][data-id="${asked.id}"]`);
    await granted.waitFor();
    await granted.getByRole("button", { name: "撤回", exact: true }).click();
    const confirm = page.locator(".ant-popconfirm").getByRole("button", { name: "撤回", exact: true });
    await confirm.waitFor();
    await confirm.click();
    const revoked = page.locator(`[data-testid=consent-revoked][data-id="${asked.id}"]`);
    await revoked.waitFor();
    expect(await revoked.textContent()).toContain("已撤回");
    expect(await axeAtRest(page)).toEqual([]);

    // Both decisions are in the citizen's data-use records, among their own actions.
    await page.goto("/portal/data-use?show=all");
    const list = page.getByTestId("data-use-list");
    await list.waitFor();
    await expect.poll(() => list.textContent()).toContain("撤回授权");
    expect(await list.textContent()).toContain("同意授权");
    await context.close();
  });

  it("shows auditors the exchange's supervision, and officers the agreements read-only, accessibly in both languages and on a phone", async () => {
    // One read through the gateway, so that there is usage to show.
    const rs = await newContext(browser);
    await signInByApi(rs, "officer3");
    const mine = await (await rs.request.get("/api/exchange/agreements?role=consumer")).json();
    const household = mine.items.find((a: { resource: string }) => a.resource === "household-register");
    await apiPost(rs, "/api/exchange/query", {
      resource: "household-register",
      agreement: household.id,
      subject: { idNumber: CITIZEN_ID },
      purpose: "社会保险登记",
      reference: "SB-E2E-0001",
    });
    await rs.close();

    for (const locale of ["zh-CN", "en"] satisfies Locale[]) {
      const context = await newContext(browser, { locale });
      await signInByApi(context, "auditor");
      const page = await context.newPage();
      await page.goto("/oversight");
      await page.getByTestId("supervision-card").getByRole("link").click();
      await page.getByTestId("usage-table").locator("tbody tr.ant-table-row").first().waitFor();
      await page.getByTestId("expiring-agreements").waitFor();
      await page.getByRole("button", { name: locale === "en" ? "Scan now" : "立即扫描" }).click();
      expect(await axeAtRest(page)).toEqual([]);
      await page.setViewportSize({ width: 375, height: 812 });
      await noSidewaysScroll(page);
      expect(await axeAtRest(page)).toEqual([]);
      await context.close();

      const officer = await newContext(browser, { locale, width: 375 });
      await signInByApi(officer, "officer3");
      const officerPage = await officer.newPage();
      await officerPage.goto("/workbench/agreements");
      await officerPage.locator("[data-testid=agreement-card]").first().waitFor();
      expect(
        await officerPage.getByRole("button", { name: locale === "en" ? "Suspend" : "暂停" }).count(),
      ).toBe(0);
      await noSidewaysScroll(officerPage);
      expect(await axeAtRest(officerPage)).toEqual([]);
      await officer.close();
    }
  });
});
