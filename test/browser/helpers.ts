import { AxeBuilder } from "@axe-core/playwright";
import { type Browser, type BrowserContext, type Cookie, chromium, type Page } from "playwright-core";
import { inject } from "vitest";

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
