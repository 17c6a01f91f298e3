import { openSync } from "node:fs";
import pino, { type DestinationStream, type LoggerOptions } from "pino";

// 18-character ID numbers (also inside longer strings), mainland mobile numbers, our API tokens.
const ID_NUMBER =
  /(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)(?:\+?86[- ]?)?1[3-9]\d{9}(?!\d)/g;
const TOKEN = /(?:ymn|o311)_[A-Za-z0-9_-]+/g;
const SECRET_KEYS = /pass(word)?|secret|token|authorization|cookie|idnumber|id_number|mobile|phone|api_key/i;

/** Removes personal identifiers and secrets from free text before it is logged. */
export function scrub(text: string): string {
  return text
    .replace(TOKEN, (t) => `${t.slice(0, t.indexOf("_"))}_[redacted]`)
    .replace(ID_NUMBER, "[id-number]")
    .replace(MOBILE, "[mobile]");
}

/** Scrubs every string in a value, and drops the values of keys that name secrets. */
export function scrubDeep(value: unknown, depth = 0): unknown {
  if (typeof value === "string") {
    return scrub(value);
  }
  if (depth > 8 || value === null || typeof value !== "object") {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map((v) => scrubDeep(v, depth + 1));
  }
  if (value instanceof Error) {
    return {
      type: value.name,
      message: scrub(value.message),
      stack: value.stack ? scrub(value.stack) : undefined,
    };
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    // Requests, replies and the like: their serializers pick and scrub what is logged.
    return value;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_KEYS.test(k) && typeof v !== "object" ? "[redacted]" : scrubDeep(v, depth + 1);
  }
  return out;
}

interface RequestLike {
  id?: string;
  method?: string;
  url?: string;
  raw?: { url?: string };
}

/** pino options shared by the server and the CLI: JSON lines, request ids, nothing personal. */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    base: { service: "yimen" },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => scrubDeep(object) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        method.apply(
          this,
          args.map((a) => (typeof a === "string" ? scrub(a) : a)) as Parameters<typeof method>,
        );
      },
    },
    serializers: {
      req: (req: RequestLike) => ({
        method: req.method,
        url: scrub(req.url ?? req.raw?.url ?? ""),
        requestId: req.id,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

/**
 * Where the server's log lines go (standard output by default): written in batches of at least
 * 4 KiB by pino's asynchronous SonicBoom rather than one write per line, since a write costs about
 * as much as the rest of a small request. A line waits at most a second, and what is buffered is
 * written out when the process exits (pino flushes its destinations on exit).
 */
export function logDestination(dest: number | string = 1): DestinationStream {
  // A path is opened here, at once, so that lines logged before an early exit are not lost while
  // the file would still be opening.
  const fd = typeof dest === "string" ? openSync(dest, "a") : dest;
  const stream = pino.destination({ dest: fd, sync: false, minLength: 4096 });
  setInterval(() => {
    try {
      stream.flush();
    } catch {
      // not open yet, or closed: nothing to flush
    }
  }, 1000).unref();
  return stream;
}
