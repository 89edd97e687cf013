// Exponential back-off with jitter, as the reflector and other retry loops use it
// (client-go's exponential back-off manager): each failure doubles the delay up to a cap,
// a random share is added so that many clients do not retry in step, and a quiet period
// without failures starts the sequence again from the bottom.

import type { Clock } from '../clock.js';

export interface BackoffOptions {
  /** First delay (ms). */
  readonly initialMs: number;
  /** Largest delay before jitter (ms). */
  readonly maxMs: number;
  /** Growth per failure; default 2. */
  readonly factor?: number;
  /** Random extra, as a fraction of the delay (0 … jitter); default 1 (up to double). */
  readonly jitter?: number;
  /** After this long (ms) without a failure, the next delay is `initialMs` again; default 2 minutes. */
  readonly resetAfterMs?: number;
}

/** The reflector's: 800 ms doubling to 30 s, jitter 1, reset after 2 quiet minutes. */
export const REFLECTOR_BACKOFF: BackoffOptions = { initialMs: 800, maxMs: 30_000, factor: 2, jitter: 1, resetAfterMs: 120_000 };

/**
 * Delays for successive failures.
 * Contract: `next()` returns a delay in [d, d·(1+jitter)] where d = min(maxMs,
 * initialMs·factor^(failures since reset)).
 */
export class Backoff {
  private failures = 0;
  private lastFailure = -Infinity;

  constructor(
    private readonly options: BackoffOptions,
    private readonly clock: Clock,
    private readonly random: () => number = Math.random,
  ) {}

  /** Records a failure and returns how long to wait before the next attempt (ms). */
  next(): number {
    const now = this.clock.now();
    if (now - this.lastFailure > (this.options.resetAfterMs ?? 120_000)) this.failures = 0;
    this.lastFailure = now;
    const base = Math.min(this.options.maxMs, this.options.initialMs * (this.options.factor ?? 2) ** this.failures);
    this.failures++;
    return base * (1 + this.random() * (this.options.jitter ?? 1));
  }

  /** Forgets earlier failures: the next delay is the initial one. */
  reset(): void {
    this.failures = 0;
    this.lastFailure = -Infinity;
  }
}
