import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BACKOFF_MS, backoffMs, deliveryBody, JITTER, maskAddress, signature } from "./delivery.js";

describe("webhook delivery", () => {
  it("backs off 30 s, 2 min, 10 min, 1 h, 3 h, then every 6 h", () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => backoffMs(n, middle))).toEqual([
      30_000, 120_000, 600_000, 3_600_000, 10_800_000, 21_600_000, 21_600_000, 21_600_000,
    ]);
  });

  it("keeps the jitter within ±20 % of the schedule", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.double({ min: 0, max: 0.999_999, noNaN: true }),
        (n, r) => {
          const base = BACKOFF_MS[Math.min(n, BACKOFF_MS.length) - 1] as number;
          const wait = backoffMs(n, () => r);
          return wait >= base * (1 - JITTER) - 1 && wait <= base * (1 + JITTER) + 1;
        },
      ),
    );
  });

  it("signs the body with HMAC-SHA256, hex (RFC 4231 test case 2)", () => {
    expect(signature("Jefe", "what do ya want for nothing?")).toBe(
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    );
  });

  it("masks addresses for operators and settled deliveries, idempotently", () => {
    expect(maskAddress("sms", "13857160218")).toBe("138****0218");
    expect(maskAddress("sms", "138****0218")).toBe("138****0218");
    expect(maskAddress("sms", "+86 138")).toBe("***");
    expect(maskAddress("email", "lin.xiaoyu@example.cn")).toBe("l***@example.cn");
    expect(maskAddress("email", "nobody")).toBe("***");
  });

  it("sends the delivery id, attempt and time with the stored payload", () => {
    const body = deliveryBody(
      {
        id: "d1",
        attempts: 2,
        kind: "sms",
        payload: {
          to: "13857160218",
          notification: {
            id: "n1",
            kind: "k",
            title: "标题",
            titleEn: "Title",
            body: "正文",
            bodyEn: "Body",
            link: null,
            createdAt: "2026-11-27T00:00:00.000Z",
          },
        },
      },
      new Date("2026-11-27T01:00:00Z"),
    );
    expect(JSON.parse(body)).toEqual({
      delivery: "d1",
      attempt: 2,
      channel: "sms",
      sentAt: "2026-11-27T01:00:00.000Z",
      to: "13857160218",
      notification: expect.objectContaining({ id: "n1", title: "标题" }),
    });
  });
});
