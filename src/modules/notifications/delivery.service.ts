import type { OutboxStatus } from "../../../shared/notifications/notifications.js";
import type { ServiceContext } from "../../platform/context.js";
import type { Database } from "../../platform/db/database.js";
import { backoffMs, deliveryBody, maskAddress, post } from "./delivery.js";
import * as repo from "./notifications.repository.js";

/** How long past a delivery's time limit its claim lasts: a crashed worker's rows are retried after it. */
const LEASE_MARGIN_MS = 60_000;

export interface DeliveryResult {
  id: string;
  /** The row's status after this attempt ("stale" when a later claim had already taken it over). */
  status: Exclude<OutboxStatus, "pending"> | "stale";
  attempts: number;
  error?: string;
}

export interface DeliveryReport {
  claimed: number;
  delivered: number;
  failed: number;
  dead: number;
  results: DeliveryResult[];
}

/**
 * Claims due deliveries (at most `limit`, default YIMEN_NOTIFY_BATCH) and POSTs each to its channel,
 * in parallel. 2xx marks a delivery delivered; anything else schedules the next attempt with backoff,
 * or marks it dead after YIMEN_NOTIFY_MAX_ATTEMPTS. `now` stands for the clock, so tests drive time.
 * Safe to run in several processes at once: a row is claimed by one of them (SKIP LOCKED).
 */
export async function deliverDue(
  ctx: ServiceContext,
  options: { now?: Date; limit?: number } = {},
): Promise<DeliveryReport> {
  const now = options.now ?? new Date();
  const { notificationTimeoutMs: timeoutMs, notificationMaxAttempts: maxAttempts } = ctx.config;
  const leaseUntil = new Date(now.getTime() + timeoutMs + LEASE_MARGIN_MS);
  const claims = await repo.claimDue(
    ctx.db,
    now,
    leaseUntil,
    options.limit ?? ctx.config.notificationBatchSize,
  );
  const results = await Promise.all(
    claims.map(async (claim): Promise<DeliveryResult> => {
      const outcome = await post(
        { url: claim.url, secret: claim.secret, deliveryId: claim.id },
        deliveryBody(claim, now),
        timeoutMs,
      );
      const maskedTo = maskAddress(claim.kind, claim.payload.to);
      const settled: DeliveryResult = outcome.ok
        ? { id: claim.id, status: "delivered", attempts: claim.attempts }
        : {
            id: claim.id,
            status: claim.attempts >= maxAttempts ? "dead" : "failed",
            attempts: claim.attempts,
            error: outcome.error,
          };
      const applied = await repo.settle(
        ctx.db,
        claim,
        outcome.ok
          ? { status: "delivered", at: now, maskedTo }
          : settled.status === "dead"
            ? { status: "dead", error: outcome.error, at: now, maskedTo }
            : {
                status: "failed",
                error: outcome.error,
                nextAttemptAt: new Date(now.getTime() + backoffMs(claim.attempts)),
              },
      );
      return applied ? settled : { ...settled, status: "stale" };
    }),
  );
  const count = (status: DeliveryResult["status"]) => results.filter((r) => r.status === status).length;
  return {
    claimed: claims.length,
    delivered: count("delivered"),
    failed: count("failed"),
    dead: count("dead"),
    results,
  };
}

/** Where the worker reports: the server's logger. Outbox ids and counts only, never payloads. */
export interface WorkerLog {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
}

/**
 * Runs deliverDue in this process: every YIMEN_NOTIFY_POLL_MS, and at once when a committed notify()
 * wakes it through LISTEN/NOTIFY (any process on PostgreSQL; this one on PGlite). Full batches are
 * followed by another at once. Resolves to a function that stops it, letting a batch in flight finish.
 */
export async function startDeliveryWorker(
  ctx: ServiceContext,
  database: Pick<Database, "listen">,
  log: WorkerLog,
): Promise<() => Promise<void>> {
  let stopped = false;
  let again = false;
  let running: Promise<void> | null = null;
  const drain = async () => {
    do {
      again = false;
      try {
        while (!stopped) {
          const report = await deliverDue(ctx);
          if (report.claimed > 0) {
            const failures = report.results.filter((r) => r.error !== undefined);
            log.info(
              { delivered: report.delivered, failed: report.failed, dead: report.dead },
              "notification deliveries",
            );
            for (const f of failures) {
              log.warn(
                { delivery: f.id, attempts: f.attempts, status: f.status, error: f.error },
                "delivery failed",
              );
            }
          }
          if (report.claimed < ctx.config.notificationBatchSize) {
            break;
          }
        }
      } catch (err) {
        log.warn({ err }, "notification delivery pass failed");
      }
    } while (again && !stopped);
  };
  const kick = () => {
    if (stopped) {
      return;
    }
    if (running) {
      again = true;
      return;
    }
    running = drain().finally(() => {
      running = null;
    });
  };
  let unlisten: (() => Promise<void>) | null = null;
  try {
    unlisten = await database.listen(repo.OUTBOX_WAKE_CHANNEL, kick);
  } catch (err) {
    log.warn({ err }, "LISTEN for notifications failed: delivering on the poll interval only");
  }
  const timer = setInterval(kick, ctx.config.notificationPollMs);
  timer.unref();
  kick();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await unlisten?.().catch(() => {});
    await running;
  };
}
