import { createHmac } from "node:crypto";
import type { ChannelKind } from "../../../shared/notifications/notifications.js";
import { scrub } from "../../platform/logging.js";
import { accounts, maskMobile } from "../identity/index.js";
import type { OutboxPayload } from "./notifications.tables.js";

/**
 * Waits before the next attempt after the n-th failed one: 30 s, 2 min, 10 min, 1 h, 3 h, then every
 * 6 h. Each is spread by ±20 % so that deliveries failing together do not retry together.
 */
export const BACKOFF_MS: readonly number[] = [30_000, 120_000, 600_000, 3_600_000, 10_800_000, 21_600_000];
export const JITTER = 0.2;

/** The wait after failed attempt `attempt` (1-based); `random` in [0, 1) picks the jitter. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = BACKOFF_MS[Math.min(Math.max(attempt, 1), BACKOFF_MS.length) - 1] as number;
  return Math.round(base * (1 - JITTER + 2 * JITTER * random()));
}

/** The X-Yimen-Signature header: HMAC-SHA256 of the exact body bytes with the channel's secret, hex. */
export function signature(secret: string, body: string): string {
  return createHmac("sha256", secret).update(body, "utf8").digest("hex");
}

/** The JSON a gateway receives: which delivery and attempt, when, to whom, and the notification. */
export interface DeliveryBody {
  delivery: string;
  attempt: number;
  channel: ChannelKind;
  sentAt: string;
  to: string;
  notification: OutboxPayload["notification"];
}

export function deliveryBody(
  claim: { id: string; attempts: number; kind: ChannelKind; payload: OutboxPayload },
  sentAt: Date,
): string {
  const body: DeliveryBody = {
    delivery: claim.id,
    attempt: claim.attempts,
    channel: claim.kind,
    sentAt: sentAt.toISOString(),
    to: claim.payload.to,
    notification: claim.payload.notification,
  };
  return JSON.stringify(body);
}

/** An address as operators see it, and as a settled delivery keeps it: 138****0218, l***@example.cn. */
export function maskAddress(kind: ChannelKind, to: string): string {
  if (to.includes("*")) {
    return to; // already masked (a settled delivery)
  }
  if (kind === "sms") {
    return /^1\d{10}$/.test(to) ? maskMobile(to) : "***";
  }
  return accounts.maskEmail(to);
}

/** The outcome of one POST: delivered, or why not (worded for operators; no URL, no personal data). */
export type AttemptOutcome = { ok: true; status: number } | { ok: false; error: string };

/** POSTs a delivery to a channel under a time limit. Redirects are not followed; 2xx alone is success. */
export async function post(
  target: { url: string; secret: string; deliveryId: string },
  body: string,
  timeoutMs: number,
): Promise<AttemptOutcome> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(target.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Yimen-Notifications/1",
        "x-yimen-delivery": target.deliveryId,
        "x-yimen-signature": signature(target.secret, body),
      },
      body,
      redirect: "manual",
      signal,
    });
    const text = await response.text();
    if (response.status >= 200 && response.status < 300) {
      return { ok: true, status: response.status };
    }
    const redirect = response.status >= 300 && response.status < 400 ? " (redirects are not followed)" : "";
    const snippet = scrub(text.replace(/\s+/g, " ").trim()).slice(0, 200);
    return { ok: false, error: `HTTP ${response.status}${redirect}${snippet ? `: ${snippet}` : ""}` };
  } catch (error) {
    if (signal.aborted) {
      return { ok: false, error: `timed out after ${timeoutMs} ms` };
    }
    const cause = (error as { cause?: { code?: unknown } }).cause;
    const code = typeof cause?.code === "string" ? cause.code : (error as Error).name;
    return { ok: false, error: `unreachable (${code})` };
  }
}
