import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applyWithPrefill,
  axeAtRest,
  fillApplyField,
  launchBrowser,
  newContext,
  noSidewaysScroll,
  officerApprovesAllSteps,
  samplePdf,
  signInByApi,
} from "./helpers.js";

/** 出生登记, handled by 杭州市公安局 (officer) in four steps (src/modules/catalog/demo-services.ts). */
const BIRTH_REGISTRATION = "330100-GA-QR-001-01";

/**
 * What the demo citizen 林晓雨 types: the birth record and the household (with her own name and ID
 * number) come from the registries, and so do all the materials.
 */
const ENTRIES = {
  relationToChild: "母亲",
  childEthnicity: "汉族",
  childRelationToHead: "女",
  applicantMobile: "13800000218",
};

describe("applications (办件)", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("a citizen applies on a phone with consent and pre-fill; the 公安局 officer approves each step; the citizen sees it concluded", async () => {
    const citizen = await newContext(browser, { width: 390 });
    await signInByApi(citizen, "citizen");
    const page = await citizen.newPage();

    const applied = await applyWithPrefill(page, BIRTH_REGISTRATION, { entries: ENTRIES });
    // The birth record was read from 杭州市卫生健康委员会's registry with the citizen's consent.
    expect(applied.prefilled).toEqual(
      expect.arrayContaining(["childName", "childGender", "childBirthTime", "motherIdNumber", "fatherName"]),
    );
    expect(applied.sources[0]).toMatch(
      /^来源：杭州市卫生健康委员会 · 出生医学证明信息 · 更新于 2026年11月18日/,
    );
    expect(applied.number).toMatch(/^330100-\d{8}-\d{6}$/);
    await noSidewaysScroll(page);

    await page.getByTestId("view-progress").click();
    await page.waitForURL(`**/portal/applications/${applied.id}`);
    const status = page.getByTestId("application-status");
    expect(await status.getAttribute("data-status")).toBe("submitted");
    const track = page.getByTestId("step-track");
    expect(await track.locator("[aria-current=step]").textContent()).toContain("受理");
    // Promised in 1 working day: due within 2 working days from the start, so shown as near (orange).
    expect(await page.getByTestId("due-tag").getAttribute("data-due")).toBe("near");
    // The citizen may still withdraw: nothing is decided yet.
    expect(await page.getByTestId("withdraw").count()).toBe(1);
    await noSidewaysScroll(page);
    expect(await axeAtRest(page)).toEqual([]);

    const officer = await newContext(browser);
    await signInByApi(officer, "officer");
    const desk = await officer.newPage();
    expect(await officerApprovesAllSteps(desk, applied.number)).toEqual([
      "受理",
      "审查通过",
      "准予许可",
      "办结",
    ]);
    // The officer saw who applied and where each pre-filled value came from.
    expect(await desk.getByTestId("applicant-name").textContent()).toContain("林晓雨");
    expect(await desk.locator("[data-testid=form-values] [data-field=childName] sup").textContent()).toBe(
      "1",
    );
    expect(await desk.getByTestId("source-notes").textContent()).toContain("来源：杭州市卫生健康委员会");
    expect(await desk.getByTestId("nothing-to-do").count()).toBe(1);
    expect(await axeAtRest(desk)).toEqual([]);

    await page.reload();
    await expect.poll(() => status.getAttribute("data-status")).toBe("concluded");
    expect(await page.getByTestId("application-outcome").getAttribute("data-outcome")).toBe("approved");
    expect(await page.getByTestId("task-decision").textContent()).toContain("已准予");
    expect(await page.getByTestId("withdraw").count()).toBe(0);
    const history = page.getByTestId("event-timeline");
    expect(await history.locator("[data-action=approve]").count()).toBe(4);

    // A source links to the ledger entry of the read in 谁用了我的数据.
    await page.getByTestId("source-notes").getByRole("link", { name: "查看读取记录" }).first().click();
    await page.waitForURL(/\/portal\/data-use\?seqs=\d+/);
    await page.getByTestId("data-use-seqs-filter").waitFor();
    await expect.poll(() => page.locator("[data-testid=data-use-list] > li").count()).toBe(1);
    await citizen.close();
    await officer.close();
  });

  it("a department asks for supplements (补正), the clock pauses, the citizen supplies them, and handling resumes", async () => {
    const citizen = await newContext(browser);
    await signInByApi(citizen, "citizen");
    const page = await citizen.newPage();
    const applied = await applyWithPrefill(page, BIRTH_REGISTRATION, { entries: ENTRIES });

    const officer = await newContext(browser, { width: 390 });
    await signInByApi(officer, "officer");
    const desk = await officer.newPage();
    await desk.goto("/workbench/queue");
    await desk.locator(`[data-testid=queue-row][data-number="${applied.number}"] a`).click();
    await desk.getByTestId("action-supplement").click();
    const modal = desk.locator(".ant-modal").filter({ has: desk.locator("form#task-action") });
    await modal.locator(".ant-select").click();
    await desk.keyboard.type("户口簿");
    await desk.keyboard.press("Enter");
    await desk.keyboard.type("民族");
    await desk.keyboard.press("Enter");
    await desk.keyboard.press("Escape");
    await modal.locator("textarea").fill("请上传户口簿首页和本人页；新生儿民族请与父母之一一致。");
    await modal.locator("button[type=submit]").click();
    await modal.waitFor({ state: "hidden" });
    await expect.poll(() => desk.getByTestId("task-card").getAttribute("data-status")).toBe("supplement");
    expect(await desk.getByTestId("due-tag").getAttribute("data-due")).toBe("paused");
    await noSidewaysScroll(desk);

    await page.goto(`/portal/applications/${applied.id}`);
    const panel = page.getByTestId("supply-panel");
    expect(await panel.getByTestId("supply-asked").textContent()).toContain("居民户口簿");
    expect(await panel.textContent()).toContain("请上传户口簿首页和本人页");
    await panel.locator("[data-field=childEthnicity] input").fill("回族");
    await panel
      .locator("[data-material=household-booklet] input[type=file]")
      .setInputFiles(samplePdf("户口簿-清晰.pdf"));
    await expect
      .poll(() =>
        panel.locator("[data-material=household-booklet] [data-testid=material-uploaded]").textContent(),
      )
      .toContain("户口簿-清晰.pdf");
    expect(await axeAtRest(page)).toEqual([]);
    await panel.getByTestId("supply-submit").click();
    await expect.poll(() => page.getByTestId("task-card").getAttribute("data-status")).toBe("active");
    expect(
      await page.locator("[data-testid=form-values] [data-field=childEthnicity]").textContent(),
    ).toContain("回族");
    expect(await page.locator("[data-testid=event-timeline] [data-action=supply]").count()).toBe(1);

    expect(await officerApprovesAllSteps(desk, applied.number)).toEqual([
      "受理",
      "审查通过",
      "准予许可",
      "办结",
    ]);
    await citizen.close();
    await officer.close();
  });

  it("shows the server's check of an entry on its field, keeps the draft, and lets the citizen withdraw it", async () => {
    const citizen = await newContext(browser, { width: 1280 });
    await signInByApi(citizen, "citizen");
    const page = await citizen.newPage();
    await page.goto(`/portal/apply/${BIRTH_REGISTRATION}`);
    await page.getByTestId("start-application").click();
    await page.getByTestId("consent-decline").click();
    const form = page.getByTestId("apply-form");
    await form.waitFor();
    // Without consent nothing is filled in: every field is the citizen's to type.
    expect(await form.locator("[data-prefilled=true]").count()).toBe(0);
    // The pattern is right but the check character is not (GB 11643): only the server knows.
    await fillApplyField(page, "applicantIdNumber", "330106199205171244");
    await form.locator("button[type=submit]").click();
    const idField = form.locator("[data-field=applicantIdNumber]");
    await expect
      .poll(() => idField.locator(".ant-form-item-explain-error").textContent())
      .toContain("校验不通过");
    // The same for a required field left empty, client-side, in Chinese.
    expect(await form.locator("[data-field=childName] .ant-form-item-explain-error").textContent()).toBe(
      "请填写新生儿姓名",
    );
    expect(await axeAtRest(page)).toEqual([]);

    const draftUrl = page.url();
    expect(draftUrl).toMatch(/draft=[0-9a-f-]{36}&step=form/);
    const draftId = new URL(draftUrl).searchParams.get("draft") ?? "";
    await page.goto("/portal/applications");
    const card = page.locator(`[data-testid=application-card][data-id="${draftId}"]`);
    expect(await card.getByTestId("application-status").getAttribute("data-status")).toBe("draft");
    await page.goto(`/portal/applications/${draftId}`);
    await page.getByTestId("withdraw").click();
    await page.locator(".ant-popconfirm").getByRole("button", { name: "撤回申请" }).click();
    await expect
      .poll(() => page.getByTestId("application-status").getAttribute("data-status"))
      .toBe("withdrawn");
    await citizen.close();
  });
});
