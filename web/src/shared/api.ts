import { PROBLEM_CODES, type Problem, type ProblemCode } from "./api-types";

/** An API call that did not succeed; `problem` is the server's problem+json body (or a synthesised one). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = "ApiError";
    this.status = problem.status;
    this.problem = problem;
  }

  /** True when the browser could not reach the server at all. */
  get isNetworkError(): boolean {
    return this.status === 0;
  }

  /** The server's error code when it is one the client knows. */
  get code(): ProblemCode | undefined {
    const code = this.problem.code;
    return PROBLEM_CODES.find((known) => known === code);
  }

  /** The offending input's name without its location prefix ("body.newPassword" → "newPassword", "querystring.to" → "to"). */
  get field(): string | undefined {
    return this.problem.field?.replace(/^(body|querystring|query|params|headers)\./, "");
  }
}

// Sent as Accept-Language so the server can word problem details in the reader's language.
let requestLanguage = "zh-CN";

/** Sets the language asked of the server (follows the UI language). */
export function setRequestLanguage(locale: string): void {
  requestLanguage = locale;
}

type Query = Record<string, string | number | undefined | null>;

export interface RequestOptions {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

const CSRF_COOKIE = "yimen_csrf";
const UNSAFE = new Set(["POST", "PATCH", "PUT", "DELETE"]);

// Fallback when the CSRF cookie is not readable (the session response also carries the token).
let csrfFallback: string | null = null;

/** Remembers the CSRF token from a session or /api/me response. */
export function rememberCsrfToken(token: string | null): void {
  csrfFallback = token;
}

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) {
      return decodeURIComponent(rest.join("="));
    }
  }
  return null;
}

function csrfToken(): string | null {
  return readCookie(CSRF_COOKIE) ?? csrfFallback;
}

type UnauthorizedListener = () => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/** Subscribes to "the session has ended" (any API call answered 401); returns an unsubscribe function. */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => {
    unauthorizedListeners.delete(listener);
  };
}

/** Builds a path with a query string, leaving out empty values. */
export function withQuery(path: string, query?: Query): string {
  if (!query) {
    return path;
  }
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") {
      params.set(key, String(value));
    }
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function isProblem(value: unknown): value is Problem {
  return typeof value === "object" && value !== null && "status" in value && "title" in value;
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy error page, for example): fall through to a synthesised problem.
  }
  if (isProblem(body)) {
    return new ApiError(body);
  }
  return new ApiError({
    type: "about:blank",
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
  });
}

/** Calls the Yimen API and returns the parsed JSON body (undefined for 204). Throws ApiError. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = {
    accept: "application/json",
    "accept-language": requestLanguage,
  };
  // A Blob (a photo) is sent as it is, with its own type; anything else as JSON.
  const raw = options.body instanceof Blob ? options.body : null;
  if (options.body !== undefined) {
    headers["content-type"] = raw ? raw.type : "application/json";
  }
  const isSignIn = method === "POST" && path === "/api/session";
  if (UNSAFE.has(method) && !isSignIn) {
    const token = csrfToken();
    if (token) {
      headers["x-csrf-token"] = token;
    }
  }
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: "same-origin",
      body: raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") {
      throw error;
    }
    throw new ApiError({ type: "about:blank", title: "Network error", status: 0 });
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (response.status === 401 && !isSignIn && path !== "/api/me/password") {
      for (const listener of unauthorizedListeners) {
        listener();
      }
    }
    throw error;
  }
  if (response.status === 204) {
    return undefined as T;
  }
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** GETs a plain-text endpoint (the ledger's checkpoint and verifier key). Throws ApiError. */
export async function apiText(path: string, options: { signal?: AbortSignal } = {}): Promise<string> {
  let response: Response;
  try {
    response = await fetch(path, {
      headers: { accept: "text/plain", "accept-language": requestLanguage },
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") {
      throw error;
    }
    throw new ApiError({ type: "about:blank", title: "Network error", status: 0 });
  }
  if (!response.ok) {
    throw await toApiError(response);
  }
  return response.text();
}
