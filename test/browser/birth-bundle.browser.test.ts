import { readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  fillApplyField,
  launchBrowser,
  newContext,
  officerApprovesAllSteps,
  signInByApi,
} from "./helpers.js";

/** 新生儿出生一件事 (src/modules/catalog/demo-services.ts DEMO_BUNDLES). */
const BUNDLE = "330100-YJS-001";

/**
 * Its four items, the officer of each department and the steps they approve, in the order the
 * bundle runs them (医保 waits for 户口登记; 社保卡 waits for both).
 */
const ITEMS = [
  { code: "330100-WJ-QT-001-01", officer: "officer6", steps: ["受理", "准予许可", "办结"] },
  { code: "330100-GA-QR-001-01", officer: "officer", steps: ["受理", "审查通过", "准予许可", "办结"] },
  { code: "330100-YB-QR-001-01", officer: "officer5", steps: ["受理", "准予许可", "办结"] },
  { code: "330100-RS-QT-001-01", officer: "officer3", steps: ["受理", "审查通过", "准予许可", "办结"] },
] as const;

/** What 林晓雨 types: the newborn, the parents and the household come from the registries. */
const ENTRIES = {
  relationToChild: "母亲",
  vaccinationClinic: "西湖区北山街道社区卫生服务中心预防接种门诊",
  applicantMobile: "13800000218",
  childEthnicity: "汉族",
  childRelationToHead: "女",
  cardBank: "杭州银行",
  cardDelivery: "到银行网点领取",
};

/**
 * Issue 6, point 10, end to end in Chromium: a citizen applies for 新生儿出生一件事 with consent and
 * pre-fill; the officers approve their parts; the citizen downloads an e-certificate, verifies it
 * and rates the service. The issue speaks of three officers of three departments: the demo bundle
 * has four items at four departments (卫健委, 公安局, 医保局, 人社局), so four officers approve here,
 * each in a browser context of their own.
 */
