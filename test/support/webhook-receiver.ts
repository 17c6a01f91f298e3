import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the receiver got: headers and the exact body bytes (as text). */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** How the receiver answers one request: a status, optionally after a delay. */
export interface Reply {
  status: number;
  delayMs?: number;
  body?: string;
}

/**
 * A real HTTP server on 127.0.0.1 standing in for an e-mail or SMS gateway. Replies are taken from
 * a script in order; when the script runs out, `fallback` answers.
 */
export interface WebhookReceiver {
  url: string;
  received: ReceivedRequest[];
  /** Queues replies for the next requests. */
  script(...replies: Reply[]): void;
  /** Resolves when `count` requests have arrived in all (rejects after timeoutMs). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(fallback: Reply = { status: 204 }): Promise<WebhookReceiver> {
  const received: ReceivedRequest[] = [];
  const queue: Reply[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      for (const w of waiters.filter((w) => received.length >= w.count)) {
        w.resolve();
      }
      const reply = queue.shift() ?? fallback;
      const send = () => {
        if (!res.destroyed) {
          res.statusCode = reply.status;
          res.end(reply.body ?? "");
        }
      };
      if (reply.delayMs) {
        setTimeout(send, reply.delayMs).unref();
      } else {
        send();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/notify`,
    received,
    script: (...replies) => {
      queue.push(...replies);
    },
    waitFor: (count, timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        if (received.length >= count) {
          resolve(received);
          return;
        }
        const timer = setTimeout(
          () => reject(new Error(`expected ${count} requests, got ${received.length}`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(received);
          },
        });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
