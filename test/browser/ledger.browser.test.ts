import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Locale,
  launchBrowser,
  newContext,
  readMe,
  seriousViolations,
  signInByApi,
  withSharedSession,
} from "./helpers.js";

interface ListedEntry {
  index: number | null;
  body: string;
}

/** Waits until the proof check shown on the page has an outcome, and returns it. */
async function verifiedState(page: Page, scope = page.locator("body")): Promise<string | null> {
  const result = scope.locator("[data-testid=verify-result]:not([data-status=idle])").first();
  await result.waitFor();
  return result.getAttribute("data-status");
}

describe("transparency ledger", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("lets an auditor find another user's sign-in, open it from the keyboard and verify it in the browser", async () => {
    // officer2 signs in: that is a ledger entry with officer2 as the actor.
    const officer = await newContext(browser);
    await signInByApi(officer, "officer2");
    await officer.close();

    const context = await newContext(browser);
    await withSharedSession(context, "auditor");
    // The integrator adds entries to the tree within about a second.
    await expect
      .poll(
        async () => {
          const response = await context.request.get("/api/ledger/entries?actor=officer2&limit=1");
          const { items } = (await response.json()) as { items: ListedEntry[] };
          return items[0]?.index ?? null;
        },
        { timeout: 15_000, interval: 300 },
      )
      .not.toBeNull();

    const page = await context.newPage();
    await page.goto("/oversight");
    await page.getByRole("link", { name: "透明账本" }).click();
    await page.waitForURL("**/oversight/ledger");
    await page.getByLabel("执行者用户名").fill("officer2");
    await page.getByRole("button", { name: "检索", exact: true }).click();
    await page.waitForURL(/actor=officer2/);
    // The URL changes before the table does: wait until every row listed is one of officer2's.
    const rows = page.getByTestId("ledger-results").locator("tbody tr.ant-table-row");
    await expect
      .poll(async () => {
        const texts = await rows.allInnerTexts();
        return texts.length > 0 && texts.every((text) => text.includes("(officer2)"));
      })
      .toBe(true);

    const open = page
      .getByTestId("ledger-results")
      .getByRole("button", { name: /^查看记录：登录/ })
      .first();
    await open.waitFor();
    await open.focus();
    await page.keyboard.press("Enter");

    const drawer = page.getByRole("dialog");
    await expect.poll(() => drawer.getByTestId("entry-actor").textContent()).toContain("(officer2)");
    expect(await drawer.getByTestId("raw-entry").textContent()).toContain('"action":"identity.sign_in"');

    await drawer.getByRole("button", { name: /^验证记录 #\d+$/ }).click();
    expect(await verifiedState(page, drawer)).toBe("verified");
    expect(await drawer.getByTestId("verify-tree-size").textContent()).toMatch(/签名树共 \d+ 条/);
    expect(await drawer.getByTestId("verify-root").textContent()).toMatch(/^[A-Za-z0-9+/]{43}=$/);

    await page.keyboard.press("Escape");
    await expect.poll(() => drawer.isVisible()).toBe(false);
    await context.close();
  });

  it("shows a citizen that the administrator read their account, and verifies that entry", async () => {
    const admin = await newContext(browser);
    await withSharedSession(admin, "admin");
    const adminName = (await readMe(admin)).displayName;
    // Listing accounts is a recorded read of every account listed, the citizen's among them.
    expect((await admin.request.get("/api/accounts?limit=100")).ok()).toBe(true);
    await admin.close();

    const context = await newContext(browser);
    await withSharedSession(context, "citizen");
    const page = await context.newPage();
    await page.goto("/portal");
    await page.getByRole("link", { name: "谁用了我的数据" }).click();
    await page.waitForURL("**/portal/data-use");

    const entry = page
      .getByTestId("data-use-list")
      .locator("article", { hasText: "查阅账号列表" })
      .filter({ hasText: adminName })
      .first();
    await entry.waitFor();
    expect(await entry.getByTestId("data-use-who").textContent()).toContain(adminName);
    expect(await entry.textContent()).toContain("账号管理");
    // A pending entry gets its index within seconds; the page looks again by itself.
    const verify = entry.getByTestId("verify-button");
    await verify.waitFor({ timeout: 15_000 });
    await verify.click();
    expect(await verifiedState(page, entry)).toBe("verified");
    await context.close();
  });

  it("says why verification fails when the served entry or its proof has been tampered with", async () => {
    const context = await newContext(browser);
    await withSharedSession(context, "citizen");
    const page = await context.newPage();
    let tamper: "body" | "proof" = "body";
    await page.route("**/ledger/entries/*", async (route) => {
      const response = await route.fetch();
      const proof = (await response.json()) as { body: string; proof: string[] };
      if (tamper === "body") {
        proof.body = proof.body.replace('"outcome":"success"', '"outcome":"failure"');
      } else {
        proof.proof = proof.proof.map((hash, i) =>
          i === 0 ? `${hash.startsWith("A") ? "B" : "A"}${hash.slice(1)}` : hash,
        );
      }
      await route.fulfill({ response, json: proof });
    });
    await page.goto("/portal/data-use");
    const entry = page
      .getByTestId("data-use-list")
      .locator("article")
      .filter({ has: page.getByTestId("verify-button") })
      .first();
    await entry.getByTestId("verify-button").click();
    expect(await verifiedState(page, entry)).toBe("failed");
    expect(await entry.getByTestId("verify-result").textContent()).toContain(
      "账本中该位置的记录与显示的不一致",
    );

    tamper = "proof";
    await entry.getByTestId("verify-button").click();
    await expect.poll(() => entry.getByTestId("verify-result").textContent()).toContain("包含证明不成立");
    await context.close();
  });

  for (const locale of ["zh-CN", "en"] satisfies Locale[]) {
    it(`has no serious or critical axe violations on the ledger pages (${locale}), also at 375 px`, async () => {
      for (const width of [1280, 375]) {
        const auditor = await newContext(browser, { locale, width });
        await withSharedSession(auditor, "auditor");
        const page = await auditor.newPage();
        await page.goto("/oversight/ledger?actor=auditor");
        await page.locator("[data-testid=ledger-results][aria-busy=false]").waitFor();
        await page.getByTestId("ledger-results").locator("tbody button").first().waitFor();
        await page.waitForLoadState("networkidle");
        expect(await seriousViolations(page), `ledger ${locale} ${width}`).toEqual([]);
        expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(
          width,
        );

        await page.getByTestId("ledger-results").locator("tbody button").first().click();
        await page.getByRole("dialog").getByTestId("verify-button").click();
        expect(await verifiedState(page)).toBe("verified");
        expect(await seriousViolations(page), `entry drawer ${locale} ${width}`).toEqual([]);
        await auditor.close();

        // An enterprise agent sees the entries about their enterprise too.
        const user = locale === "en" ? "enterprise" : "citizen";
        const context = await newContext(browser, { locale, width });
        await withSharedSession(context, user);
        const me = await readMe(context);
        const portal = await context.newPage();
        await portal.goto("/portal/data-use");
        await portal.getByTestId("data-use-list").waitFor();
        await portal.waitForLoadState("networkidle");
        if (user === "enterprise") {
          const heading = await portal.locator(".page-heading__intro").textContent();
          expect(heading).toContain(me.organisation?.name);
        }
        await portal.getByTestId("verify-button").first().click();
        expect(await verifiedState(portal)).toBe("verified");
        expect(await seriousViolations(portal), `data use ${locale} ${width}`).toEqual([]);
        expect(await portal.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(
          width,
        );
        await context.close();
      }
    });
  }
});
