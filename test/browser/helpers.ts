import { AxeBuilder } from "@axe-core/playwright";
import { type Browser, type BrowserContext, type Cookie, chromium, type Page } from "playwright-core";
import { expect, inject } from "vitest";

/** Where the built platform under test listens (set by the browser project's global setup). */
export function baseUrl(): string {
  return process.env.YIMEN_E2E_URL ?? inject("e2eUrl");
}

/** The demo accounts' password (the README's default unless overridden). */
export const DEMO_PASSWORD = process.env.YIMEN_DEMO_PASSWORD ?? "Yimen-demo-2026";

/** Headless Chromium from the system (apt package), with the flags CI needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-gpu",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
}

export type Locale = "zh-CN" | "en";

/** A fresh browser context at the given width, with the UI language preset in localStorage. */
export async function newContext(
  browser: Browser,
  options: { width?: number; locale?: Locale } = {},
): Promise<BrowserContext> {
  const width = options.width ?? 1280;
  const context = await browser.newContext({
    baseURL: baseUrl(),
    viewport: { width, height: width < 600 ? 812 : 800 },
  });
  if (options.locale) {
    // A script string: this file is type-checked without the DOM library.
    await context.addInitScript({
      content: `localStorage.setItem("yimen.locale", ${JSON.stringify(options.locale)});`,
    });
  }
  return context;
}

/** Signs in through the API (fast set-up for tests that are not about signing in). */
export async function signInByApi(context: BrowserContext, username: string): Promise<void> {
  const response = await context.request.post("/api/session", {
    data: { username, password: DEMO_PASSWORD },
  });
  if (response.status() !== 200) {
    throw new Error(`sign-in as ${username} failed: ${response.status()} ${await response.text()}`);
  }
}

// The server limits sign-ins per address and minute, so tests that only need "some session" share one.
const sharedSessions = new Map<string, Cookie[]>();

/** Gives the context a session for the user, signing in once per test file and reusing it after that. */
export async function withSharedSession(context: BrowserContext, username: string): Promise<void> {
  const cookies = sharedSessions.get(username);
  if (cookies) {
    await context.addCookies(cookies);
    return;
  }
  await signInByApi(context, username);
  sharedSessions.set(username, await context.cookies());
}

/** POSTs to the API with the context's session and its CSRF token (set-up that is not what a test is about). */
export async function apiPost<T>(context: BrowserContext, path: string, data: unknown): Promise<T> {
  const csrf = (await context.cookies()).find((cookie) => cookie.name === "yimen_csrf")?.value;
  const response = await context.request.post(path, {
    data,
    headers: csrf ? { "x-csrf-token": decodeURIComponent(csrf) } : {},
  });
  if (!response.ok()) {
    throw new Error(`POST ${path} failed: ${response.status()} ${await response.text()}`);
  }
  return (await response.json()) as T;
}

/** Signs in through the login form, the way a person does. */
export async function signInByForm(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.locator("#login_username").fill(username);
  await page.locator("#login_password").fill(password);
  await page.locator("form#login button[type=submit]").click();
}

/** The signed-in account as GET /api/me returns it. */
export interface MeForTest {
  displayName: string;
  roles: string[];
  departments: { name: string; nameEn: string }[];
  person: { name: string } | null;
  organisation: { name: string } | null;
}

/** Reads /api/me with the context's session cookie. */
export async function readMe(context: BrowserContext): Promise<MeForTest> {
  const response = await context.request.get("/api/me");
  if (!response.ok()) {
    throw new Error(`GET /api/me failed: ${response.status()}`);
  }
  return (await response.json()) as MeForTest;
}

/** Waits until the page has no sideways scroll at its width (after a resize the narrow layout comes with React's next render). */
export async function noSidewaysScroll(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate<number>("document.documentElement.scrollWidth"))
    .toBeLessThanOrEqual(page.viewportSize()?.width ?? 0);
}

/** axe on the page at rest (not a button mid-transition under the pointer). */
export async function axeAtRest(page: Page): Promise<string[]> {
  await page.mouse.move(0, 0);
  await page.waitForTimeout(300);
  return seriousViolations(page);
}

/** Runs axe-core and returns the serious and critical violations, readably. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(" "))
          .join(", ")}`,
    );
}

// ---------------------------------------------------------------------------------------------
// Applications (办件): reusable steps for the portal's apply flow and the officers' workbench.

/** A file to upload for a material. */
export interface UploadFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** A small PDF that passes the server's signature check (its first bytes are `%PDF-`). */
export function samplePdf(name = "material.pdf"): UploadFile {
  const body = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
  return { name, mimeType: "application/pdf", buffer: Buffer.from(body, "latin1") };
}

/** Types one entry of the apply form: radios and selects by their option's text, other inputs as text. */
export async function fillApplyField(page: Page, field: string, value: string): Promise<void> {
  const item = page.locator(`[data-testid=apply-form] [data-field="${field}"]`);
  if ((await item.locator(".ant-radio-group").count()) > 0) {
    await item.locator("label", { hasText: value }).first().click();
  } else if ((await item.locator(".ant-select").count()) > 0) {
    await item.locator(".ant-select").click();
    await item.locator("input").first().fill(value);
    // The option itself, not Enter: under load the list may not have filtered yet.
    await page
      .locator(
        `.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${value}"]`,
      )
      .first()
      .click();
    await expect.poll(() => item.locator(".ant-select").textContent()).toContain(value);
  } else {
    await item.locator("input, textarea").first().fill(value);
  }
}

