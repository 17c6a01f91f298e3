import { describe, expect, it } from "vitest";
import { CircuitBreaker, CircuitOpenError } from "./circuit-breaker.js";

const fail = () => Promise.reject(new Error("down"));
const ok = () => Promise.resolve("up");

function breaker(threshold = 3, cooldownMs = 1000) {
  const clock = { now: 0 };
  return { clock, b: new CircuitBreaker({ failureThreshold: threshold, cooldownMs, now: () => clock.now }) };
}

describe("circuit breaker", () => {
  it("opens after the threshold of consecutive failures and fails fast while open", async () => {
    const { b } = breaker(3);
    for (let i = 0; i < 3; i++) {
      expect(b.state).toBe("closed");
      await expect(b.execute(fail)).rejects.toThrow("down");
    }
    expect(b.state).toBe("open");
    let called = false;
    await expect(
      b.execute(async () => {
        called = true;
      }),
    ).rejects.toBeInstanceOf(CircuitOpenError);
    expect(called).toBe(false);
  });

  it("counts only consecutive failures", async () => {
    const { b } = breaker(2);
    await expect(b.execute(fail)).rejects.toThrow();
    await b.execute(ok);
    await expect(b.execute(fail)).rejects.toThrow();
    expect(b.state).toBe("closed");
  });

  it("lets one trial through after the cooldown: success closes, failure reopens", async () => {
    const { b, clock } = breaker(1, 1000);
    await expect(b.execute(fail)).rejects.toThrow();
    clock.now = 999;
    expect(b.state).toBe("open");
    clock.now = 1000;
    expect(b.state).toBe("half-open");
    await expect(b.execute(fail)).rejects.toThrow("down");
    expect(b.state).toBe("open");
    clock.now = 2000;
    expect(await b.execute(ok)).toBe("up");
    expect(b.state).toBe("closed");
  });

  it("refuses other calls while the half-open trial is in flight", async () => {
    const { b, clock } = breaker(1, 10);
    await expect(b.execute(fail)).rejects.toThrow();
    clock.now = 10;
    let release: () => void = () => {};
    const trial = b.execute(() => new Promise<string>((resolve) => (release = () => resolve("up"))));
    await expect(b.execute(ok)).rejects.toBeInstanceOf(CircuitOpenError);
    release();
    expect(await trial).toBe("up");
    expect(b.state).toBe("closed");
  });
});
