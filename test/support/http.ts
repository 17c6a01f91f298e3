import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { TEST_PASSWORD } from "./platform.js";

/** A signed-in client: keeps the session cookie and sends the CSRF header, like the web client. */
export interface Client {
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
  cookies: Record<string, string>;
  csrfToken: string;
}

export function cookieHeader(cookies: Record<string, string>): string {
  return Object.entries(cookies)
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");
}

export async function signIn(
  app: FastifyInstance,
  username: string,
  password = TEST_PASSWORD,
): Promise<Client> {
  const res = await app.inject({ method: "POST", url: "/api/session", payload: { username, password } });
  if (res.statusCode !== 200) {
    throw new Error(`sign-in as ${username} failed: ${res.statusCode} ${res.body}`);
  }
  const cookies: Record<string, string> = {};
  for (const c of res.cookies) {
    cookies[c.name] = c.value;
  }
  const client: Client = {
    cookies,
    csrfToken: (res.json() as { csrfToken: string }).csrfToken,
    async request(options) {
      const r = await app.inject({
        ...options,
        headers: {
          cookie: cookieHeader(client.cookies),
          "x-csrf-token": client.csrfToken,
          ...options.headers,
        },
      });
      for (const c of r.cookies) {
        client.cookies[c.name] = c.value;
      }
      return r;
    },
    get: (url) => client.request({ method: "GET", url }),
    post: (url, payload) =>
      client.request({
        method: "POST",
        url,
        ...(payload !== undefined ? { payload: payload as object } : {}),
      }),
    patch: (url, payload) => client.request({ method: "PATCH", url, payload: payload as object }),
    delete: (url) => client.request({ method: "DELETE", url }),
  };
  return client;
}
