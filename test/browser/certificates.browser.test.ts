import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import decodeQR from "qr/decode.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launchBrowser, newContext, seriousViolations, withSharedSession } from "./helpers.js";

/** Reads the QR code on the screen the way a phone would: its pixels, through a QR decoder. */
async function readQrCode(page: Page): Promise<string> {
  // A script string: this file is type-checked without the DOM library.
  const image = await page.evaluate<{ width: number; height: number; data: number[] }>(`(async () => {
    const svg = document.querySelector("[data-testid=certificate-qr]");
    const img = new Image();
    img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(new XMLSerializer().serializeToString(svg));
    await img.decode();
    const size = 480;
    const canvas = document.createElement("canvas");
    canvas.width = size;
    canvas.height = size;
    const g = canvas.getContext("2d");
    g.imageSmoothingEnabled = false;
    g.drawImage(img, 0, 0, size, size);
    return { width: size, height: size, data: Array.from(g.getImageData(0, 0, size, size).data) };
  })()`);
  return decodeQR({ width: image.width, height: image.height, data: new Uint8Array(image.data) });
}

describe("e-certificates", () => {
  let browser: Browser;
  let file: string;
  let qrLink: string;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("lists the citizen's certificate, downloads it and shows a QR code that leads to its verification page", async () => {
    const context = await newContext(browser, { width: 390 });
    await withSharedSession(context, "citizen");
    const page = await context.newPage();
    await page.goto("/portal");
    await page.getByTestId("certificates-card").getByRole("link").click();
    await page.waitForURL("**/portal/certificates");
    // Other browser tests may have issued the citizen more certificates (新生儿出生一件事): take the 结婚证.
    const card = page.getByTestId("my-certificate").filter({ hasText: "结婚证" }).first();
    await expect.poll(() => card.textContent()).toContain("结婚证");
    expect(await card.getByTestId("certificate-status").textContent()).toBe("有效");
    const id = (await card.getAttribute("data-id")) as string;

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      card.getByTestId("certificate-download").click(),
    ]);
    expect(download.suggestedFilename()).toBe(`certificate-${id}.json`);
    file = readFileSync((await download.path()) as string, "utf8");
    expect(JSON.parse(file)).toMatchObject({ id, version: 1, signature: { alg: "Ed25519" } });

    await card.getByRole("button", { name: "出示结婚证的核验二维码" }).click();
    await page.getByTestId("certificate-qr").waitFor();
    qrLink = await readQrCode(page);
    expect(qrLink).toMatch(new RegExp(`^${baseUrl()}/verify/${id}#[A-Za-z0-9_-]{22}$`));
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it("verifies the certificate in the browser of whoever scans the QR code, showing the holder masked", async () => {
    const context = await newContext(browser, { width: 1280 });
    const page = await context.newPage();
    await page.goto(qrLink);
    await expect.poll(() => page.getByTestId("verify-status").textContent()).toBe("证照有效");
    const result = page.getByTestId("offline-result");
    await result.waitFor();
    expect(await result.getAttribute("data-valid")).toBe("true");
    expect(await page.locator("[data-testid=verify-steps] li[data-state=ok]").count()).toBe(4);
    expect(await page.getByTestId("certificate-holder").textContent()).toBe("林**");
    expect(await page.getByTestId("certificate-id-number").textContent()).toMatch(/^330106\*{8}\d{3}[\dX]$/);
    // The facts the certificate states come from the document the browser verified.
    expect(await page.getByTestId("certificate-claims").textContent()).toContain("J330106-2024-001358");

    // A QR code whose digest does not fit the certificate is refused, not silently accepted.
    const [path, code] = qrLink.replace(baseUrl(), "").split("#") as [string, string];
    await page.goto(`${path}#${code.slice(0, -2)}${code.endsWith("AA") ? "BB" : "AA"}`);
    await page.getByText("二维码与此证照不符").first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it("verifies a pasted certificate offline with pasted keys, and refuses a tampered one", async () => {
    const context = await newContext(browser, { width: 390, locale: "en" });
    const keys = await (await context.request.get("/.well-known/yimen-certificate-keys.json")).text();
    const page = await context.newPage();
    await page.goto("/verify");
    await page.getByTestId("certificate-input").waitFor();
    // From here on the page may not reach the server at all.
    const calls: string[] = [];
    await page.route(/\/(api|\.well-known)\//, (route) => {
      calls.push(route.request().url());
      return route.abort();
    });

    await page.getByTestId("certificate-input").fill(file);
    await page.getByTestId("keys-paste").click();
    await page.getByTestId("keys-input").fill(keys);
    await page.getByTestId("verify-button").click();
    const result = page.getByTestId("verify-result");
    await expect.poll(() => result.getAttribute("data-valid")).toBe("true");
    expect(await result.textContent()).toContain("The signature is valid");
    expect(await page.getByTestId("certificate-holder").textContent()).toBe("林晓雨");

    const tampered = file.replace('"陈浩然"', '"陈浩燃"');
    expect(tampered).not.toBe(file);
    await page.getByTestId("certificate-input").fill(tampered);
    await page.getByTestId("verify-button").click();
    await expect.poll(() => result.getAttribute("data-valid")).toBe("false");
    expect(await result.getAttribute("data-reason")).toBe("bad-signature");
    expect(await result.textContent()).toContain("changed after signing");
    expect(calls).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it("fetches the published keys when none are pasted", async () => {
    const context = await newContext(browser, { width: 1280 });
    const page = await context.newPage();
    await page.goto("/verify");
    await page.getByTestId("certificate-input").fill(file);
    await page.getByTestId("verify-button").click();
    await expect.poll(() => page.getByTestId("verify-result").getAttribute("data-valid")).toBe("true");
    await page.getByRole("button", { name: "向本平台查询撤销状态" }).click();
    await expect.poll(() => page.getByTestId("online-status").textContent()).toContain("有效");
    await context.close();
  });
});