export interface ApplyOptions {
  /** Entries the applicant types (form field → value); those pre-filled from a registry are skipped. */
  entries?: Record<string, string>;
  /** Materials to upload (material id → file); those obtained through the exchange are skipped. */
  uploads?: Record<string, UploadFile>;
}

export interface Applied {
  id: string;
  number: string;
  /** The form fields shown read-only with a source after the consent. */
  prefilled: string[];
  /** Their source lines as shown ("来源：杭州市卫生健康委员会 · 出生医学证明信息 · 更新于 …"). */
  sources: string[];
}

/**
 * A signed-in citizen applies for a service item or a one-thing bundle through /portal/apply/:code:
 * starts, consents to pre-fill, types `entries`, uploads `uploads`, reviews and submits.
 */
export async function applyWithPrefill(
  page: Page,
  code: string,
  options: ApplyOptions = {},
): Promise<Applied> {
  await page.goto(`/portal/apply/${encodeURIComponent(code)}`);
  await page.getByTestId("start-application").click();
  await page.getByTestId("consent-prefill").click();
  const form = page.getByTestId("apply-form");
  await form.waitFor();
  const prefilledItems = form.locator("[data-prefilled=true]");
  const prefilled = await prefilledItems.evaluateAll((els) =>
    els.map((el) => el.getAttribute("data-field") ?? ""),
  );
  const sources = (await form.getByTestId("source-tag").allTextContents()).map((text) => text.trim());
  for (const [field, value] of Object.entries(options.entries ?? {})) {
    // A value filled in from a registry stands as the registry holds it.
    if (!prefilled.includes(field)) {
      await fillApplyField(page, field, value);
    }
  }
  await form.locator("button[type=submit]").click();
  // On to the materials, or stuck on the form's errors: say which, rather than time out in silence.
  const materials = page.getByTestId("materials-step");
  await Promise.race([materials.waitFor(), form.locator(".ant-form-item-explain-error").first().waitFor()]);
  if (!(await materials.isVisible())) {
    await materials.waitFor({ timeout: 5_000 }).catch(async () => {
      const errors = await form.locator(".ant-form-item-explain-error").allTextContents();
      throw new Error(`the form did not go on: ${errors.join("; ")}`);
    });
  }
  for (const [material, file] of Object.entries(options.uploads ?? {})) {
    const input = page.locator(`[data-testid=materials-step] [data-material="${material}"] input[type=file]`);
    // A material the platform obtained through the exchange has nothing to upload.
    if ((await input.count()) > 0) {
      await input.setInputFiles(file);
      await page
        .locator(`[data-testid=materials-step] [data-material="${material}"] [data-testid=material-uploaded]`)
        .waitFor();
    }
  }
  await page
    .getByTestId("materials-step")
    .getByRole("button", { name: /下一步|Next/ })
    .click();
  await page.getByTestId("submit-application").click();
  const number = (await page.getByTestId("application-number").textContent())?.replace(/^[^0-9]*/, "") ?? "";
  const href = (await page.getByTestId("view-progress").getAttribute("href")) ?? "";
  return { id: href.split("/").pop() ?? "", number, prefilled, sources };
}

/**
 * A signed-in officer finds the application in the workbench queue and approves every step of its
 * task waiting on their departments (受理 → 审查 → 决定 → 办结, as the item has them) until the task
 * concludes or moves to another department. Returns the labels of the buttons pressed.
 */
export async function officerApprovesAllSteps(page: Page, number: string): Promise<string[]> {
  await page.goto("/workbench/queue");
  const row = page.locator(`[data-testid=queue-row][data-number="${number}"]`).first();
  await row.waitFor();
  const taskId = (await row.getAttribute("data-task")) ?? "";
  await row.locator("a").first().click();
  const card = page.locator(`[data-testid=task-card][data-task="${taskId}"]`);
  await card.waitFor();
  const pressed: string[] = [];
  const approve = card.getByTestId("action-approve");
  while ((await approve.count()) > 0) {
    const step = (await approve.getAttribute("data-step")) ?? "";
    pressed.push((await approve.textContent())?.trim() ?? "");
    await approve.click();
    const modal = page.locator(".ant-modal").filter({ has: page.locator("form#task-action") });
    await modal.locator("button[type=submit]").click();
    await modal.waitFor({ state: "hidden" });
    // The next step's button, or none once the task is concluded or with another department.
    // A script string: this file is type-checked without the DOM library.
    const selector = `[data-testid=task-card][data-task="${taskId}"] [data-testid=action-approve]`;
    await page.waitForFunction(
      `(() => { const b = document.querySelector(${JSON.stringify(selector)}); return !b || b.getAttribute("data-step") !== ${JSON.stringify(step)}; })()`,
    );
  }
  return pressed;
}
