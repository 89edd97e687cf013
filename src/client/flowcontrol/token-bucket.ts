// A token bucket as golang.org/x/time/rate's Limiter behaves, which client-go's
// flowcontrol, the work queue's overall limiter and the event spam filter all use: it
// starts full (`burst` tokens), refills at `qps` tokens per second, and a reservation
// may take the bucket below zero — the caller then waits until the debt is paid.

import type { Clock } from '../clock.js';

/**
 * A rate limit of `qps` with bursts of `burst`.
 * Contract: over any interval of T ms at most `burst + qps·T/1000` calls are admitted
 * without delay; `qps` of Infinity (or `burst` of Infinity) admits everything at once.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly qps: number,
    readonly burst: number,
    private readonly clock: Clock,
  ) {
    this.tokens = burst;
    this.last = clock.now();
  }

  private get unlimited(): boolean {
    return this.qps === Infinity || this.burst === Infinity;
  }

  /** Takes a token if one is there now; never waits. */
  tryAccept(): boolean {
    if (this.unlimited) return true;
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Takes a token and returns how long (ms) the caller must wait before using it. */
  reserve(): number {
    if (this.unlimited) return 0;
    this.refill();
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : (-this.tokens / this.qps) * 1000;
  }

  /**
   * Waits for a token. Resolves true once it may proceed; false when `signal` aborted
   * first, in which case the token is given back.
   */
  async wait(signal?: AbortSignal): Promise<boolean> {
    const delay = this.reserve();
    if (delay <= 0) return true;
    const slept = await this.clock.sleep(delay, signal);
    if (!slept) this.tokens = Math.min(this.burst, this.tokens + 1);
    return slept;
  }

  private refill(): void {
    const now = this.clock.now();
    if (now > this.last) {
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.qps);
      this.last = now;
    }
  }
}
