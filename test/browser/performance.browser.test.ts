import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newContext, withSharedSession } from "./helpers.js";

const BUDGET_BYTES = 400 * 1024;

describe("performance budget", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it(`loads the portal with at most ${BUDGET_BYTES / 1024} KB of compressed JS and CSS on a first visit`, async () => {
    const context = await newContext(browser);
    await withSharedSession(context, "citizen");
    const page = await context.newPage();
    const assets: { url: string; encoding: string | undefined; bytes: number }[] = [];
    const pending: Promise<void>[] = [];
    page.on("requestfinished", (request) => {
      const url = new URL(request.url());
      if (!/\.(js|css)$/.test(url.pathname)) {
        return;
      }
      pending.push(
        (async () => {
          const response = await request.response();
          const sizes = await request.sizes();
          // responseBodySize is the body as transferred, i.e. compressed.
          assets.push({
            url: url.pathname,
            encoding: response?.headers()["content-encoding"],
            bytes: sizes.responseBodySize,
          });
        })(),
      );
    });
    await page.goto("/portal");
    await page.getByTestId("profile-card").waitFor();
    await page.waitForLoadState("networkidle");
    await Promise.all(pending);

    const total = assets.reduce((sum, asset) => sum + asset.bytes, 0);
    const report = assets
      .sort((a, b) => b.bytes - a.bytes)
      .map((asset) => `${(asset.bytes / 1024).toFixed(1)} KB ${asset.encoding ?? "identity"} ${asset.url}`)
      .join("\n");
    console.info(`portal first load: ${(total / 1024).toFixed(1)} KB compressed JS+CSS\n${report}`);

    expect(assets.length).toBeGreaterThan(0);
    // The server sends the pre-compressed copies the build wrote.
    for (const asset of assets) {
      expect(asset.encoding, asset.url).toMatch(/^(br|gzip)$/);
    }
    // Persona code, and the ledger's pages and proof checking, stay out of the portal's first load.
    expect(
      assets.some((asset) =>
        /AdminSection|WorkbenchHome|CockpitHome|OversightSection|LedgerPage|DataUsePage|VerifyEntry|verify-/.test(
          asset.url,
        ),
      ),
    ).toBe(false);
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
    await context.close();
  });
});
