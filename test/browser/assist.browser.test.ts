import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeIdNumber } from "../../src/modules/identity/index.js";
import {
  axeAtRest,
  fillApplyField,
  launchBrowser,
  newContext,
  noSidewaysScroll,
  samplePdf,
  signInByApi,
} from "./helpers.js";

const ELDER = makeIdNumber("330127", "1951-08-09", 62);
const SHOTS = process.env.YIMEN_SCREENSHOTS;

/** A screenshot to look at, when YIMEN_SCREENSHOTS names a folder. */
async function shot(page: import("playwright-core").Page, name: string): Promise<void> {
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  }
}

describe("帮办代办: a 帮办员 applies for a resident, who then sees it in her list", () => {
  let browser: Browser;
  let number = "";
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("the helper checks the ID number, records the authorisation, fills the form and submits", async () => {
    const context = await newContext(browser, { locale: "zh-CN" });
    await signInByApi(context, "helper");
    const page = await context.newPage();
    await page.goto("/workbench");
    await page.getByTestId("assist-card").click();
    await page.getByTestId("assist-form").waitFor();
    // Why pre-fill is not offered is said before anything is typed.
    await expect.poll(() => page.getByTestId("assist-no-prefill").textContent()).toContain("本人");

    await page.getByTestId("assist-service").click();
    await page.keyboard.type("居民身份证");
    await page.locator(".ant-select-item-option", { hasText: "居民身份证申领" }).first().click();
    await page.getByTestId("assist-name").fill("周桂英");
    // A wrong check character is caught as typed, with the checksum the server uses.
    const wrong = `${ELDER.slice(0, 17)}${ELDER[17] === "0" ? "1" : "0"}`;
    await page.getByTestId("assist-id").fill(wrong);
    await page.getByTestId("assist-reference").click();
    await expect
      .poll(() => page.locator(".ant-form-item-explain-error").allTextContents())
      .toContain("身份证号的校验位不对，请与证件核对");
    await page.getByTestId("assist-id").fill(ELDER);
    await page.getByTestId("assist-reference").fill("WT-2026-0107");
    await page
      .locator("[data-testid=assist-scan] input[type=file]")
      .setInputFiles(samplePdf("授权委托书.pdf"));
    await expect.poll(() => page.locator(".assist-scan-name").textContent()).toContain("授权委托书.pdf");
    await shot(page, "assist-start-zh");
    expect(await axeAtRest(page)).toEqual([]);
    await page.getByTestId("assist-start").click();

    // On to the form of an application made for her; the consent step says why there is no pre-fill.
    const form = page.getByTestId("apply-form");
    await form.waitFor();
    expect(page.url()).toContain("/workbench/assist/apply/");
    await page.goto(page.url().replace("step=form", "step=consent"));
    await expect.poll(() => page.getByTestId("assisted-for").textContent()).toContain("为 周桂英 申请");
    await expect.poll(() => page.getByTestId("assisted-for").textContent()).toContain("书面授权委托书");
    await shot(page, "assist-consent-zh");
    await page.getByRole("button", { name: "下一步" }).click();
    await form.waitFor();
    for (const [field, value] of Object.entries({
      applicantName: "周桂英",
      applicantIdNumber: ELDER,
      householdAddress: "杭州市淳安县千岛湖镇新安东路 8 号",
      idCardReason: "有效期满换领",
      cardDelivery: "邮寄到家",
      applicantMobile: "13706810395",
    })) {
      await fillApplyField(page, field, value);
    }
    await form.locator("button[type=submit]").click();
    const materials = page.getByTestId("materials-step");
    await materials.waitFor();
    for (const material of ["applicant-id-card", "household-booklet", "id-photo"]) {
      await page
        .locator(`[data-testid=materials-step] [data-material="${material}"] input[type=file]`)
        .setInputFiles(samplePdf(`${material}.pdf`));
      await page
        .locator(`[data-testid=materials-step] [data-material="${material}"] [data-testid=material-uploaded]`)
        .waitFor();
    }
    await materials.getByRole("button", { name: "下一步" }).click();
    await page.getByTestId("submit-application").click();
    number = ((await page.getByTestId("application-number").textContent()) ?? "").replace(/^[^0-9]*/, "");
    expect(number).toMatch(/^330100-\d{8}-\d{6}$/);
    await page.getByTestId("view-progress").click();
    const listed = page.locator(`[data-testid=assisted-applications] [data-number="${number}"]`);
    await listed.waitFor();
    expect(await listed.textContent()).toContain("为 周桂英 申请");
    await noSidewaysScroll(page);
    await context.close();
  });

  it("the person sees it in her own list, marked as made for her by the helper, with the scan", async () => {
    expect(number).not.toBe("");
    const context = await newContext(browser, { locale: "zh-CN", width: 390 });
    await signInByApi(context, "citizen2");
    const page = await context.newPage();
    await page.goto("/portal/applications");
    const card = page.locator(`[data-testid=application-card][data-number="${number}"]`);
    await card.waitFor();
    const note = card.getByTestId("on-behalf");
    expect(await note.textContent()).toContain("由 陈雅琴 代为申请（书面授权委托书，编号 WT-2026-0107）");
    expect(await note.getByRole("link").textContent()).toContain("授权书扫描件");
    await shot(page, "assist-person-list-zh");
    await card.locator("h2 a").click();
    await page.getByTestId("application-number").waitFor();
    expect(await page.getByTestId("on-behalf").textContent()).toContain("陈雅琴");
    // She follows it; the helper, who applied, withdraws or supplies.
    expect(await page.getByRole("button", { name: "撤回申请" }).count()).toBe(0);
    await shot(page, "assist-person-detail-zh");
    await noSidewaysScroll(page);
    await context.close();
  });

  it("reads in English too", async () => {
    const context = await newContext(browser, { locale: "en", width: 390 });
    await signInByApi(context, "helper");
    const page = await context.newPage();
    await page.goto("/workbench/assist");
    await page.getByTestId("assist-form").waitFor();
    expect(await page.getByTestId("assist-no-prefill").textContent()).toContain(
      "Pre-fill is not available when applying for someone",
    );
    await page.locator(`[data-testid=assisted-applications] [data-number="${number}"]`).waitFor();
    await shot(page, "assist-start-en");
    await noSidewaysScroll(page);
    await context.close();
  });
});
