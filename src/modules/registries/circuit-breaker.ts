export type CircuitState = "closed" | "open" | "half-open";

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before one trial call is let through. */
  cooldownMs: number;
  /** The clock (milliseconds); tests pass their own. */
  now?: () => number;
}

/** Thrown instead of calling through while the circuit is open. */
export class CircuitOpenError extends Error {
  constructor(readonly retryAfterMs: number) {
    super("circuit open");
    this.name = "CircuitOpenError";
  }
}

/**
 * A consecutive-failure circuit breaker: after `failureThreshold` failures in a row it fails fast for
 * `cooldownMs`, then lets one trial call through (half-open); the trial's success closes the circuit
 * and its failure opens it again for another cooldown. Hand-written because the maintained libraries'
 * current majors need Node 22.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private trialInFlight = false;
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions) {
    if (!(options.failureThreshold >= 1) || !(options.cooldownMs >= 0)) {
      throw new RangeError("failureThreshold must be ≥ 1 and cooldownMs ≥ 0");
    }
    this.now = options.now ?? Date.now;
  }

  get state(): CircuitState {
    if (this.openedAt === null) {
      return "closed";
    }
    return this.now() - this.openedAt >= this.options.cooldownMs ? "half-open" : "open";
  }

  /** Runs fn through the breaker; throws CircuitOpenError without calling fn while open. */
  async execute<T>(fn: () => Promise<T>): Promise<T> {
    const state = this.state;
    if (state === "open" || (state === "half-open" && this.trialInFlight)) {
      const elapsed = this.now() - (this.openedAt ?? 0);
      throw new CircuitOpenError(Math.max(0, this.options.cooldownMs - elapsed));
    }
    const trial = state === "half-open";
    this.trialInFlight = trial;
    try {
      const result = await fn();
      this.failures = 0;
      this.openedAt = null;
      return result;
    } catch (error) {
      this.failures += 1;
      if (trial || this.failures >= this.options.failureThreshold) {
        this.openedAt = this.now();
      }
      throw error;
    } finally {
      if (trial) {
        this.trialInFlight = false;
      }
    }
  }
}
