import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiPost,
  axeAtRest,
  launchBrowser,
  newContext,
  noSidewaysScroll,
  readMe,
  withSharedSession,
} from "./helpers.js";

// The demo citizen's own mobile number (demo-data.ts); the name is read from /api/me.
const OWN_PHONE = "13857160218";

/** Map tiles come from the Internet, which tests do not reach: refuse them at once. */
async function offline(context: BrowserContext): Promise<void> {
  await context.route("https://tile.openstreetmap.org/**", (route) => route.abort());
}

describe("诉求公开: the public view of requests", () => {
  let browser: Browser;
  let marker: string;
  let ownName: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    const citizen = await newContext(browser);
    await withSharedSession(citizen, "citizen");
    ownName = (await readMe(citizen)).person?.name ?? (await readMe(citizen)).displayName;
    // Letters only: a long number would be masked as 【号码】, and "4 楼" as a floor number.
    marker = `公开测试${Date.now()
      .toString(36)
      .replace(/\d/g, (d) => "abcdefghij"[Number(d)] as string)}`;
    await apiPost(citizen, "/api/requests", {
      title: `${marker}：楼上装修`,
      description: `我叫${ownName}，电话 ${OWN_PHONE.slice(0, 3)} ${OWN_PHONE.slice(3, 7)} ${OWN_PHONE.slice(7)}，住在翠苑一区12幢3单元501室，楼上每晚装修到十一点。`,
      category: "environment-noise",
      address: "西湖区翠苑一区12幢3单元501室",
      lat: 30.2861234,
      lng: 120.1047891,
      contactName: ownName,
      contactPhone: OWN_PHONE,
    });
    await citizen.close();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("lists a request at phone width without the requester's name or phone, and opens it", async () => {
    const context = await newContext(browser, { width: 375 });
    await offline(context);
    const page = await context.newPage();
    await page.goto("/requests/public");
    await page.getByTestId("public-map").waitFor();
    const item = page.getByTestId("public-request").filter({ hasText: marker });
    await item.waitFor();
    const text = (await item.textContent()) ?? "";
    expect(text).toContain("【姓名】");
    expect(text).toContain("【电话】");
    const body = (await page.locator("body").textContent()) ?? "";
    expect(body).not.toContain(ownName);
    expect(body.replace(/\s/g, "")).not.toContain(OWN_PHONE);
    expect(body).not.toContain("501室");
    await noSidewaysScroll(page);
    expect(await axeAtRest(page)).toEqual([]);

    await item.getByRole("link").click();
    await page.getByTestId("public-request-detail").waitFor();
    const detail = (await page.getByTestId("public-request-detail").textContent()) ?? "";
    expect(detail).toContain("西湖区翠苑一区");
    expect(detail).not.toContain(ownName);
    expect(detail).not.toContain("12幢");
    await noSidewaysScroll(page);
    expect(await axeAtRest(page)).toEqual([]);
    await context.close();
  });

  it("filters by words, is linked from the header, and speaks English", async () => {
    const context = await newContext(browser, { locale: "en" });
    await offline(context);
    const page = await context.newPage();
    await page.goto("/services");
    await page.getByTestId("public-requests-link").click();
    await page.getByRole("heading", { name: "Public requests", level: 1 }).waitFor();
    await page.locator("#pr-text").fill(marker);
    await expect.poll(() => page.getByTestId("public-request").count()).toBe(1);
    await page.locator("#pr-text").fill(ownName);
    await page.getByText("No requests match").waitFor();
    expect(await axeAtRest(page)).toEqual([]);
    await context.close();
  });
});