describe("新生儿出生一件事 from application to rating", () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) {
      await context.close();
    }
    await browser?.close();
  });

  async function signedIn(username: string): Promise<Page> {
    const context = await newContext(browser);
    contexts.push(context);
    await signInByApi(context, username);
    return context.newPage();
  }

  it("a citizen applies once, four departments approve, the citizen verifies a certificate and rates", async () => {
    const page = await signedIn("citizen");

    // From the catalogue to the bundle's page to its form.
    await page.goto("/services");
    const card = page.locator(`[data-testid=bundle-card][data-code="${BUNDLE}"]`);
    await card.getByRole("link", { name: "查看一件事：新生儿出生一件事" }).click();
    await page.waitForURL(`**/services/bundles/${BUNDLE}`);
    await expect.poll(() => page.getByTestId("bundle-items").locator(":scope > li").count()).toBe(4);
    await page.getByTestId("apply-online").click();
    await page.waitForURL(`**/portal/apply/${BUNDLE}`);
    await page.getByTestId("start-application").click();

    // 授权预填: who reads which registry, for what, and which fields.
    const plan = page.getByTestId("consent-plan");
    await plan.waitFor();
    // Shown before the draft exists: the draft comes with the consent, pre-filled, in one request.
    expect(new URL(page.url()).searchParams.get("draft")).toBeNull();
    const entries = plan.locator(":scope > li");
    const headings = await entries.locator("h3").allTextContents();
    expect(headings).toHaveLength(3);
    expect(headings).toEqual(
      expect.arrayContaining([
        "杭州市卫生健康委员会读取杭州市卫生健康委员会的“出生医学证明信息”",
        "杭州市卫生健康委员会读取杭州市公安局的“户籍人口基本信息”",
        "杭州市公安局读取杭州市民政局的“婚姻登记信息”",
      ]),
    );
    const birthRecord = entries.filter({ hasText: "“出生医学证明信息”" });
    expect(await birthRecord.getByTestId("plan-fields").textContent()).toMatch(
      /^新生儿姓名、新生儿性别、出生时间/,
    );
    expect(await birthRecord.textContent()).toContain("用途政务服务事项申请表预填");
    const marriage = entries.filter({ hasText: "“婚姻登记信息”" });
    expect(await marriage.getByTestId("plan-fields").textContent()).toContain("配偶姓名");
    expect(await marriage.textContent()).toContain("用途新生儿出生登记");
    await page.getByTestId("consent-prefill").click();

    // The form: what the registries gave is shown read-only with its source.
    const form = page.getByTestId("apply-form");
    await form.waitFor();
    const childName = form.locator("[data-field=childName]");
    expect(await childName.getAttribute("data-prefilled")).toBe("true");
    expect(await childName.locator("input").inputValue()).toBe("陈思语");
    expect((await childName.getByTestId("source-tag").textContent())?.trim()).toMatch(
      /^来源：杭州市卫生健康委员会 · 出生医学证明信息/,
    );
    const household = form.locator("[data-field=householdNumber]");
    expect(await household.getAttribute("data-prefilled")).toBe("true");
    expect(await household.getByTestId("source-tag").textContent()).toContain("来源：杭州市公安局");
    for (const [field, value] of Object.entries(ENTRIES)) {
      await fillApplyField(page, field, value);
    }
    await form.locator("button[type=submit]").click();

    // Materials: the registries supply them; nothing to upload.
    const materials = page.getByTestId("materials-step");
    await materials.waitFor();
    expect(await materials.locator("[data-material=birth-medical-certificate]").textContent()).toContain(
      "已由平台通过数据共享获取：杭州市卫生健康委员会",
    );
    // Only the child's photo is left to upload, and it is optional for a child under 16.
    expect(await materials.locator("input[type=file]").count()).toBe(1);
    expect(await materials.locator("[data-material=child-photo]").textContent()).toContain("可选");
    await materials.getByRole("button", { name: /下一步/ }).click();
    await page.getByTestId("submit-application").click();
    const number = ((await page.getByTestId("application-number").textContent()) ?? "").replace(
      /^[^0-9]*/,
      "",
    );
    expect(number).toMatch(/^330100-\d{8}-\d{6}$/);
    const href = (await page.getByTestId("view-progress").getAttribute("href")) ?? "";
    const applicationId = href.split("/").pop() ?? "";

    // Each department approves its part in the workbench, in the bundle's order.
    for (const item of ITEMS) {
      const desk = await signedIn(item.officer);
      expect(await officerApprovesAllSteps(desk, number), item.code).toEqual(item.steps);
    }

    // The citizen sees it concluded and downloads the 预防接种证.
    await page.goto(`/portal/applications/${applicationId}`);
    await expect
      .poll(() => page.getByTestId("application-status").getAttribute("data-status"))
      .toBe("concluded");
    expect(await page.getByTestId("application-outcome").getAttribute("data-outcome")).toBe("approved");
    // Every item issued its e-certificate (预防接种证, 居民户口簿, 医保参保凭证, 社会保障卡).
    for (const item of ITEMS) {
      await page.getByTestId(`certificate-${item.code}`).waitFor();
    }
    // The pre-fill is on the record in the applicant's language.
    expect(await page.locator("[data-testid=event-timeline] [data-action=prefill]").textContent()).toContain(
      "自动填写 14 项，读取 3 个部门的登记信息",
    );
    const slot = page.getByTestId(`certificate-${ITEMS[0].code}`);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      slot.getByRole("link", { name: "下载" }).click(),
    ]);
    const path = (await download.path()) as string;
    const certificate = JSON.parse(readFileSync(path, "utf8")) as { id: string; signature: { alg: string } };
    expect(certificate.signature.alg).toBe("Ed25519");

    // /verify: drop the downloaded file on the page and check its signature.
    const verifier = await newContext(browser);
    contexts.push(verifier);
    const check = await verifier.newPage();
    await check.goto("/verify");
    await check.locator(".ant-upload input[type=file]").setInputFiles(path);
    await expect.poll(() => check.getByTestId("certificate-input").inputValue()).toContain(certificate.id);
    await check.getByTestId("verify-button").click();
    const result = check.getByTestId("verify-result");
    await expect.poll(() => result.getAttribute("data-valid")).toBe("true");
    expect(await result.textContent()).toContain("签名有效");

    // 好差评: five stars and a comment, then the rating as recorded.
    const rating = page.getByTestId("application-rating");
    await rating.waitFor();
    await rating.locator(".ant-rate-star").nth(4).locator("[role=radio]").click();
    const comment = "一次申请四个部门都办好了，不用来回跑，谢谢！";
    await rating.locator("textarea").fill(comment);
    await rating.getByTestId("rating-submit").click();
    await rating.getByRole("heading", { name: "您的评价" }).waitFor();
    expect(await rating.textContent()).toContain(comment);
    expect(await rating.getByTestId("rating-submit").count()).toBe(0);
    // Recorded by the server: after a reload the page shows the rating, and no form to rate again.
    await page.reload();
    await rating.getByRole("heading", { name: "您的评价" }).waitFor();
    expect(await rating.locator(".ant-tag").first().textContent()).toBe("非常满意");
    expect(await rating.textContent()).toContain(comment);
    expect(await rating.getByTestId("rating-submit").count()).toBe(0);
  }, 120_000);
});
